import ArgumentParser
import ExtractCore

/// `extract list`: the configured extracts with their last run.
struct ListCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "list",
        abstract: "List the configured extracts and their latest run."
    )

    @OptionGroup var storeOptions: StoreOptions

    @Flag(help: "Print JSON on stdout.")
    var json = false

    func run() async throws {
        let context = try await storeOptions.openEngine()
        let latestRuns: [RunLogRow]
        do {
            latestRuns = try await context.runLog.latestRuns()
        } catch let e as ExtractError {
            throw workFailure(e.description)
        }
        let latest = Dictionary(latestRuns.map { ($0.extractName, $0) }, uniquingKeysWith: { a, _ in a })
        let details = Dictionary(context.snapshot.details.map { ($0.extractName, $0) }, uniquingKeysWith: { a, _ in a })
        struct Row: Encodable {
            var extract_name: String; var is_active: Bool; var execution_group: String?; var source_type: String
            var source: String; var output_format: String?; var compression: String?; var trigger: Bool
            var max_rows_per_file: Int64?; var incremental_column: String?; var is_full_load: Bool
            var last_status: String?; var last_run: String?; var last_rows: Int64?
        }
        let rows: [Row] = context.snapshot.jobs.map { m in
            let d = details[m.extractName]
            let (kind, source): (String, String) =
                m.extractTableName.map { ("TABLE", ($0)) } ?? m.extractViewName.map { ("VIEW", $0) }
                ?? m.extractSQL.map { ("SQL", $0.count > 40 ? String($0.prefix(40)) + "…" : $0) }
                ?? m.extractProcedureName.map { ("PROCEDURE", $0) } ?? ("-", "-")
            let l = latest[m.extractName]
            return Row(
                extract_name: m.extractName,
                is_active: m.isActive == true,
                execution_group: m.executionGroup,
                source_type: kind,
                source: source.replacingNewlines(),
                output_format: d?.outputFormat,
                compression: d?.isCompressed == true ? d?.compressedType : nil,
                trigger: d?.isTriggerFile == true,
                max_rows_per_file: d?.filePropertiesMaxRowsPerFile,
                incremental_column: m.incrementalColumn,
                is_full_load: m.isFullLoad != false,
                last_status: l?.runStatus,
                last_run: l?.startTime,
                last_rows: l?.rowsWritten
            )
        }
        if json {
            print(Report.encode(rows))
            return
        }
        if rows.isEmpty {
            print("no extracts configured; `extract init --samples` installs examples")
            return
        }
        let table =
            [["EXTRACT", "ACTIVE", "GROUP", "SOURCE", "FORMAT", "COMPRESSION", "LOAD", "LAST RUN"]]
            + rows.map { r in
                [
                    r.extract_name, r.is_active ? "yes" : "no", r.execution_group ?? "-",
                    r.source_type.lowercased() + " " + r.source,
                    (r.output_format ?? "-") + (r.max_rows_per_file.map { " /\($0)" } ?? "")
                        + (r.trigger ? " +trigger" : ""),
                    r.compression ?? "-", r.is_full_load ? "full" : "incremental(\(r.incremental_column ?? "?"))",
                    r.last_status.map { "\($0) \(r.last_run ?? "")" } ?? "never",
                ]
            }
        printTable(table)
    }
}

/// Prints rows as left-aligned columns.
func printTable(_ rows: [[String]]) {
    guard let first = rows.first else { return }
    var widths = [Int](repeating: 0, count: first.count)
    for row in rows { for (i, cell) in row.enumerated() { widths[i] = max(widths[i], cell.count) } }
    for row in rows {
        var line = ""
        for (i, cell) in row.enumerated() {
            line += i == row.count - 1 ? cell : cell + String(repeating: " ", count: widths[i] - cell.count + 2)
        }
        print(line)
    }
}

extension String {
    func replacingNewlines() -> String { String(map { $0.isNewline ? " " : $0 }) }
}
