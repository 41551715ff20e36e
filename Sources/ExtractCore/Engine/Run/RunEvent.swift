/// What a run reports while it goes, in order: the plan, each group, each extract's start,
/// progress and end, then the summary. Delivered through the callback of
/// ``ExtractEngine/run(_:onEvent:)`` or the stream of ``ExtractEngine/events(for:)``.
public enum RunEvent: Sendable {
    /// An execution group starts (`nil` = jobs without a group).
    case groupStarted(String?, extracts: [String])
    /// An extract starts reading.
    case extractStarted(name: String, runType: RunType, source: String, estimatedRows: Int64?)
    /// Rows read and written so far by a running extract.
    case extractProgress(name: String, rows: Int64, estimatedRows: Int64?)
    /// An extract ended (successfully or not).
    case extractFinished(ExtractResult)
    /// The whole run ended.
    case runFinished(RunSummary)
}

/// The outcome of one extract.
public struct ExtractResult: Sendable {
    public var name: String
    public var executionGroup: String?
    public var status: RunStatus
    public var runType: RunType
    /// The `log_id` of its log row, when one was written.
    public var logId: Int64?
    /// Committed data files (empty on failure).
    public var files: [OutputFile]
    public var triggerPath: String?
    public var metrics: ExtractMetrics
    /// Why it failed.
    public var error: ExtractError?
    /// The watermark stored by this run, if any.
    public var watermark: Watermark?

    public init(
        name: String,
        executionGroup: String?,
        status: RunStatus,
        runType: RunType,
        logId: Int64?,
        files: [OutputFile],
        triggerPath: String?,
        metrics: ExtractMetrics,
        error: ExtractError?,
        watermark: Watermark?
    ) {
        self.name = name
        self.executionGroup = executionGroup
        self.status = status
        self.runType = runType
        self.logId = logId
        self.files = files
        self.triggerPath = triggerPath
        self.metrics = metrics
        self.error = error
        self.watermark = watermark
    }
}

/// The outcome of a run: every extract's result, in plan order, and the totals.
public struct RunSummary: Sendable {
    public var runId: String
    public var results: [ExtractResult]
    public var durationSeconds: Double
    /// Set when the run was cancelled before every extract ran.
    public var wasCancelled: Bool

    public init(runId: String, results: [ExtractResult], durationSeconds: Double, wasCancelled: Bool) {
        self.runId = runId
        self.results = results
        self.durationSeconds = durationSeconds
        self.wasCancelled = wasCancelled
    }

    /// Whether every extract succeeded (and the run was not cancelled).
    public var allSucceeded: Bool { !wasCancelled && results.allSatisfy { $0.status == .success } }
    public var succeeded: Int { results.filter { $0.status == .success }.count }
    public var failed: Int { results.filter { $0.status != .success }.count }
    public var totalRows: Int64 { results.reduce(0) { $0 + $1.metrics.rowsWritten } }
    public var totalFiles: Int { results.reduce(0) { $0 + $1.metrics.filesGenerated } }
    public var totalBytes: Int64 { results.reduce(0) { $0 + $1.metrics.bytesWritten } }
    public var totalUncompressedBytes: Int64 { results.reduce(0) { $0 + $1.metrics.uncompressedBytes } }
}
