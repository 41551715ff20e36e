import ArgumentParser
import ExtractCore
import ExtractFormats
import ExtractSQLite
import Foundation

/// `extract export`: one table, view or query to one file, in one command.
struct ExportCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "export",
        abstract: "Export one table, view or query to a CSV, TSV, DAT or Parquet file.",
        discussion: """
            Examples:
              extract export --source sqlite:shop.sqlite --table orders --format csv --output orders.csv
              extract export --source sqlite:shop.sqlite --query "SELECT * FROM orders WHERE total > 100" \\
                             --format dat --compression gzip --output big_orders.dat.gz
              extract export --source sqlite:shop.sqlite --table main.orders --format parquet \\
                             --compression zstd --output orders.parquet
              extract export --source postgresql://app@127.0.0.1:5432/shop --table sales.orders \\
                             --max-connections 2 --format csv --output orders.csv

            The file is written under a temporary name in the output folder and renamed into place only \
            when complete: a failed export leaves no file behind.
            """
    )

    @Option(
        help: ArgumentHelp(
            """
            Where to read: sqlite:PATH, or postgresql://USER@HOST:PORT/DB (libpq URL or key=value string; \
            PG* environment variables are honoured; a password is never printed).
            """,
            valueName: "url"
        )
    )
    var source: String

    @Option(
        help: ArgumentHelp(
            "PostgreSQL tables: read over N connections sharing one snapshot (ctid page ranges).",
            valueName: "n"
        )
    )
    var maxConnections: Int = 1

    @Option(help: ArgumentHelp("A table or view to export, optionally schema-qualified.", valueName: "[schema.]name"))
    var table: String?

    @Option(help: ArgumentHelp("A SQL query to export (instead of --table).", valueName: "sql"))
    var query: String?

    @Option(help: "Output format (dat is pipe-delimited).")
    var format: OutputFormat

    @Option(
        help: ArgumentHelp(
            "The file to write, exactly as named (add .gz/.zst/.lz4/.sz/.zip yourself).",
            valueName: "file"
        )
    )
    var output: String

    @OptionGroup(title: "Delimited files (csv, tsv, dat)")
    var delimited: DelimitedArguments

    @Option(help: "Compression (default: none; Parquet: snappy pages, lz4 = LZ4_RAW, zip = a ZIP archive).")
    var compression: OutputCompression.Kind?

    @Option(
        help: ArgumentHelp(
            "Compression level: minimum (fastest), normal, maximum (best) or a number (gzip/zip 0-9, zstd 1-22, lz4 1-12).",
            valueName: "level"
        )
    )
    var compressionLevel: CompressionLevel?

    @OptionGroup(title: "Parquet")
    var parquet: ParquetArguments

    @Option(
        help: "SQLite values that do not fit their declared column type: fail, or text (read such columns as text)."
    )
    var typeMismatch: TypeMismatchPolicy = .fail

    @Option(
        help: ArgumentHelp(
            "PostgreSQL: the server cancels a statement that runs longer (default: the server's setting).",
            valueName: "seconds"
        )
    )
    var statementTimeout: Double?

    @Flag(help: "Print no summary line.")
    var quiet = false

    func validate() throws {
        if maxConnections < 1 {
            throw ValidationError("--max-connections must be at least 1.")
        }
        if let statementTimeout, !(statementTimeout > 0 && statementTimeout <= 86_400 * 30) {
            throw ValidationError("--statement-timeout must be a number of seconds above 0, not '\(statementTimeout)'.")
        }
        if table != nil && query != nil {
            throw ValidationError("Give exactly one of --table or --query.")
        }
        // Database sources need one of them (their factories say so); parquet: needs neither.
        if table == nil && query == nil && !source.lowercased().hasPrefix("parquet:") {
            throw ValidationError("Give exactly one of --table or --query.")
        }
        if format == .parquet && delimited.isSet {
            throw ValidationError(
                "Delimited-file options (--delimiter, --quote, ...) do not apply to --format parquet."
            )
        }
        if format != .parquet && parquet.isSet {
            throw ValidationError("--row-group-size and --page-size apply to --format parquet only.")
        }
    }

    func run() async throws {
        let clock = ContinuousClock()
        let start = clock.now
        let result: ExportResult
        do {
            let plan = try ExportPlan(command: self)
            result = try plan.run(progress: ProgressReporter(label: output))
        } catch let error as ExtractError {
            // Bad arguments are found before anything is read: a usage error (2); the rest failed work (1).
            if error.code == .invalidArgument || error.code == .invalidConfiguration {
                throw CLIError.usage(error.description)
            }
            throw CLIError.failed(error.description)
        }
        let seconds = (clock.now - start).seconds
        if !quiet {
            print(Summary.line(rows: result.rows, bytes: result.bytes, seconds: seconds, path: output))
        }
    }
}
