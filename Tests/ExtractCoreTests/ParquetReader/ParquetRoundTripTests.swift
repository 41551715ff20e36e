import ExtractCore
import ExtractFormats
import ExtractTestSupport
import Foundation
import Testing

/// Files our own writer produces read back equal: every column type × {required, some NULLs,
/// all NULL} × {dictionary, PLAIN, dictionary falling back to PLAIN} × every page codec × one or
/// many row groups and pages, with and without page checksums; and each other writer option
/// (no page index, serial encoding, pages and row groups cut by bytes or at one row, compression
/// levels, a 1-byte dictionary limit, a file without rows).
@Suite("Parquet reader round trips")
struct ParquetRoundTripTests {
    @Test(arguments: ParquetEncodingMode.allCases, BlockCompression.allCases)
    func everyTypeReadsBackEqual(mode: ParquetEncodingMode, compression: BlockCompression) throws {
        let dir = try TemporaryDirectory("parquet-roundtrip")
        defer { removeUnlessKept(dir) }
        let cardinality: ParquetTestTable.Cardinality
        var configuration = ParquetWriter.Configuration(
            codec: BlockCodecs.make(compression),
            rowGroupRowLimit: 300,
            pageRowLimit: 128,
            writePageChecksums: compression == .gzip
        )
        switch mode {
        case .dictionary: cardinality = .low
        case .plain:
            cardinality = .unique
            configuration.dictionaryEnabled = false
        case .fallback:
            cardinality = .growing
            configuration.dictionaryPageSizeLimit = 256
            configuration.pageRowLimit = 50
        }
        let table = ParquetTestTable(rows: 1000, cardinality: cardinality)
        let written = table.batches()
        let file = dir.file("t.parquet")
        _ = try writeParquet(written, schema: table.schema, to: file, configuration)

        for batchRows in [ColumnBatch.defaultRowCount, 77] {
            let (schema, batches) = try readAllColumns(
                file.path,
                batchRowCount: batchRows,
                decompressors: BlockCodecs.decompressors
            )
            #expect(schema == table.schema)
            #expect(batches.reduce(0) { $0 + $1.rowCount } == 1000)
            #expect(batches.allSatisfy { $0.rowCount <= batchRows })
            let expected = columnTexts(written), actual = columnTexts(batches)
            for (c, field) in table.schema.fields.enumerated() {
                #expect(actual[c] == expected[c], "column \(field.name) (\(mode), \(compression))")
            }
        }
        let parquet = try ParquetFile(path: file.path, decompressors: BlockCodecs.decompressors)
        #expect(parquet.rowCount == 1000)
        #expect(parquet.rowGroups.count == 4)
    }

    /// The writer's other options, one row each (every type, some NULLs, 1000 rows).
    static let writerOptions: [String: ParquetWriter.Configuration] = [
        "no page index": .init(codec: BlockCodecs.make(.snappy), writePageIndex: false),
        "checksums, zstd": .init(codec: BlockCodecs.make(.zstd), writePageChecksums: true),
        "checksums, lz4_raw": .init(codec: BlockCodecs.make(.lz4Raw), writePageChecksums: true),
        "serial encoding": .init(codec: BlockCodecs.make(.gzip), parallelEncoding: false),
        "pages cut by bytes": .init(codec: BlockCodecs.make(.snappy), pageBytes: 200),
        "one row per page": .init(codec: BlockCodecs.make(.zstd), pageRowLimit: 1),
        "row groups cut by bytes": .init(codec: BlockCodecs.make(.uncompressed), rowGroupBytes: 4096),
        "one row per row group": .init(codec: BlockCodecs.make(.lz4Raw), rowGroupRowLimit: 1),
        "gzip level 9": .init(codec: BlockCodecs.make(.gzip, level: 9)),
        "zstd level 19": .init(codec: BlockCodecs.make(.zstd, level: 19)),
        "tiny dictionary": .init(codec: BlockCodecs.make(.snappy), dictionaryPageSizeLimit: 1),
        "defaults": .init(),
    ]

