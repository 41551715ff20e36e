import ArgumentParser
import ExtractCore

/// `extract history`: recent runs from the log.
struct HistoryCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "history",
        abstract: "Show recent extract runs from log_extract_generation (newest first)."
    )

    @OptionGroup var storeOptions: StoreOptions

    @Option(name: .customLong("extract-name"), help: ArgumentHelp("Only this extract.", valueName: "name"))
    var extractName: String?

    @Option(help: "How many rows to show.")
    var limit: Int = 20

    @Flag(help: "Print JSON on stdout.")
    var json = false

    func run() async throws {
        guard limit >= 1 else { throw usageFailure("--limit must be at least 1") }
        let context = try await storeOptions.openEngine()
        let rows: [RunLogRow]
        do {
            rows = try await context.runLog.history(extractName: extractName, limit: limit)
        } catch let e as ExtractError {
            throw workFailure(e.description)
        }
        if json {
            struct Row: Encodable {
                var log_id: Int64; var extract_name: String; var execution_group: String?; var run_id: String
                var run_status: String; var run_type: String; var start_time: String; var end_time: String?
                var duration_seconds: Double?; var rows_extracted: Int64?; var rows_written: Int64?
                var files_generated: Int64?; var output_file_path: String?; var output_file_size_bytes: Int64?
                var trigger_file_path: String?; var throughput_rows_per_second: Double?
                var memory_usage_mb_before: Double?; var memory_usage_mb_after: Double?; var memory_measure = "RSS"
                var watermark_value: String?; var error_message: String?
            }
            print(
                Report.encode(
                    rows.map { r in
                        Row(
                            log_id: r.logId,
                            extract_name: r.extractName,
                            execution_group: r.executionGroup,
                            run_id: r.runId,
                            run_status: r.runStatus,
                            run_type: r.runType,
                            start_time: r.startTime,
                            end_time: r.endTime,
                            duration_seconds: r.durationSeconds,
                            rows_extracted: r.rowsExtracted,
                            rows_written: r.rowsWritten,
                            files_generated: r.filesGenerated,
                            output_file_path: r.outputFilePath,
                            output_file_size_bytes: r.outputFileSizeBytes,
                            trigger_file_path: r.triggerFilePath,
                            throughput_rows_per_second: r.throughputRowsPerSecond,
                            memory_usage_mb_before: r.memoryUsageMBBefore,
                            memory_usage_mb_after: r.memoryUsageMBAfter,
                            watermark_value: r.watermarkValue,
                            error_message: r.errorMessage
                        )
                    }
                )
            )
            return
        }
        if rows.isEmpty {
            print("no runs logged yet")
            return
        }
        let header = [
            "LOG", "START (UTC)", "EXTRACT", "STATUS", "TYPE", "ROWS", "FILES", "BYTES", "SECONDS", "ROWS/S", "RSS MiB",
            "ERROR",
        ]
        let table = [header] + rows.map(Self.cells)
        printTable(table)
    }

    static func cells(_ r: RunLogRow) -> [String] {
        var cells: [String] = [String(r.logId), String(r.startTime.prefix(19)), r.extractName, r.runStatus, r.runType]
        cells.append(r.rowsWritten.map { Report.grouped($0) } ?? "-")
        cells.append(r.filesGenerated.map { String($0) } ?? "-")
        cells.append(r.outputFileSizeBytes.map { Report.bytes($0) } ?? "-")
        cells.append(r.durationSeconds.map { Report.fixed($0, 3) } ?? "-")
        cells.append(r.throughputRowsPerSecond.map { Report.grouped(Int64($0.rounded())) } ?? "-")
        cells.append(r.memoryUsageMBAfter.map { Report.fixed($0, 1) } ?? "-")
        let error = (r.errorMessage ?? "").replacingNewlines()
        cells.append(String(error.prefix(80)))
        return cells
    }
}
