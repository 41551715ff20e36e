#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif
import Logging

/// The extract engine: reads jobs from a ``ConfigStore``, validates and plans them, runs them
/// (execution groups one after another, extracts inside a group in parallel up to
/// ``RunOptions/maxWorkers``), writes their files through a ``SinkFactory`` and logs every
/// extract in a ``RunLog``.
///
/// ```swift
/// let engine = ExtractEngine(configStore: store, runLog: log, sources: resolver,
///                            sinks: StandardSinkFactory(), logger: Logger(label: "extract"))
/// let plan = try await engine.plan(JobSelection(names: ["SAMPLE_*"]), options: RunOptions(outputRoot: "/data/out"))
/// let summary = await engine.run(plan) { event in /* progress */ }
/// ```
///
/// The engine prints nothing, exits nothing and keeps no global state. A cancelled task stops
/// reading at the next batch, removes what it started and logs FAILED.
public struct ExtractEngine: Sendable {
    public let configStore: any ConfigStore
    public let runLog: any RunLog
    public let sources: any SourceResolver
    public let sinks: any SinkFactory
    public let logger: Logger

    public init(
        configStore: any ConfigStore,
        runLog: any RunLog,
        sources: any SourceResolver,
        sinks: any SinkFactory,
        logger: Logger
    ) {
        self.configStore = configStore
        self.runLog = runLog
        self.sources = sources
        self.sinks = sinks
        self.logger = logger
    }

    /// Validates every active job of the store.
    public func validate() async throws -> JobValidator.Result {
        JobValidator().validate(try await configStore.loadSnapshot())
    }

    /// Selects, validates and resolves the jobs of a run. Nothing is written.
    public func plan(_ selection: JobSelection, options: RunOptions) async throws -> RunPlan {
        try RunPlanner().plan(try await configStore.loadSnapshot(), selection: selection, options: options)
    }

    /// Runs `plan`. Rejected (invalid) extracts are logged FAILED first, before any file is
    /// written; then the groups run in order. Never throws: every failure is in the summary.
    public func run(_ plan: RunPlan, onEvent: @escaping @Sendable (RunEvent) -> Void = { _ in }) async -> RunSummary {
        let clock = ContinuousClock()
        let t0 = clock.now
        var results: [ExtractResult] = []
        for rejected in plan.rejected {
            let result = await logRejected(rejected, plan: plan)
            onEvent(.extractFinished(result))
            results.append(result)
        }
        var cancelled = false
        let workers = max(1, plan.options.maxWorkers)
        for (group, entries) in plan.groups {
            if Task.isCancelled { cancelled = true; break }
            onEvent(.groupStarted(group, extracts: entries.map(\.job.name)))
            logger.info(
                "execution group started",
                metadata: ["group": "\(group ?? "-")", "extracts": "\(entries.count)"]
            )
            var groupResults: [String: ExtractResult] = [:]
            await withTaskGroup(of: ExtractResult.self) { tasks in
                var pending = entries.makeIterator()
                var started = 0
                while started < workers, let entry = pending.next() {
                    tasks.addTask { await self.runExtract(entry, plan: plan, onEvent: onEvent) }
                    started += 1
                }
                while let result = await tasks.next() {
                    groupResults[result.name] = result
                    onEvent(.extractFinished(result))
                    if !Task.isCancelled, let entry = pending.next() {
                        tasks.addTask { await self.runExtract(entry, plan: plan, onEvent: onEvent) }
                    }
                }
            }
            if Task.isCancelled { cancelled = true }
            results += entries.compactMap { groupResults[$0.job.name] }
            if cancelled { break }
        }
        let elapsed = clock.now - t0
        let summary = RunSummary(
            runId: plan.runId,
            results: results,
            durationSeconds: seconds(elapsed),
            wasCancelled: cancelled
        )
        logger.info(
            "run finished",
            metadata: [
                "run_id": "\(plan.runId)", "succeeded": "\(summary.succeeded)",
                "failed": "\(summary.failed)",
            ]
        )
        onEvent(.runFinished(summary))
        return summary
    }

