import ArgumentParser
import ExtractPostgres
import Foundation

/// `--store PATH`: the SQLite store file (default `$EXTRACT_STORE`, else `extract.sqlite` in
/// the current folder), or a PostgreSQL connection string (`postgresql://user@host/db`).
struct StoreOptions: ParsableArguments {
    @Option(
        help: ArgumentHelp(
            "The store: a SQLite file (default: $EXTRACT_STORE, else ./extract.sqlite) or a postgresql:// connection string.",
            valueName: "path"
        )
    )
    var store: String?

    /// The store path as given or defaulted.
    var path: String {
        store ?? ProcessInfo.processInfo.environment["EXTRACT_STORE"].flatMap { $0.isEmpty ? nil : $0 }
            ?? "extract.sqlite"
    }

    /// Whether the store is a PostgreSQL database.
    var isPostgres: Bool { PostgresConnectionString.looksLikeConnectionString(path) }

    /// The absolute store path (relative paths resolve against the current folder).
    var absolutePath: String { absolute(path) }
}

/// `path` made absolute against the current folder, with `.` and `..` folded.
func absolute(_ path: String) -> String {
    URL(fileURLWithPath: path).standardizedFileURL.path
}
