import ExtractCore
import ExtractPostgres
import ExtractTestSupport
import Foundation
import Testing

/// The PostgreSQL server the tests use: `$EXTRACT_TEST_PG_URL` (started by
/// `scripts/pg-test-server start`). Tests fail when it is missing, unless `EXTRACT_SKIP_PG=1`.
enum PG {
    /// False only when `EXTRACT_SKIP_PG=1`.
    static let enabled = ProcessInfo.processInfo.environment["EXTRACT_SKIP_PG"] != "1"

    static func url() throws -> String {
        guard let url = ProcessInfo.processInfo.environment["EXTRACT_TEST_PG_URL"], !url.isEmpty else {
            throw TestFailure(
                "EXTRACT_TEST_PG_URL is not set: run `eval \"$(scripts/pg-test-server start)\"` first (or set EXTRACT_SKIP_PG=1 to skip the PostgreSQL tests)"
            )
        }
        return url
    }

    /// `url` with `application_name` set (so a test can find its own backends).
    static func url(applicationName: String) throws -> String {
        let base = try url()
        return base + (base.contains("?") ? "&" : "?") + "application_name=\(applicationName)"
    }

    /// Runs SQL through `psql` (an independent client) and returns its unaligned, tuples-only output.
    @discardableResult
    static func psql(_ sql: String) throws -> String {
        let result = try run("psql", ["-X", "-q", "-At", "-v", "ON_ERROR_STOP=1", "-d", try url(), "-c", sql])
        guard result.status == 0 else {
            throw TestFailure("psql failed (\(result.status)): \(result.output)\nSQL: \(sql)")
        }
        var text = result.stdout
        while text.hasSuffix("\n") { text.removeLast() }
        return text
    }

    /// Runs a SQL script through `psql -f FILE`.
    static func script(_ sql: String) throws {
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("pg-script-\(UUID().uuidString).sql")
        try Data(sql.utf8).write(to: file)
        defer { try? FileManager.default.removeItem(at: file) }
        let result = try run("psql", ["-X", "-q", "-v", "ON_ERROR_STOP=1", "-d", try url(), "-f", file.path])
        guard result.status == 0 else { throw TestFailure("psql script failed (\(result.status)): \(result.output)") }
    }
}

/// Every batch of `source`, read to the end.
func readAll(_ source: any DataSource) throws -> (schema: Schema, batches: [ColumnBatch]) {
    let reader = try source.makeReader()
    defer { reader.close() }
    var batches: [ColumnBatch] = []
    while let batch = try reader.next() {
        #expect(batch.rowCount > 0)
        batches.append(batch)
    }
    return (reader.schema, batches)
}

/// One cell as text, for comparisons: NULL as `∅`, decimals unscaled, bytes as UTF-8 (binary as hex).
func cellText(_ column: Column, _ row: Int) -> String {
    if column.isNull(row) { return "∅" }
    switch column.values {
    case .bool(let v): return v[row] ? "true" : "false"
    case .int32(let v): return String(v[row])
    case .int64(let v): return String(v[row])
    case .int128(let v): return String(v[row])
    case .float(let v): return String(v[row])
    case .double(let v): return String(v[row])
    case .bytes(let v):
        let bytes = v.withBytes(at: row) { Array($0) }
        if column.type == .binary { return bytes.map { String(format: "%02x", $0) }.joined() }
        return String(decoding: bytes, as: UTF8.self)
    }
}

/// Every row of `batches` as an array of cell texts.
func rows(_ batches: [ColumnBatch]) -> [[String]] {
    var out: [[String]] = []
    for batch in batches {
        for row in 0..<batch.rowCount {
            out.append(batch.columns.map { cellText($0, row) })
        }
    }
    return out
}

/// The raw bytes of one string or binary cell.
func cellBytes(_ column: Column, _ row: Int) -> [UInt8]? {
    guard !column.isNull(row), case .bytes(let v) = column.values else { return nil }
    return v.withBytes(at: row) { Array($0) }
}