    /// Runs `plan` and delivers its events as an asynchronous sequence that ends after
    /// ``RunEvent/runFinished(_:)``. Dropping the sequence's consumer cancels the run.
    public func events(for plan: RunPlan) -> AsyncStream<RunEvent> {
        AsyncStream { continuation in
            let task = Task {
                _ = await self.run(plan) { continuation.yield($0) }
                continuation.finish()
            }
            continuation.onTermination = { _ in task.cancel() }
        }
    }

    // MARK: - One extract

    func runExtract(_ entry: RunPlan.Entry, plan: RunPlan, onEvent: @escaping @Sendable (RunEvent) -> Void) async
        -> ExtractResult
    {
        let job = entry.job
        let layout = entry.layout
        let clock = ContinuousClock()
        let t0 = clock.now
        var metrics = ExtractMetrics()
        metrics.rssBytesBefore = ProcessMemory.residentSetBytes()
        var log = logger
        log[metadataKey: "extract"] = "\(job.name)"
        let start = RunLogStart(
            extractName: job.name,
            executionGroup: job.executionGroup,
            runId: plan.runId,
            runType: entry.runType,
            startTime: CivilDateTime.now(),
            sourceType: job.source.kindName,
            sourceObject: job.source.objectName,
            sourceSchema: job.source.schema,
            sourceDatastoreId: job.sourceDatastoreId,
            outputFormat: job.format.rawValue,
            isCompressed: job.compression.isCompressed,
            compressionType: job.compression.isCompressed ? job.compression.kind.rawValue : nil,
            rssBytesBefore: metrics.rssBytesBefore
        )
        func result(
            _ status: RunStatus,
            logId: Int64?,
            files: [OutputFile],
            trigger: String?,
            error: ExtractError?,
            watermark: Watermark?
        ) -> ExtractResult {
            ExtractResult(
                name: job.name,
                executionGroup: job.executionGroup,
                status: status,
                runType: entry.runType,
                logId: logId,
                files: files,
                triggerPath: trigger,
                metrics: metrics,
                error: error,
                watermark: watermark
            )
        }
        let logId: Int64
        do {
            logId = try await runLog.recordStart(start)
        } catch {
            let e = extractError(error, "cannot write the IN_PROGRESS log row").inJob(job.name)
            log.error("cannot log start", metadata: ["error": "\(e)"])
            metrics.durationSeconds = seconds(clock.now - t0)
            return result(.failed, logId: nil, files: [], trigger: nil, error: e, watermark: nil)
        }
        var files: [OutputFile] = []
        var triggerPath: String? = nil
        do {
            var window: IncrementalWindow? = nil
            if let inc = job.incremental {
                var after: Watermark? = nil
                var since: String? = nil
                if entry.runType == .incremental {
                    after = try await runLog.watermark(for: job.name)
                    if after == nil, let days = inc.daysBack { since = plan.startTime.addingDays(-days).isoDate }
                }
                window = IncrementalWindow(
                    column: inc.column,
                    after: after,
                    since: since,
                    filters: entry.runType == .incremental
                )
            }
            if Task.isCancelled { throw ExtractError(.cancelled, "the run was cancelled before this extract started") }
            let resolved = try await sources.resolve(
                SourceRequest(
                    extractName: job.name,
                    source: job.source,
                    datastoreId: job.sourceDatastoreId,
                    incremental: window,
                    validation: job.validation
                )
            )
            log.info(
                "extract started",
                metadata: ["source": "\(resolved.source.displayName)", "run_type": "\(entry.runType.rawValue)"]
            )
            let estimate = estimatedRows(resolved)
            onEvent(
                .extractStarted(
                    name: job.name,
                    runType: entry.runType,
                    source: resolved.source.displayName,
                    estimatedRows: estimate
                )
            )
            let rows: Int64
            (files, rows) = try writeData(
                resolved.source,
                entry: entry,
                runTime: plan.startTime,
                estimate: estimate,
                onEvent: onEvent
            )
            metrics.rowsExtracted = rows
            metrics.rowsWritten = files.reduce(0) { $0 + $1.rows }
            metrics.filesGenerated = files.count
            metrics.bytesWritten = files.reduce(0) { $0 + $1.bytes }
            metrics.uncompressedBytes = files.reduce(0) { $0 + $1.uncompressedBytes }
            guard metrics.rowsWritten == rows else {
                throw ExtractError(
                    .internal,
                    "the writer reports \(metrics.rowsWritten) rows in its files but \(rows) were read",
                    context: .init(job: job.name)
                )
            }
            if let name = layout.triggerName {
                let path = layout.path(name)
                try TriggerManifest(
                    extractName: job.name,
                    runId: plan.runId,
                    createdAt: CivilDateTime.now(),
                    files: files
                ).write(to: path)
                triggerPath = path
            }
            metrics.rssBytesAfter = ProcessMemory.residentSetBytes()
            metrics.durationSeconds = seconds(clock.now - t0)
            try await runLog.recordFinish(
                logId: logId,
                RunLogFinish(
                    status: .success,
                    endTime: CivilDateTime.now(),
                    metrics: metrics,
                    files: files,
                    triggerPath: triggerPath,
                    errorMessage: nil,
                    errorDetails: nil
                ),
                watermark: resolved.upperWatermark
            )
            log.info("extract succeeded", metadata: ["rows": "\(metrics.rowsWritten)", "files": "\(files.count)"])
            return result(
                .success,
                logId: logId,
                files: files,
                trigger: triggerPath,
                error: nil,
                watermark: resolved.upperWatermark
            )
        } catch {
            // Nothing of a failed extract stays visible: remove committed files and the trigger.
            for f in files { removeFile(f.path) }
            if let triggerPath { removeFile(triggerPath) }
            let e = extractError(error, "extract failed").inJob(job.name)
            metrics.rowsWritten = 0
            metrics.filesGenerated = 0
            metrics.bytesWritten = 0
            metrics.uncompressedBytes = 0
            metrics.rssBytesAfter = ProcessMemory.residentSetBytes()
            metrics.durationSeconds = seconds(clock.now - t0)
            log.error("extract failed", metadata: ["error": "\(e)"])
            do {
                try await runLog.recordFinish(
                    logId: logId,
                    RunLogFinish(
                        status: .failed,
                        endTime: CivilDateTime.now(),
                        metrics: metrics,
                        files: [],
                        triggerPath: nil,
                        errorMessage: e.description,
                        errorDetails: errorDetails(e)
                    ),
                    watermark: nil
                )
            } catch {
                log.error("cannot log failure", metadata: ["error": "\(error)"])
            }
            return result(.failed, logId: logId, files: [], trigger: nil, error: e, watermark: nil)
        }
    }

