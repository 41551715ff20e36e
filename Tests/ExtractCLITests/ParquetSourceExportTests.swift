import ExtractTestSupport
import Foundation
import Testing

/// `extract export --source parquet:PATH` through the built binary: the shared dataset goes
/// SQLite -> Parquet (our writer) -> every output format (our reader), and each result is checked
/// against the SQLite rows (delimited_check) or the first Parquet file (pyarrow).
@Suite(.serialized) struct ParquetSourceExportTests {
    @Test(arguments: ["csv", "tsv", "dat", "parquet"])
    func parquetFileToEveryFormat(format: String) throws {
        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        // An own dataset (not the shared cache, which other suites generate concurrently).
        let db = dir.file("orders.sqlite")
        let made = try run(
            TestEnvironment.python,
            [
                TestEnvironment.datasetGenerator,
                "--rows", "30000", "--out", db.path, "--quiet",
            ]
        )
        try #require(made.status == 0, "\(made.output)")
        let parquet = dir.file("orders.parquet")
        let first = try run(
            TestEnvironment.extractExecutable,
            [
                "export", "--source", "sqlite:\(db.path)", "--table", "orders_bench", "--format", "parquet",
                "--compression", "zstd", "--output", parquet.path,
            ]
        )
        try #require(first.status == 0, "\(first.output)")
        let output = dir.file("out.\(format)")
        var args = ["export", "--source", "parquet:\(parquet.path)", "--format", format, "--output", output.path]
        if format != "parquet" { args += ["--null-value", "\\N"] }
        let export = try run(TestEnvironment.extractExecutable, args)
        try #require(export.status == 0, "\(export.output)")
        #expect(export.stdout.contains("exported 30,000 rows"), "\(export.stdout)")
        if format == "parquet" {
            let same = try run(
                TestEnvironment.python,
                [
                    "-c",
                    """
                    import sys, pyarrow.parquet as pq
                    a, b = pq.read_table(sys.argv[1]), pq.read_table(sys.argv[2])
                    assert a.schema.equals(b.schema), (a.schema, b.schema)
                    assert a.equals(b)
                    """, parquet.path, output.path,
                ]
            )
            #expect(same.status == 0, "\(same.output)")
        } else {
            let delimiter = ["csv": ",", "tsv": "\\t", "dat": "|"][format]!
            let check = try delimitedCheck(
                output,
                [
                    "--delimiter", delimiter, "--null-token", "\\N", "--loose",
                    "--expect-sqlite", db.path, "--query", ExportCommandTests.query,
                ]
            )
            #expect(check.status == 0, "\(check.output)")
        }
    }

    @Test func refusalsNameTheProblem() throws {
        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        let bad = dir.file("bad.parquet")
        try Data("not parquet at all".utf8).write(to: bad)
        let export = try run(
            TestEnvironment.extractExecutable,
            [
                "export", "--source", "parquet:\(bad.path)", "--format", "csv", "--output", dir.file("x.csv").path,
            ]
        )
        #expect(export.status != 0)
        #expect(export.output.contains("PAR1"), "\(export.output)")
        #expect(!FileManager.default.fileExists(atPath: dir.file("x.csv").path))
        let withTable = try run(
            TestEnvironment.extractExecutable,
            [
                "export", "--source", "parquet:\(bad.path)", "--table", "t", "--format", "csv", "--output",
                dir.file("y.csv").path,
            ]
        )
        #expect(withTable.status != 0)
        #expect(withTable.output.contains("read whole"), "\(withTable.output)")
    }

    /// `parquet:FOLDER`: a hive-partitioned folder (pyarrow) exported to CSV; the partition
    /// columns follow the file columns, `_`/`.` files are skipped, rows come in path order.
    @Test func parquetFolderToCSV() throws {
        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        let folder = dir.file("sales")
        let made = try run(
            TestEnvironment.python,
            [
                "-c",
                """
                import sys, os, pyarrow as pa, pyarrow.parquet as pq
                root = sys.argv[1]
                for year, start in ((2023, 0), (2024, 3)):
                    os.makedirs(f"{root}/year={year}", exist_ok=True)
                    pq.write_table(pa.table({"id": list(range(start, start + 3)), "name": ["a", None, "c"]}),
                                   f"{root}/year={year}/part-0.parquet", compression="snappy")
                open(f"{root}/_SUCCESS", "w").close()
                open(f"{root}/year=2024/.part-0.parquet.crc", "w").write("junk")
                """, folder.path,
            ]
        )
        try #require(made.status == 0, "\(made.output)")
        let output = dir.file("sales.csv")
        let export = try run(
            TestEnvironment.extractExecutable,
            ["export", "--source", "parquet:\(folder.path)", "--format", "csv", "--output", output.path]
        )
        try #require(export.status == 0, "\(export.output)")
        #expect(export.stdout.contains("exported 6 rows"), "\(export.stdout)")
        let csv = try String(contentsOf: output, encoding: .utf8)
        let lines = csv.split(whereSeparator: \.isNewline).map(String.init)
        #expect(lines.first == "id,name,year", "\(csv)")
        #expect(
            lines.dropFirst().map { $0.split(separator: ",", omittingEmptySubsequences: false).first! } == [
                "0", "1", "2", "3", "4", "5",
            ]
        )
        #expect(
            lines.dropFirst().map { $0.split(separator: ",").last! } == [
                "2023", "2023", "2023", "2024", "2024", "2024",
            ]
        )
    }
}
