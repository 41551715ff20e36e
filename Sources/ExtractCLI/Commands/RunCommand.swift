import ArgumentParser
import ExtractCore
import ExtractSQLite
import Foundation

/// `extract run`: runs the configured extract jobs.
struct RunCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "run",
        abstract: "Run the active extract jobs of the store.",
        discussion: """
            Every selected job is validated before anything is written; an invalid job is logged FAILED \
            and not run. Execution groups run one after another; the extracts of a group run in \
            parallel, up to --max-workers at a time.

            Examples:
              extract run                                         # every active extract
              extract run --extract-name "SAMPLE_*" --max-workers 3
              extract run --execution-group SNAPSHOT_EXTRACTS --run-type FULL
              extract run --retry-failed                          # the failed extracts of the last failed run
              extract run --dry-run                               # print the plan, write nothing

            Exit status: 0 when every extract succeeded, 1 when any failed, 2 for usage or configuration errors.
            Environment: EXTRACT_STORE (default store), EXTRACT_RUN_TIME (fixed run time for names, \
            e.g. 2024-07-25T14:25:30Z), EXTRACT_LOG_LEVEL (library log level on stderr).
            """
    )

    @OptionGroup var storeOptions: StoreOptions

    @Option(help: ArgumentHelp("The output root: jobs write below it (default: the current folder).", valueName: "dir"))
    var root: String?

    @Option(
        name: .customLong("extract-name"),
        help: ArgumentHelp("An extract name or glob (SAMPLE_*); repeatable.", valueName: "name")
    )
    var extractNames: [String] = []

    @Option(
        name: .customLong("execution-group"),
        help: ArgumentHelp("An execution group; repeatable (groups run in the order given).", valueName: "group")
    )
    var executionGroups: [String] = []

    @Option(name: .customLong("run-type"), help: "The run type of every job (default: each job's is_full_load).")
    var runType: RunType?

    @Option(name: .customLong("max-workers"), help: "Extracts of one group running at the same time (1-64).")
    var maxWorkers: Int = 1

    @Flag(
        name: .customLong("dry-run"),
        help: "Print the plan (sources, paths, formats, compression) and write nothing."
    )
    var dryRun = false

    @Flag(help: "Print the result as JSON on stdout.")
    var json = false

    @Flag(
        name: .customLong("retry-failed"),
        help: "Run only the extracts that failed in run RUN_ID (default: the last run with a failure)."
    )
    var retryFailed = false

    @Argument(help: ArgumentHelp("The run whose failed extracts --retry-failed runs again.", valueName: "run-id"))
    var retryRunId: String?

    func validate() throws {
        guard (1...64).contains(maxWorkers) else { throw ValidationError("--max-workers must be between 1 and 64.") }
        if retryRunId != nil && !retryFailed {
            throw ValidationError("A run id is only accepted after --retry-failed.")
        }
    }

    func run() async throws {
        let context = try await storeOptions.openEngine()
        var selection = JobSelection(names: extractNames, groups: executionGroups)
        if retryFailed {
            guard let failed = try await context.runLog.failedExtracts(inRun: retryRunId), !failed.names.isEmpty else {
                if !json {
                    print(retryRunId.map { "run \($0) has no failed extracts" } ?? "no failed run to retry")
                } else {
                    print(Report.encode(["status": "NOTHING_TO_RETRY"]))
                }
                return
            }
            let names = failed.names.filter { name in
                extractNames.isEmpty || extractNames.contains { NamePattern($0).matches(name) }
            }
            selection = JobSelection(names: names, groups: executionGroups)
            if !json {
                print(
                    "retrying \(names.count) failed extract\(names.count == 1 ? "" : "s") of run \(failed.runId): \(names.joined(separator: ", "))"
                )
            }
        }
        let rootPath = absolute(root ?? FileManager.default.currentDirectoryPath)
        let options = RunOptions(
            outputRoot: rootPath,
            runType: runType,
            maxWorkers: maxWorkers,
            startTime: try runTime()
        )
        let plan: RunPlan
        do {
            plan = try await context.engine.plan(selection, options: options)
        } catch let e as ExtractError {
            throw usageFailure(e.description)
        }
        for w in plan.warnings { Console.err(w.description) }
        if dryRun {
            printPlan(plan, root: rootPath)
            if plan.hasErrors {
                throw usageFailure(
                    "\(plan.rejected.count) selected extract\(plan.rejected.count == 1 ? " is" : "s are") invalid"
                )
            }
            return
        }
        for r in plan.rejected {
            for issue in r.issues { Console.err(issue.description) }
        }
        let console = Console(total: plan.entries.count + plan.rejected.count, progress: true, quietResults: json)
        let task = Task { await context.engine.run(plan) { console.handle($0) } }
        let interrupt = InterruptHandler { task.cancel() }
        let summary = await withTaskCancellationHandler {
            await task.value
        } onCancel: {
            task.cancel()
        }
        interrupt.restore()
        if json {
            print(Report.encode(Report.json(summary)))
        } else {
            print("")
            print("PERFORMANCE SUMMARY")
            for r in summary.results { Report.performance(r, root: rootPath).forEach { print($0) } }
            print(Report.overall(summary))
        }
        if !summary.allSucceeded {
            throw workFailure(
                summary.wasCancelled
                    ? "the run was cancelled" : "\(summary.failed) of \(summary.results.count) extracts failed"
            )
        }
    }

    func printPlan(_ plan: RunPlan, root: String) {
        if json {
            struct Entry: Encodable {
                var extract_name: String; var execution_group: String?; var run_type: String; var source: String
                var source_datastore: String?; var format: String; var compression: String; var directory: String
                var files: [String]; var max_rows_per_file: Int?; var trigger_file: String?
            }
            struct Rejected: Encodable { var extract_name: String; var problems: [String] }
            struct Plan: Encodable {
                var run_id: String; var root: String; var dry_run = true; var extracts: [Entry];
                var rejected: [Rejected]
            }
            let entries = plan.entries.map { e in
                Entry(
                    extract_name: e.job.name,
                    execution_group: e.job.executionGroup,
                    run_type: e.runType.rawValue,
                    source: e.job.source.kindName + " " + e.job.source.displayName,
                    source_datastore: e.job.sourceDatastoreId,
                    format: e.job.format.rawValue,
                    compression: compressionText(e.job),
                    directory: e.layout.directory,
                    files: plannedFiles(e.layout),
                    max_rows_per_file: e.layout.maxRowsPerFile,
                    trigger_file: e.layout.triggerName
                )
            }
            let rejected = plan.rejected.map { Rejected(extract_name: $0.name, problems: $0.issues.map(\.description)) }
            print(Report.encode(Plan(run_id: plan.runId, root: root, extracts: entries, rejected: rejected)))
            return
        }
        print("Plan for run \(plan.runId) (dry run: nothing is written), root \(root)")
        for (group, entries) in plan.groups {
            print("execution group \(group ?? "(none)"):")
            for e in entries {
                print("  \(e.job.name)  [\(e.runType.rawValue)]")
                print(
                    "    source       \(e.job.source.kindName) \(e.job.source.displayName)\(e.job.sourceDatastoreId.map { " on datastore \($0)" } ?? "")"
                )
                if let inc = e.job.incremental {
                    print(
                        "    incremental  column \(inc.column)\(inc.daysBack.map { ", first run: last \($0) days" } ?? "")"
                    )
                }
                print("    format       \(e.job.format.rawValue), compression \(compressionText(e.job))")
                for f in plannedFiles(e.layout) { print("    file         \(Report.relative(e.layout.path(f), root))") }
                if let t = e.layout.triggerName { print("    trigger      \(Report.relative(e.layout.path(t), root))") }
            }
        }
        for r in plan.rejected {
            print("  \(r.name)  INVALID (would be logged FAILED):")
            for i in r.issues { print("    \(i.description)") }
        }
    }

    func compressionText(_ job: ExtractJob) -> String {
        guard job.compression.isCompressed else { return "none" }
        let where_ = job.format == .parquet && job.compression.kind != .zip ? " pages" : ""
        return job.compression.kind.rawValue + where_ + " (" + job.compression.level.description.uppercased() + ")"
    }

    func plannedFiles(_ layout: OutputLayout) -> [String] {
        if let archive = layout.archiveName {
            return layout.maxRowsPerFile == nil
                ? [archive] : [archive + " (entries " + layout.entryName(part: 1) + ", ...)"]
        }
        return layout.maxRowsPerFile == nil
            ? [layout.fileName(part: 1)] : [layout.fileName(part: 1), layout.fileName(part: 2) + " ..."]
    }
}