    /// Reads every batch into the sink; returns the committed files and the rows read.
    func writeData(
        _ source: any DataSource,
        entry: RunPlan.Entry,
        runTime: CivilDateTime,
        estimate: Int64?,
        onEvent: @Sendable (RunEvent) -> Void
    ) throws -> ([OutputFile], Int64) {
        let job = entry.job
        // Reading runs on its own thread, a couple of batches ahead of encoding and compression.
        let reader = try BatchPrefetcher(source: source, depth: 2)
        defer { reader.close() }
        try AtomicFile.createDirectories(.init(entry.layout.directory))
        let sink = try sinks.makeSink(
            for: SinkRequest(
                extractName: job.name,
                schema: reader.schema,
                format: job.format,
                fileProperties: job.fileProperties,
                compression: job.compression,
                layout: entry.layout,
                runTime: runTime
            )
        )
        var rows: Int64 = 0
        do {
            while let batch = try reader.next() {
                if Task.isCancelled {
                    throw ExtractError(.cancelled, "the run was cancelled", context: .init(job: job.name))
                }
                try sink.write(batch)
                rows += Int64(batch.rowCount)
                onEvent(.extractProgress(name: job.name, rows: rows, estimatedRows: estimate))
            }
            let files = try sink.finish()
            return (files, rows)
        } catch {
            sink.abort()
            throw error
        }
    }

