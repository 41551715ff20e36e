import ExtractTestSupport
import Foundation
import Testing

/// A scratch folder with a store, and helpers to run `extract` in it.
struct EngineWorkspace {
    let dir: TemporaryDirectory
    var url: URL { dir.url }
    var store: String { dir.file("extract.sqlite").path }

    init(samples: Bool = true) throws {
        dir = try TemporaryDirectory("engine-e2e")
        if samples {
            let r = try extract(["init", "--samples"])
            guard r.status == 0 else { throw TestFailure("init failed: \(r.output)") }
        }
    }

    /// Runs `extract ARGS --store <store>` in the folder, at a fixed run time.
    @discardableResult
    func extract(_ arguments: [String], runTime: String = "2024-07-25T14:25:30Z") throws -> ProcessResult {
        try run(
            TestEnvironment.extractExecutable,
            arguments + ["--store", store],
            environment: ["EXTRACT_RUN_TIME": runTime],
            currentDirectory: url
        )
    }

    /// Runs SQL against the store with Python's sqlite3 (another implementation than ours).
    func sql(_ statements: String) throws {
        let r = try run(
            TestEnvironment.python,
            [
                "-c", "import sqlite3,sys; c=sqlite3.connect(sys.argv[1]); c.executescript(sys.argv[2]); c.commit()",
                store, statements,
            ]
        )
        guard r.status == 0 else { throw TestFailure("sql failed: \(r.output)") }
    }

    /// Every regular file below the folder (relative paths), excluding the store.
    func files(under sub: String = "") throws -> [String] {
        let base = sub.isEmpty ? url : url.appendingPathComponent(sub)
        guard let e = FileManager.default.enumerator(at: base, includingPropertiesForKeys: [.isRegularFileKey]) else {
            return []
        }
        var out: [String] = []
        for case let f as URL in e where (try f.resourceValues(forKeys: [.isRegularFileKey]).isRegularFile ?? false) {
            let rel = String(f.standardizedFileURL.path.dropFirst(url.standardizedFileURL.path.count + 1))
            if !rel.hasPrefix("extract.sqlite") { out.append(rel) }
        }
        return out.sorted()
    }

    func path(_ relative: String) -> String { dir.file(relative).path }

    /// `extract history --json` rows.
    func history(_ extra: [String] = []) throws -> [[String: Any]] {
        let r = try extract(["history", "--json", "--limit", "200"] + extra)
        guard r.status == 0 else { throw TestFailure("history failed: \(r.output)") }
        return try JSONSerialization.jsonObject(with: Data(r.stdout.utf8)) as? [[String: Any]] ?? []
    }

    func remove() { dir.remove() }
}

/// Expects a checker run to pass, showing its output otherwise.
func expectPass(_ result: ProcessResult, _ what: String, sourceLocation: SourceLocation = #_sourceLocation) {
    #expect(result.status == 0, "\(what): \(result.output)", sourceLocation: sourceLocation)
}

/// The JSON object printed by a command.
func jsonObject(_ text: String) throws -> [String: Any] {
    guard let object = try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any] else {
        throw TestFailure("not a JSON object: \(text)")
    }
    return object
}

/// `sha256sum FILE`.
func sha256(_ path: String) throws -> String {
    let r = try run("sha256sum", [path])
    return String(r.stdout.prefix(64))
}
