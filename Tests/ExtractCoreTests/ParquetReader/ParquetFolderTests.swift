import ExtractCore
import ExtractFormats
import ExtractTestSupport
import Foundation
import Testing

/// Parquet folders as one table: files found recursively in path order, `_`/`.` names ignored,
/// hive `key=value` folders as typed partition columns, one schema (drift refused by name);
/// checked against pyarrow's `read_table(folder)`, which follows the same rules.
@Suite("Parquet folders")
struct ParquetFolderTests {
    /// Writes `layout` (relative path -> Python expression of a pyarrow table) under `dir`.
    static func write(_ layout: [String: String], in dir: URL) throws {
        let script = """
            import sys, os, json, datetime, pyarrow as pa, pyarrow.parquet as pq
            root, layout = sys.argv[1], json.loads(sys.argv[2])
            for rel, expr in layout.items():
                path = os.path.join(root, rel)
                os.makedirs(os.path.dirname(path), exist_ok=True)
                if expr == "junk":
                    open(path, "w").write("not parquet")
                else:
                    pq.write_table(eval(expr), path, compression="zstd")
            """
        let json = String(decoding: try JSONSerialization.data(withJSONObject: layout), as: UTF8.self)
        let made = try run(TestEnvironment.python, ["-c", script, dir.path, json])
        try #require(made.status == 0, "\(made.output)")
    }

    static func table(ids: ClosedRange<Int>) -> String {
        "pa.table({'id': pa.array(range(\(ids.lowerBound), \(ids.upperBound + 1)), pa.int64()), 'v': pa.array([i / 4 for i in range(\(ids.lowerBound), \(ids.upperBound + 1))])})"
    }

    static func readAll(_ path: String) throws -> (Schema, [[String]]) {
        let reader = try ParquetFolderSource(path: path, decompressors: BlockCodecs.decompressors, batchRowCount: 7)
            .makeReader()
        var out = Array(repeating: [String](), count: reader.schema.count)
        while let batch = try reader.next() {
            for (c, column) in batch.columns.enumerated() {
                for row in 0..<column.count { out[c].append(ParquetConformanceTests.canonical(column, row)) }
            }
        }
        return (reader.schema, out)
    }

