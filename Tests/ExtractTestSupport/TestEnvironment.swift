import Foundation

/// Locations and helpers shared by every test target: the repository, its `tools/`, the Python
/// interpreter that has the reference readers (pyarrow, DuckDB, polars, fastparquet), and the
/// built `extract` binary.
public enum TestEnvironment {
    /// The repository root (the folder holding Package.swift).
    public static let repositoryRoot: URL = {
        var url = URL(fileURLWithPath: #filePath)
        while url.path != "/" {
            url.deleteLastPathComponent()
            if FileManager.default.fileExists(atPath: url.appendingPathComponent("Package.swift").path) {
                return url
            }
        }
        fatalError("Package.swift not found above \(#filePath)")
    }()

    /// The project's own checkers and dataset generator (`tools/`, see tools/README.md).
    public static let toolsDirectory: URL = repositoryRoot.appendingPathComponent("tools")

    /// An outside checker folder run as an extra beside the own checkers: `$EXTRACT_SHARED_DIR/tools`
    /// when that variable is set and the folder exists. Never required.
    public static let extraToolsDirectory: URL? = {
        guard let dir = ProcessInfo.processInfo.environment["EXTRACT_SHARED_DIR"] else { return nil }
        let tools = URL(fileURLWithPath: dir).appendingPathComponent("tools")
        return FileManager.default.fileExists(atPath: tools.appendingPathComponent("parquet_check.py").path)
            ? tools : nil
    }()

    /// `tools/make_dataset.py`: builds the `orders_bench` dataset (SQLite, optionally PostgreSQL).
    public static var datasetGenerator: String { toolsDirectory.appendingPathComponent("make_dataset.py").path }

    /// The Python with the reference readers: `$EXTRACT_TEST_PYTHON`, else `.venv/bin/python`
    /// (created by `scripts/test`).
    public static let python: String = {
        if let python = ProcessInfo.processInfo.environment["EXTRACT_TEST_PYTHON"] { return python }
        return repositoryRoot.appendingPathComponent(".venv/bin/python").path
    }()

    /// The folder with the built products (the `extract` executable) of this test run.
    public static let productsDirectory: URL = {
        let exe = URL(fileURLWithPath: CommandLine.arguments[0]).resolvingSymlinksInPath()
        var dir = exe.deletingLastPathComponent()
        // On Linux the test runner is `<products>/swift-extractPackageTests.xctest`.
        while dir.path != "/" {
            if FileManager.default.fileExists(atPath: dir.appendingPathComponent("extract").path) { return dir }
            dir.deleteLastPathComponent()
        }
        return repositoryRoot.appendingPathComponent(".build/debug")
    }()

    /// The `extract` executable under test.
    public static var extractExecutable: String {
        ProcessInfo.processInfo.environment["EXTRACT_BIN"] ?? productsDirectory.appendingPathComponent("extract").path
    }

    /// A cache folder for generated test data (kept between runs; ignored by git).
    public static let dataDirectory: URL = {
        let url = repositoryRoot.appendingPathComponent("data/test")
        try? FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url
    }()

    /// The benchmark dataset (`orders_bench`) with `rows` rows, generated once by
    /// `tools/make_dataset.py` and cached in ``dataDirectory``.
    public static func benchDataset(rows: Int = 100_000) throws -> URL {
        let url = dataDirectory.appendingPathComponent("orders_bench_\(rows).sqlite")
        let result = try run(
            python,
            [
                datasetGenerator, "--rows", String(rows), "--out", url.path, "--quiet",
            ]
        )
        guard result.status == 0 else {
            throw TestFailure("make_dataset.py failed (\(result.status)): \(result.stderr)\(result.stdout)")
        }
        return url
    }
}

/// A test precondition that failed outside an expectation.
public struct TestFailure: Error, CustomStringConvertible {
    public let description: String
    public init(_ description: String) { self.description = description }
}

/// The result of a finished child process.
public struct ProcessResult: Sendable {
    public var status: Int32
    public var stdout: String
    public var stderr: String
    /// stdout and stderr together, for failure messages.
    public var output: String { stdout + (stderr.isEmpty ? "" : "\n[stderr]\n" + stderr) }
}

/// Runs `executable` with `arguments` and waits for it, capturing its output.
/// `executable` may be a path or a name looked up on `PATH`.
@discardableResult
public func run(
    _ executable: String,
    _ arguments: [String],
    input: Data? = nil,
    environment: [String: String]? = nil,
    currentDirectory: URL? = nil
) throws -> ProcessResult {
    let process = Process()
    if executable.contains("/") {
        process.executableURL = URL(fileURLWithPath: executable)
        process.arguments = arguments
    } else {
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = [executable] + arguments
    }
    if let environment {
        process.environment = ProcessInfo.processInfo.environment.merging(environment) { $1 }
    }
    if let currentDirectory { process.currentDirectoryURL = currentDirectory }
    let outFile = FileManager.default.temporaryDirectory.appendingPathComponent("proc-\(UUID().uuidString).out")
    let errFile = FileManager.default.temporaryDirectory.appendingPathComponent("proc-\(UUID().uuidString).err")
    FileManager.default.createFile(atPath: outFile.path, contents: nil)
    FileManager.default.createFile(atPath: errFile.path, contents: nil)
    defer {
        try? FileManager.default.removeItem(at: outFile)
        try? FileManager.default.removeItem(at: errFile)
    }
    let outHandle = try FileHandle(forWritingTo: outFile)
    let errHandle = try FileHandle(forWritingTo: errFile)
    process.standardOutput = outHandle
    process.standardError = errHandle
    let inPipe = Pipe()
    process.standardInput = input == nil ? FileHandle.nullDevice : inPipe
    try process.run()
    if let input {
        inPipe.fileHandleForWriting.write(input)
        try inPipe.fileHandleForWriting.close()
    }
    process.waitUntilExit()
    try outHandle.close()
    try errHandle.close()
    return ProcessResult(
        status: process.terminationStatus,
        stdout: (try? String(contentsOf: outFile, encoding: .utf8)) ?? "",
        stderr: (try? String(contentsOf: errFile, encoding: .utf8)) ?? ""
    )
}

/// Runs `tools/parquet_check.py FILE ARGS...` (structure, statistics, page index, the readers,
/// the expectation); passes when it exits 0. With ``TestEnvironment/extraToolsDirectory`` set, its
/// checker runs too and both must pass.
public func parquetCheck(_ file: URL, _ arguments: [String] = []) throws -> ProcessResult {
    try checkWithExtra("parquet_check.py", [file.path, "--quiet", "--no-footer-dump"] + arguments)
}

/// Runs `tools/delimited_check.py FILE ARGS...` (Python csv and DuckDB, against the expectation);
/// passes when it exits 0. The extra checker runs as for ``parquetCheck(_:_:)``.
public func delimitedCheck(_ file: URL, _ arguments: [String] = []) throws -> ProcessResult {
    try checkWithExtra("delimited_check.py", [file.path] + arguments)
}

private func checkWithExtra(_ script: String, _ arguments: [String]) throws -> ProcessResult {
    var result = try run(
        TestEnvironment.python,
        [TestEnvironment.toolsDirectory.appendingPathComponent(script).path] + arguments
    )
    if let extra = TestEnvironment.extraToolsDirectory {
        let second = try run(TestEnvironment.python, [extra.appendingPathComponent(script).path] + arguments)
        result.stdout += "\n[extra checker \(extra.path)]\n" + second.stdout
        result.stderr += second.stderr
        if result.status == 0 { result.status = second.status }
    }
    return result
}

/// A fresh, empty folder under the system temporary folder, removed by ``remove()``.
public struct TemporaryDirectory: Sendable {
    public let url: URL

    public init(_ label: String = "extract-test") throws {
        url = FileManager.default.temporaryDirectory.appendingPathComponent("\(label)-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    }

    /// `url/name`.
    public func file(_ name: String) -> URL { url.appendingPathComponent(name) }

    public func remove() { try? FileManager.default.removeItem(at: url) }
}
