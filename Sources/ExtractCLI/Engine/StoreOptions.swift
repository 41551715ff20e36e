import ArgumentParser
import Foundation

/// `--store PATH`: the SQLite store file (default `$EXTRACT_STORE`, else `extract.sqlite` in
/// the current folder).
struct StoreOptions: ParsableArguments {
    @Option(help: ArgumentHelp("The store file (default: $EXTRACT_STORE, else ./extract.sqlite).", valueName: "path"))
    var store: String?

    /// The store path as given or defaulted.
    var path: String {
        store ?? ProcessInfo.processInfo.environment["EXTRACT_STORE"].flatMap { $0.isEmpty ? nil : $0 } ?? "extract.sqlite"
    }

    /// The absolute store path (relative paths resolve against the current folder).
    var absolutePath: String { absolute(path) }
}

/// `path` made absolute against the current folder, with `.` and `..` folded.
func absolute(_ path: String) -> String {
    URL(fileURLWithPath: path).standardizedFileURL.path
}
