import ExtractTestSupport
import Foundation
import Testing

/// `extract export` end to end through the built binary, every file verified by
/// tools/delimited_check.py against the SQLite source.
@Suite(.serialized) struct ExportCommandTests {
    /// The source rows as our one rendering writes them: booleans as true/false (SQLite stores 0/1).
    static let query = """
        SELECT order_id, customer_id, order_date, order_ts, status, channel, product_name, quantity,
               unit_price, discount, CASE is_gift WHEN 1 THEN 'true' ELSE 'false' END AS is_gift, notes
        FROM orders_bench ORDER BY order_id
        """

    /// Exports the 100K-row shared dataset in every delimited format × every whole-file compression.
    @Test(arguments: ["csv", "tsv", "dat"], ["none", "gzip", "zstd", "lz4", "snappy", "zip"])
    func sharedDatasetEveryFormatAndCompression(format: String, compression: String) throws {
        let db = try TestEnvironment.benchDataset(rows: 100_000)
        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        let suffix = ["none": "", "gzip": ".gz", "zstd": ".zst", "lz4": ".lz4", "snappy": ".sz", "zip": ".zip"][
            compression
        ]!
        let output = dir.file("orders.\(format)\(suffix)")
        let export = try run(
            TestEnvironment.extractExecutable,
            [
                "export", "--source", "sqlite:\(db.path)", "--table", "orders_bench",
                "--format", format, "--compression", compression, "--null-value", "\\N", "--output", output.path,
            ]
        )
        try #require(export.status == 0, "\(export.output)")
        #expect(export.stdout.contains("exported 100,000 rows"), "\(export.stdout)")
        var checkTarget = output
        if compression == "zip" {
            // delimited_check reads plain files: unpack the single entry with Python's zipfile.
            let unpacked = dir.file("unzipped")
            let unzip = try run(
                TestEnvironment.python,
                [
                    "-c",
                    """
                    import sys, zipfile
                    z = zipfile.ZipFile(sys.argv[1]); assert z.testzip() is None
                    names = z.namelist(); assert names == ['orders.\(format)'], names
                    open(sys.argv[2], 'wb').write(z.read(names[0]))
                    """, output.path, unpacked.path,
                ]
            )
            try #require(unzip.status == 0, "\(unzip.output)")
            checkTarget = unpacked
        }
        let delimiter = ["csv": ",", "tsv": "\\t", "dat": "|"][format]!
        var args = [
            "--delimiter", delimiter, "--null-token", "\\N", "--loose",
            "--expect-sqlite", db.path, "--query", Self.query,
        ]
        if compression == "zip" { args += ["--compression", "none"] }
        let check = try delimitedCheck(checkTarget, args)
        #expect(check.status == 0, "\(check.output)")
    }

    @Test func queryExportAndHeaderlessCRLF() throws {
        let db = try TestEnvironment.benchDataset(rows: 100_000)
        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        let output = dir.file("gifts.csv")
        let query = "SELECT order_id, notes FROM orders_bench WHERE is_gift = 1 ORDER BY order_id"
        let export = try run(
            TestEnvironment.extractExecutable,
            [
                "export", "--source", "sqlite:\(db.path)", "--query", query, "--format", "csv",
                "--no-header", "--row-delimiter", "crlf", "--null-value", "\\N", "--output", output.path,
            ]
        )
        try #require(export.status == 0, "\(export.output)")
        let check = try delimitedCheck(
            output,
            [
                "--no-header", "--null-token", "\\N",
                "--expect-sqlite", db.path, "--query", query,
            ]
        )
        #expect(check.status == 0, "\(check.output)")
        let bytes = try Data(contentsOf: output)
        #expect(bytes.suffix(2) == Data([13, 10]), "rows end with CRLF")
    }

    /// Parquet footers name the version and the git commit of the build that wrote them.
    @Test func parquetCreatedByNamesTheBuild() throws {
        let db = try TestEnvironment.benchDataset(rows: 100_000)
        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        let output = dir.file("orders.parquet")
        let export = try run(
            TestEnvironment.extractExecutable,
            [
                "export", "--source", "sqlite:\(db.path)", "--query", "SELECT order_id FROM orders_bench LIMIT 10",
                "--format", "parquet", "--output", output.path,
            ]
        )
        try #require(export.status == 0, "\(export.output)")
        let createdBy = try run(
            TestEnvironment.python,
            [
                "-c",
                "import sys, pyarrow.parquet as pq; print(pq.ParquetFile(sys.argv[1]).metadata.created_by)",
                output.path,
            ]
        )
        let commit = try run("git", ["-C", TestEnvironment.repositoryRoot.path, "rev-parse", "--short=12", "HEAD"])
        let sha = commit.stdout.trimmingCharacters(in: .whitespacesAndNewlines)
        #expect(
            createdBy.stdout.hasPrefix("swift-extract version 0.1.0 (build \(sha)"),
            "\(createdBy.output) vs \(sha)"
        )
    }

    @Test func failuresLeaveNoFileAndExitNonZero() throws {
        let db = try TestEnvironment.benchDataset(rows: 100_000)
        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        let output = dir.file("x.csv")
        let cases: [([String], String)] = [
            (["--table", "no_such_table", "--format", "csv"], "no_such_table"),
            (["--table", "orders_bench", "--format", "csv", "--compression", "brotli"], "brotli"),
            (["--table", "orders_bench", "--format", "csv", "--delimiter", "abcdef"], "delimiter"),
            (["--table", "orders_bench", "--format", "csv", "--quoting", "none"], "cannot be written without quotes"),
            (["--query", "SELECT * FROM nowhere", "--format", "csv"], "nowhere"),
        ]
        for (args, mention) in cases {
            let result = try run(
                TestEnvironment.extractExecutable,
                ["export", "--source", "sqlite:\(db.path)", "--output", output.path] + args
            )
            #expect(result.status != 0, "\(args) should fail")
            #expect(result.stderr.contains(mention), "\(args): error should mention \(mention): \(result.stderr)")
            #expect(try FileManager.default.contentsOfDirectory(atPath: dir.url.path).isEmpty, "\(args) left a file")
        }
        let usage = try run(
            TestEnvironment.extractExecutable,
            ["export", "--source", "sqlite:\(db.path)", "--format", "csv", "--output", output.path]
        )
        #expect(usage.status == 64 || usage.status == 2, "missing --table/--query is a usage error: \(usage.status)")
    }
}