    @Test(arguments: writerOptions.keys.sorted())
    func everyWriterOptionReadsBackEqual(_ option: String) throws {
        let dir = try TemporaryDirectory("parquet-options")
        defer { removeUnlessKept(dir) }
        let table = ParquetTestTable(rows: 1000, cardinality: .growing)
        let written = table.batches()
        let file = dir.file("o.parquet")
        let summary = try writeParquet(written, schema: table.schema, to: file, Self.writerOptions[option]!)
        let parquet = try ParquetFile(path: file.path, decompressors: BlockCodecs.decompressors)
        #expect(parquet.rowCount == 1000)
        #expect(parquet.rowGroups.count == summary.rowGroups, "\(option)")
        let (schema, batches) = try readAllColumns(file.path, decompressors: BlockCodecs.decompressors)
        #expect(schema == table.schema)
        let expected = columnTexts(written), actual = columnTexts(batches)
        for (c, field) in table.schema.fields.enumerated() {
            #expect(actual[c] == expected[c], "column \(field.name) (\(option))")
        }
    }

    @Test func aFileWithoutRowsReadsAsNoBatches() throws {
        let dir = try TemporaryDirectory("parquet-empty")
        defer { removeUnlessKept(dir) }
        let table = ParquetTestTable(rows: 0, cardinality: .low)
        let file = dir.file("e.parquet")
        _ = try writeParquet([], schema: table.schema, to: file, .init(codec: BlockCodecs.make(.zstd)))
        let (schema, batches) = try readAllColumns(file.path, decompressors: BlockCodecs.decompressors)
        #expect(schema == table.schema)
        #expect(batches.reduce(0) { $0 + $1.rowCount } == 0)
    }

    @Test func projectionReadsTheNamedColumnsInOrder() throws {
        let dir = try TemporaryDirectory("parquet-projection")
        defer { removeUnlessKept(dir) }
        let table = ParquetTestTable(rows: 500, cardinality: .low)
        let file = dir.file("p.parquet")
        _ = try writeParquet(table.batches(), schema: table.schema, to: file, .init(codec: BlockCodecs.make(.zstd)))
        let names = ["string_some", "int64_nn", "decimal38_all"].filter { table.schema.index(of: $0) != nil }
        #expect(names.count >= 2)
        let (schema, batches) = try readAllColumns(file.path, columns: names, decompressors: BlockCodecs.decompressors)
        #expect(schema.fields.map(\.name) == names)
        let all = columnTexts(table.batches())
        let got = columnTexts(batches)
        for (i, name) in names.enumerated() { #expect(got[i] == all[table.schema.index(of: name)!]) }
        #expect(throws: ExtractError.self) {
            _ = try ParquetFile(path: file.path, decompressors: BlockCodecs.decompressors).makeBatchReader(columns: [
                "nope"
            ])
        }
    }

    @Test func statisticsOfRowGroupsAreDecoded() throws {
        let dir = try TemporaryDirectory("parquet-stats")
        defer { removeUnlessKept(dir) }
        let schema = Schema([
            Field("id", .int64, nullable: false), Field("name", .string),
            Field("ts", .timestamp(.microseconds, isAdjustedToUTC: true)),
        ])
        var batches: [ColumnBatch] = []
        for start in stride(from: 0, to: 1000, by: 250) {
            var ids = ColumnBuilder(type: .int64, capacity: 250), names = ColumnBuilder(type: .string, capacity: 250)
            var ts = ColumnBuilder(type: .timestamp(.microseconds, isAdjustedToUTC: true), capacity: 250)
            for i in start..<(start + 250) {
                ids.append(Int64(i))
                if i % 10 == 0 {
                    names.appendNull()
                } else {
                    Array("n\(1000 + i)".utf8).withUnsafeBytes { names.append(bytes: $0) }
                }
                ts.append(Int64(i) * 1_000_000)
            }
            batches.append(ColumnBatch(schema: schema, columns: [ids.finish(), names.finish(), ts.finish()]))
        }
        let file = dir.file("s.parquet")
        _ = try writeParquet(batches, schema: schema, to: file, .init(rowGroupRowLimit: 250))
        let parquet = try ParquetFile(path: file.path)
        let groups = parquet.rowGroups
        #expect(groups.count == 4)
        #expect(groups[1].statistics(for: "id")?.min == .int64(250))
        #expect(groups[1].statistics(for: "id")?.max == .int64(499))
        #expect(groups[2].statistics(for: "name")?.nullCount == 25)
        #expect(groups[3].statistics(for: "name")?.max == .string("n1999"))
        #expect(groups[0].statistics(for: "ts")?.max == .int64(249_000_000))
        // Reading only the last row group.
        let reader = try parquet.makeBatchReader(columns: ["id"], rowGroups: [3])
        let first = try #require(try reader.next())
        #expect(cellText(first.columns[0], 0) == "750")
    }
}
