import ExtractTestSupport
import Foundation
import Testing

/// `extract export --source postgresql://...` end to end: the shared dataset loaded into the test
/// server, exported over one and two connections, and checked against the SQLite copy of the same
/// rows by tools/delimited_check.py and parquet_check.py.
@Suite(.serialized, .enabled(if: ProcessInfo.processInfo.environment["EXTRACT_SKIP_PG"] != "1"))
struct PostgresExportTests {
    static func serverURL() throws -> String {
        guard let url = ProcessInfo.processInfo.environment["EXTRACT_TEST_PG_URL"], !url.isEmpty else {
            throw TestFailure(
                "EXTRACT_TEST_PG_URL is not set: run `eval \"$(scripts/pg-test-server start)\"` (or set EXTRACT_SKIP_PG=1)"
            )
        }
        return url
    }

    /// The 100K-row shared dataset in SQLite and, with the same rows, in PostgreSQL (table orders_bench).
    static func loadDataset() throws -> (sqlite: URL, pg: String) {
        let url = try serverURL()
        let sqlite = TestEnvironment.dataDirectory.appendingPathComponent("orders_bench_100000.sqlite")
        let load = try run(
            TestEnvironment.python,
            [
                TestEnvironment.datasetGenerator,
                "--rows", "100000", "--out", sqlite.path, "--postgres", url, "--quiet",
            ]
        )
        guard load.status == 0 else { throw TestFailure("make_dataset.py --postgres failed: \(load.output)") }
        return (sqlite, url)
    }

    /// The SQLite rows as our rendering writes the PostgreSQL ones (booleans true/false); numbers
    /// compare numerically (`--loose`): PostgreSQL numeric(12,2) gives 5.00 where SQLite REAL gives 5.0.
    static let expected = """
        SELECT order_id, customer_id, order_date, order_ts, status, channel, product_name, quantity,
               unit_price, discount, CASE is_gift WHEN 1 THEN 'true' ELSE 'false' END AS is_gift, notes
        FROM orders_bench ORDER BY order_id
        """

    @Test(arguments: [1, 2])
    func csvMatchesTheSQLiteCopy(connections: Int) throws {
        let (sqlite, pg) = try Self.loadDataset()
        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        let output = dir.file("orders.csv.zst")
        let export = try run(
            TestEnvironment.extractExecutable,
            [
                "export", "--source", pg, "--table", "public.orders_bench", "--max-connections", String(connections),
                "--format", "csv", "--compression", "zstd", "--null-value", "\\N", "--output", output.path,
            ]
        )
        try #require(export.status == 0, "\(export.output)")
        #expect(export.stdout.contains("exported 100,000 rows"), "\(export.stdout)")
        // Parallel reads return ranges in block order, which for this freshly loaded table is order_id order.
        let check = try delimitedCheck(
            output,
            [
                "--null-token", "\\N", "--loose",
                "--expect-sqlite", sqlite.path, "--query", Self.expected,
            ]
        )
        #expect(check.status == 0, "\(check.output)")
    }

    @Test func parquetFromAQueryIsReadIdentically() throws {
        let (_, pg) = try Self.loadDataset()
        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        let output = dir.file("gifts.parquet")
        let query =
            "SELECT order_id, unit_price, discount, order_ts, notes FROM orders_bench WHERE is_gift ORDER BY order_id"
        let export = try run(
            TestEnvironment.extractExecutable,
            [
                "export", "--source", pg, "--query", query, "--format", "parquet", "--output", output.path,
            ]
        )
        try #require(export.status == 0, "\(export.output)")
        // The expectation comes from psql (an independent client), as CSV.
        let expected = dir.file("expected.csv")
        let copy = try run(
            "psql",
            [
                "-X", "-q", "-d", pg, "-c",
                "\\copy (\(query)) to '\(expected.path)' csv header null '<NULL>'",
            ]
        )
        try #require(copy.status == 0, "\(copy.output)")
        // NULL spelled apart from '' and from the literal text \N some notes hold.
        let check = try parquetCheck(output, ["--expect-csv", expected.path, "--csv-null", "<NULL>"])
        #expect(check.status == 0, "\(check.output)")
    }

    @Test func passwordNeverPrinted() throws {
        let url = try Self.serverURL()
        // A wrong password for a non-existent role: the error must not echo it.
        let bad = url.replacingOccurrences(of: "postgresql://postgres@", with: "postgresql://nobody:s3cr3t-pw@")
        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        let result = try run(
            TestEnvironment.extractExecutable,
            [
                "export", "--source", bad, "--table", "orders_bench", "--format", "csv", "--output",
                dir.file("x.csv").path,
            ]
        )
        #expect(result.status == 1, "\(result.output)")
        #expect(!result.output.contains("s3cr3t-pw"), "\(result.output)")
        #expect(try FileManager.default.contentsOfDirectory(atPath: dir.url.path).isEmpty)
    }
}