    @Test func hivePartitionedFolderReadsLikePyarrow() throws {
        let dir = try TemporaryDirectory("parquet-folder")
        defer { dir.remove() }
        try Self.write(
            [
                "year=2023/region=eu/part-0.parquet": Self.table(ids: 0...9),
                "year=2023/region=eu/part-1.parquet": Self.table(ids: 10...14),
                "year=2023/region=us%20east/part-0.parquet": Self.table(ids: 15...19),
                "year=2024/region=__HIVE_DEFAULT_PARTITION__/part-0.parquet": Self.table(ids: 20...29),
                "year=2024/region=eu/sub/part-9.parquet": Self.table(ids: 30...31),
                "year=2024/region=eu/_SUCCESS": "junk",
                "year=2024/region=eu/.part-9.parquet.crc": "junk",
                "_temporary/year=2025/region=eu/part-0.parquet": "junk",
                ".hidden/part-0.parquet": "junk",
                "_common_metadata": "junk",
            ],
            in: dir.url
        )
        let (schema, ours) = try Self.readAll(dir.url.path)
        #expect(
            schema
                == Schema([
                    Field("id", .int64, nullable: true), Field("v", .double, nullable: true),
                    Field("year", .int32, nullable: true), Field("region", .string, nullable: true),
                ])
        )
        // Files in path order (byte order: "eu" < "us%20east"), so the ids come out sorted.
        #expect(ours[0] == (0...31).map(String.init))
        #expect(ours[2] == Array(repeating: "2023", count: 20) + Array(repeating: "2024", count: 12))
        let hex: (String) -> String = { Array($0.utf8).map { String(format: "%02x", $0) }.joined() }
        #expect(ours[3].filter { $0 == hex("us east") }.count == 5)
        #expect(ours[3].filter { $0 == "∅" }.count == 10)
        // pyarrow: same rows (as sets of row texts; its partition columns are dictionaries).
        let reference = try #require(try ParquetConformanceTests.pyarrow([dir.url])[dir.url.path]?.columns)
        #expect(reference.map(\.name) == ["id", "v", "year", "region"])
        func rows(_ columns: [[String]]) -> [String] {
            (0..<(columns.first?.count ?? 0)).map { r in columns.map { $0[r] }.joined(separator: "|") }.sorted()
        }
        #expect(rows(ours) == rows(reference.map { $0.values ?? [] }))
    }

    @Test func partitionValuesAreTypedByTheirValues() throws {
        #expect(ParquetFolder.inferType(["2023", "1", nil]) == .int32)
        #expect(ParquetFolder.inferType(["2023", "9999999999"]) == .int64)
        #expect(ParquetFolder.inferType(["1.5", "2", "-3e2"]) == .double)
        #expect(ParquetFolder.inferType(["nan", "1"]) == .string)
        #expect(ParquetFolder.inferType(["2024-01-31", "1999-12-01"]) == .date)
        #expect(ParquetFolder.inferType(["2024-02-30"]) == .string)
        #expect(ParquetFolder.inferType([nil]) == .string)
        #expect(ParquetFolder.hivePair("k%3Db=a%2Fb%25")! == ("k=b", "a/b%"))
        #expect(ParquetFolder.hivePair("=x") == nil)
        #expect(ParquetFolder.hivePair("k=")! == ("k", ""))
    }

    @Test func typedPartitionColumnsCarryTheirValues() throws {
        let dir = try TemporaryDirectory("parquet-folder-typed")
        defer { dir.remove() }
        try Self.write(
            [
                "day=2024-01-31/ratio=1.5/big=9999999999/part.parquet": Self.table(ids: 0...2),
                "day=2024-02-01/ratio=2/big=1/part.parquet": Self.table(ids: 3...3),
            ],
            in: dir.url
        )
        let (schema, ours) = try Self.readAll(dir.url.path)
        #expect(schema.fields.suffix(3).map(\.type) == [.date, .double, .int64])
        #expect(ours[2] == ["19753", "19753", "19753", "19754"])
        #expect(
            ours[3] == Array(repeating: "d\(Int64(bitPattern: 1.5.bitPattern))", count: 3) + [
                "d\(Int64(bitPattern: 2.0.bitPattern))"
            ]
        )
        #expect(ours[4] == ["9999999999", "9999999999", "9999999999", "1"])
    }

    static func refusal(_ layout: [String: String]) throws -> ExtractError? {
        let dir = try TemporaryDirectory("parquet-folder-bad")
        defer { dir.remove() }
        try write(layout, in: dir.url)
        do {
            _ = try readAll(dir.url.path)
            return nil
        } catch let error as ExtractError {
            return error
        }
    }

    @Test func schemaDriftAndTypeConflictsAreRefusedByName() throws {
        let extra = try Self.refusal([
            "part-0.parquet": Self.table(ids: 0...1),
            "part-1.parquet": "pa.table({'id': pa.array([5], pa.int64()), 'v': [1.0], 'extra': [2.0]})",
        ])
        #expect(
            extra?.message.contains("part-1.parquet has column 'extra' (double) that part-0.parquet lacks") == true,
            "\(String(describing: extra))"
        )
        #expect(extra?.message.contains("must share one schema") == true)
        #expect(extra?.context.column == "extra")
        let missing = try Self.refusal([
            "a.parquet": Self.table(ids: 0...1), "b.parquet": "pa.table({'id': pa.array([5], pa.int64())})",
        ])
        #expect(missing?.message.contains("b.parquet lacks column 'v' (double) that a.parquet has") == true)
        let conflict = try Self.refusal([
            "a.parquet": Self.table(ids: 0...1),
            "b.parquet": "pa.table({'id': pa.array([5], pa.int64()), 'v': pa.array([1], pa.int64())})",
        ])
        #expect(
            conflict?.message.contains("column 'v' is double in a.parquet but int64 in b.parquet") == true,
            "\(String(describing: conflict))"
        )
        let depth = try Self.refusal([
            "k=1/a.parquet": Self.table(ids: 0...1), "b.parquet": Self.table(ids: 2...3),
        ])
        #expect(depth?.message.contains("partition folders") == true, "\(String(describing: depth))")
        let clash = try Self.refusal(["id=1/a.parquet": Self.table(ids: 0...1)])
        #expect(clash?.message.contains("partition folder key 'id' is also a column") == true)
        let junk = try Self.refusal(["a.parquet": Self.table(ids: 0...1), "notes.txt": "junk"])
        #expect(junk?.context.path?.hasSuffix("notes.txt") == true, "\(String(describing: junk))")
        let nested = try Self.refusal([
            "a.parquet": "pa.table({'id': [1], 'l': pa.array([[1, 2]])})"
        ])
        #expect(nested?.code == .unsupported)
        #expect(nested?.message.contains("'l'") == true)
    }

    @Test func anEmptyFolderIsRefused() throws {
        let dir = try TemporaryDirectory("parquet-folder-empty")
        defer { dir.remove() }
        FileManager.default.createFile(atPath: dir.file("_SUCCESS").path, contents: Data())
        #expect {
            _ = try ParquetFolderSource(path: dir.url.path).makeReader()
        } throws: { error in
            (error as? ExtractError)?.message.contains("holds no data file") == true
        }
        #expect(throws: ExtractError.self) { _ = try ParquetFolder(path: dir.file("missing").path) }
    }
}