    func estimatedRows(_ resolved: ResolvedSource) -> Int64? {
        (resolved.source as? any RowCountEstimating)?.estimatedRowCount
    }

    /// Logs a rejected (invalid) extract as FAILED without running it.
    func logRejected(_ rejected: RunPlan.Rejected, plan: RunPlan) async -> ExtractResult {
        let message = rejected.issues.map(\.description).joined(separator: "; ")
        let error = ExtractError(
            .invalidConfiguration,
            "configuration is invalid: " + message,
            context: .init(job: rejected.name)
        )
        let r = rejected.record
        let source: (String, String, String?) = {
            if let t = r?.extractTableName { return ("TABLE", t, r?.extractTableSchema) }
            if let v = r?.extractViewName { return ("VIEW", v, r?.extractViewSchema) }
            if let s = r?.extractSQL { return ("SQL", s, nil) }
            if let p = r?.extractProcedureName { return ("PROCEDURE", p, r?.extractProcedureSchema) }
            return ("UNKNOWN", "", nil)
        }()
        let runType: RunType = r?.isFullLoad == false && plan.options.runType != .full ? .incremental : .full
        var logId: Int64? = nil
        do {
            let id = try await runLog.recordStart(
                RunLogStart(
                    extractName: rejected.name,
                    executionGroup: rejected.executionGroup,
                    runId: plan.runId,
                    runType: runType,
                    startTime: CivilDateTime.now(),
                    sourceType: source.0,
                    sourceObject: source.1,
                    sourceSchema: source.2,
                    sourceDatastoreId: nil,
                    outputFormat: "",
                    isCompressed: false,
                    compressionType: nil,
                    rssBytesBefore: nil
                )
            )
            logId = id
            try await runLog.recordFinish(
                logId: id,
                RunLogFinish(
                    status: .failed,
                    endTime: CivilDateTime.now(),
                    metrics: ExtractMetrics(),
                    files: [],
                    triggerPath: nil,
                    errorMessage: error.description,
                    errorDetails: "validation"
                ),
                watermark: nil
            )
        } catch {
            logger.error("cannot log rejected extract", metadata: ["extract": "\(rejected.name)", "error": "\(error)"])
        }
        return ExtractResult(
            name: rejected.name,
            executionGroup: rejected.executionGroup,
            status: .failed,
            runType: runType,
            logId: logId,
            files: [],
            triggerPath: nil,
            metrics: ExtractMetrics(),
            error: error,
            watermark: nil
        )
    }
}

/// A source that can tell roughly how many rows it will produce (for progress bars).
public protocol RowCountEstimating {
    /// The expected number of rows, or `nil` when unknown.
    var estimatedRowCount: Int64? { get }
}

/// `error` as an ``ExtractError``: another error (one a custom ``DataSource`` or sink threw) is
/// kept as the ``ExtractError/underlying`` cause of a `.source` error.
func extractError(_ error: any Error, _ message: String) -> ExtractError {
    ExtractError(wrapping: error, code: .source, message)
}

/// The error's code and underlying error, for the log's `error_details`.
func errorDetails(_ e: ExtractError) -> String {
    var text = "code: \(e.code)"
    if let column = e.context.column { text += "; column: \(column)" }
    if let path = e.context.path { text += "; path: \(path)" }
    if let underlying = e.underlying { text += "; cause: \(underlying)" }
    return text
}

func seconds(_ d: Duration) -> Double {
    let (s, atto) = d.components
    return Double(s) + Double(atto) / 1e18
}

func removeFile(_ path: String) {
    _ = path.withCString { unlink($0) }
}
