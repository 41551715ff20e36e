import ExtractCore
import ExtractFormats
import ExtractTestSupport
import Foundation
import SystemPackage
import Testing

/// Writes `batches` to `url` with `configuration`; returns the summary.
@discardableResult
func writeParquet(
    _ batches: [ColumnBatch],
    schema: Schema,
    to url: URL,
    _ configuration: ParquetWriter.Configuration
) throws -> ParquetWriter.Summary {
    let writer = try ParquetWriter(schema: schema, path: FilePath(url.path), configuration: configuration)
    for batch in batches { try writer.write(batch) }
    return try writer.finish()
}

/// Removes a test folder, unless `EXTRACT_KEEP_TEST_FILES` is set (to inspect the files).
func removeUnlessKept(_ dir: TemporaryDirectory) {
    if ProcessInfo.processInfo.environment["EXTRACT_KEEP_TEST_FILES"] == nil { dir.remove() }
}

/// Runs parquet_check with an expected CSV; records the output on failure.
func expectParquetCheck(
    _ file: URL,
    csv: String,
    extra: [String] = [],
    sourceLocation: SourceLocation = #_sourceLocation
) throws {
    let csvURL = file.deletingPathExtension().appendingPathExtension("csv")
    try csv.write(to: csvURL, atomically: true, encoding: .utf8)
    let result = try parquetCheck(file, ["--expect-csv", csvURL.path, "--csv-null", "\\N"] + extra)
    if ProcessInfo.processInfo.environment["EXTRACT_TEST_VERBOSE"] != nil {
        print(
            "== parquet_check \(file.lastPathComponent) \(extra)\n"
                + result.output.split(separator: "\n")
                .filter { $0.contains("WARN") || $0.contains("ERROR") || $0.contains("parquet_check:") }.joined(
                    separator: "\n"
                )
        )
    }
    #expect(
        result.status == 0,
        "parquet_check failed for \(file.lastPathComponent):\n\(result.output.suffix(6000))",
        sourceLocation: sourceLocation
    )
}

@Suite("ParquetWriter")
struct ParquetWriterTests {
    @Test func smallTableEveryTypeIsReadByAllReaders() throws {
        let dir = try TemporaryDirectory("parquet-small")
        defer { removeUnlessKept(dir) }
        let table = ParquetTestTable(rows: 100, cardinality: .low)
        let file = dir.file("small.parquet")
        let summary = try writeParquet(
            table.batches(batchRows: 40),
            schema: table.schema,
            to: file,
            .init(pageRowLimit: 30)
        )
        #expect(summary.rows == 100)
        try expectParquetCheck(file, csv: table.expectedCSV())
    }
}

@Suite("ParquetWriter edge cases", .serialized)
struct ParquetWriterEdgeTests {
    @Test func zeroRowsGiveAValidSchemaOnlyFile() throws {
        let dir = try TemporaryDirectory("parquet-edge")
        defer { removeUnlessKept(dir) }
        let table = ParquetTestTable(rows: 0, cardinality: .low)
        let file = dir.file("empty.parquet")
        let summary = try writeParquet([], schema: table.schema, to: file, .init())
        #expect(summary.rows == 0 && summary.rowGroups == 0)
        try expectParquetCheck(file, csv: table.expectedCSV())
        // An empty batch is accepted too and changes nothing.
        let file2 = dir.file("empty2.parquet")
        try writeParquet([ColumnBatch(emptyOf: table.schema)], schema: table.schema, to: file2, .init())
        try expectParquetCheck(file2, csv: table.expectedCSV())
    }

    @Test func oneRow() throws {
        let dir = try TemporaryDirectory("parquet-edge")
        defer { removeUnlessKept(dir) }
        let table = ParquetTestTable(rows: 1, cardinality: .unique)
        let file = dir.file("one.parquet")
        try writeParquet(table.batches(), schema: table.schema, to: file, .init())
        try expectParquetCheck(file, csv: table.expectedCSV())
    }

    /// Strings over 64 bytes get truncated statistics flagged inexact (checked against the data by
    /// parquet_check); precomposed and decomposed "é" stay two dictionary entries.
    @Test func longAndNonASCIIStrings() throws {
        let dir = try TemporaryDirectory("parquet-edge")
        defer { removeUnlessKept(dir) }
        let values = [
            "Café", "Cafe\u{301}", String(repeating: "é", count: 40) + "z",
            String(repeating: "日本", count: 30),
            String(repeating: "a", count: 64) + "\u{7F}", "🇯🇵 " + String(repeating: "b", count: 100),
        ]
        var builder = ColumnBuilder(type: .string)
        for i in 0..<700 { builder.append(string: values[i % values.count]) }
        let schema = Schema([Field("s", .string, nullable: false)])
        let batch = ColumnBatch(schema: schema, columns: [builder.finish()])
        let file = dir.file("strings.parquet")
        try writeParquet([batch], schema: schema, to: file, .init(pageRowLimit: 100))
        var csv = "s\n"
        for i in 0..<700 { csv += "\"\(values[i % values.count])\"\n" }
        try expectParquetCheck(file, csv: csv)
        let script = """
            import sys, pyarrow.parquet as pq
            f = pq.ParquetFile(sys.argv[1]); c = f.metadata.row_group(0).column(0)
            s = c.statistics
            print(len(s.min_raw), len(s.max_raw), s.max_raw.decode(), c.encodings, len(set(f.read().column(0).to_pylist())))
            """
        let result = try run(TestEnvironment.python, ["-c", script, file.path])
        let fields = result.stdout.split(separator: " ")
        #expect(result.status == 0, "\(result.output)")
        // min is "Cafe\u{301}" (6 bytes, exact); max is "🇯🇵 b…" (109 bytes) truncated to a 64-byte
        // prefix whose last character is incremented ("b" -> "c"), still valid UTF-8.
        #expect(fields.count >= 3 && fields[0] == "6" && fields[1] == "64", "\(result.output)")
        #expect(result.stdout.contains(" 64 🇯🇵 " + String(repeating: "b", count: 54) + "c ("), "\(result.output)")
        #expect(result.stdout.contains("RLE_DICTIONARY"), "\(result.output)")
        #expect(result.stdout.hasSuffix(" 6\n"), "6 distinct values expected: \(result.output)")
    }

    /// NaN is left out of min/max and counted in nan_count; a chunk of only NaN has no bounds and
    /// no ColumnIndex (parquet.thrift, ColumnOrder TYPE_ORDER rules); zeros are written as -0.0
    /// (min) and +0.0 (max). parquet_check validates the statistics against the data.
    @Test func floatingPointStatisticsWithNaNAndZeros() throws {
        let dir = try TemporaryDirectory("parquet-edge")
        defer { removeUnlessKept(dir) }
        let schema = Schema([
            Field("nan_only", .double), Field("mixed", .float), Field("zeros", .double, nullable: false),
        ])
        var a = ColumnBuilder(type: .double), b = ColumnBuilder(type: .float), c = ColumnBuilder(type: .double)
        var csv = "nan_only,mixed,zeros\n"
        for i in 0..<300 {
            if i % 4 == 0 { a.appendNull() } else { a.append(Double.nan) }
            let m: Float = i % 3 == 0 ? .nan : Float(i) - 150
            b.append(m)
            let z: Double = i % 2 == 0 ? -0.0 : 0.0
            c.append(z)
            csv += "\(i % 4 == 0 ? "\\N" : "nan"),\(m.isNaN ? "nan" : "\(m)"),0\n"
        }
        let file = dir.file("nan.parquet")
        try writeParquet(
            [ColumnBatch(schema: schema, columns: [a.finish(), b.finish(), c.finish()])],
            schema: schema,
            to: file,
            .init(pageRowLimit: 100)
        )
        try expectParquetCheck(file, csv: csv)
        let result = try run(
            TestEnvironment.python,
            [
                "-c",
                """
                import sys, pyarrow.parquet as pq
                f = pq.ParquetFile(sys.argv[1]); rg = f.metadata.row_group(0)
                s = rg.column(0).statistics
                print(s.has_min_max, s.null_count, rg.column(0).has_column_index)
                z = rg.column(2).statistics
                print(repr(z.min), repr(z.max))
                """, file.path,
            ]
        )
        #expect(result.stdout == "False 75 False\n-0.0 0.0\n", "\(result.output)")
    }

    @Test func notNullColumnRejectsNulls() throws {
        let dir = try TemporaryDirectory("parquet-edge")
        defer { removeUnlessKept(dir) }
        var builder = ColumnBuilder(type: .int64)
        builder.append(Int64(1)); builder.appendNull()
        let column = builder.finish()
        let schema = Schema([Field("id", .int64, nullable: false)])
        let batch = ColumnBatch(schema: Schema([Field("id", .int64, nullable: true)]), columns: [column])
        let file = dir.file("bad.parquet")
        let writer = try ParquetWriter(schema: schema, path: FilePath(file.path))
        #expect {
            try writer.write(batch)
        } throws: { error in
            guard let error = error as? ExtractError else { return false }
            return error.code == .typeMismatch && error.context.column == "id" && error.context.row == 1
        }
        writer.abort()
        #expect(try FileManager.default.contentsOfDirectory(atPath: dir.url.path).isEmpty, "no file, no temporary left")
    }

    @Test func decimalThatDoesNotFitItsPrecisionIsRejected() throws {
        var builder = ColumnBuilder(type: .decimal(precision: 9, scale: 0))
        builder.append(Int64(10_000_000_000))
        let schema = Schema([Field("d", .decimal(precision: 9, scale: 0))])
        let writer = try ParquetWriter(schema: schema, sink: MemoryByteSink())
        #expect(throws: ExtractError.self) {
            try writer.write(ColumnBatch(schema: schema, columns: [builder.finish()]))
        }
    }

    @Test func sinkCommitsOneFileAndAbortLeavesNothing() throws {
        let dir = try TemporaryDirectory("parquet-edge")
        defer { removeUnlessKept(dir) }
        let table = ParquetTestTable(
            rows: 50,
            cardinality: .low,
            columns: Array(ParquetTestTable.baseColumns.prefix(4))
        )
        let sink = try ParquetSink(
            path: FilePath(dir.file("t.parquet").path),
            schema: table.schema,
            configuration: .init(keyValueMetadata: ["origin": "test"])
        )
        for batch in table.batches(batchRows: 20) { try sink.write(batch) }
        let files = try sink.finish()
        #expect(files.count == 1 && files[0].rows == 50)
        let size = try FileManager.default.attributesOfItem(atPath: files[0].path)[.size] as? Int
        #expect(Int64(size ?? -1) == files[0].bytes)
        try expectParquetCheck(dir.file("t.parquet"), csv: table.expectedCSV())
        let meta = try run(
            TestEnvironment.python,
            [
                "-c",
                """
                import sys, pyarrow.parquet as pq
                md = pq.ParquetFile(sys.argv[1]).metadata
                print(md.created_by, md.metadata)
                """, files[0].path,
            ]
        )
        #expect(meta.stdout.hasPrefix("swift-extract version \(ExtractVersion.version) (build "), "\(meta.output)")
        #expect(meta.stdout.contains("b'origin': b'test'"), "\(meta.output)")

        let aborted = try ParquetSink(path: FilePath(dir.file("u.parquet").path), schema: table.schema)
        try aborted.write(table.batch(0..<10))
        aborted.abort()
        #expect(try FileManager.default.contentsOfDirectory(atPath: dir.url.path).sorted() == ["t.csv", "t.parquet"])
    }
}

@Suite("ParquetWriter sizing", .serialized)
struct ParquetWriterSizingTests {
    /// Row groups are cut by encoded bytes: buffered pages, not rows, bound the memory.
    @Test func rowGroupsAreCutByEncodedBytes() throws {
        let dir = try TemporaryDirectory("parquet-sizing")
        defer { removeUnlessKept(dir) }
        let schema = Schema([Field("id", .int64, nullable: false), Field("s", .string)])
        var batches: [ColumnBatch] = []
        var csv = "id,s\n"
        for start in stride(from: 0, to: 60_000, by: 5_000) {
            var ids = ColumnBuilder(type: .int64), strings = ColumnBuilder(type: .string)
            for i in start..<(start + 5_000) {
                ids.append(Int64(i) * 7919)
                let s = "value-\(i * 2_654_435_761 % 1_000_003)"
                strings.append(string: s)
                csv += "\(Int64(i) * 7919),\(s)\n"
            }
            batches.append(ColumnBatch(schema: schema, columns: [ids.finish(), strings.finish()]))
        }
        let file = dir.file("sized.parquet")
        let limit = 200_000
        let summary = try writeParquet(
            batches,
            schema: schema,
            to: file,
            .init(rowGroupBytes: limit, pageBytes: 16_384)
        )
        #expect(summary.rowGroups >= 6, "\(summary)")
        try expectParquetCheck(file, csv: csv)
        let sizes = try run(
            TestEnvironment.python,
            [
                "-c",
                """
                import sys, pyarrow.parquet as pq
                md = pq.ParquetFile(sys.argv[1]).metadata
                print(" ".join(str(sum(md.row_group(i).column(c).total_compressed_size for c in range(md.num_columns))) for i in range(md.num_row_groups)))
                """, file.path,
            ]
        )
        let groups = sizes.stdout.split(separator: " ").compactMap {
            Int($0.trimmingCharacters(in: .whitespacesAndNewlines))
        }
        #expect(groups.count == summary.rowGroups, "\(sizes.output)")
        // A group ends at the first batch boundary past the limit: never more than one batch over.
        #expect(groups.allSatisfy { $0 < limit + 200_000 }, "\(groups)")
    }

    /// Pages are cut by encoded bytes, also on a chunk's first page while the dictionary is on
    /// trial (unique 1,000-byte strings: the dictionary does not pay and the page becomes PLAIN).
    @Test func pagesStayWithinThePageSize() throws {
        let dir = try TemporaryDirectory("parquet-sizing")
        defer { removeUnlessKept(dir) }
        let schema = Schema([Field("s", .string, nullable: false)])
        var builder = ColumnBuilder(type: .string)
        var csv = "s\n"
        for i in 0..<3000 {
            let s = String(format: "%06d", i) + String(repeating: "x", count: 994)
            builder.append(string: s)
            csv += s + "\n"
        }
        let file = dir.file("pages.parquet")
        let pageBytes = 65_536
        try writeParquet(
            [ColumnBatch(schema: schema, columns: [builder.finish()])],
            schema: schema,
            to: file,
            .init(pageBytes: pageBytes)
        )
        try expectParquetCheck(file, csv: csv)
        let sizes = try run(
            TestEnvironment.python,
            [
                "-c",
                """
                import sys
                sys.path.insert(0, sys.argv[2])
                import parquet_format as pf, pyarrow.parquet as pq
                buf = open(sys.argv[1], "rb").read()
                c = pq.ParquetFile(sys.argv[1]).metadata.row_group(0).column(0)
                pos = c.dictionary_page_offset if c.has_dictionary_page else c.data_page_offset
                end = pos + c.total_compressed_size
                sizes = []
                while pos < end:
                    header, body = pf.decode(buf, "PageHeader", pos)
                    sizes.append(header["uncompressed_page_size"])
                    pos = body + header["compressed_page_size"]
                print(c.has_dictionary_page, " ".join(map(str, sizes)))
                """, file.path, TestEnvironment.toolsDirectory.path,
            ]
        )
        let fields = sizes.stdout.split(whereSeparator: { $0 == " " || $0 == "\n" })
        let pages = fields.dropFirst().compactMap { Int($0) }
        #expect(fields.first == "False" && pages.count >= 40, "\(sizes.output)")
        #expect(pages.allSatisfy { $0 <= pageBytes + 1004 }, "\(sizes.output)")
    }

    /// Row-cap slices of large batches mix the queued (parallel) path and the direct path for
    /// small slices; rows must land in order in every column.
    @Test func rowCapSlicesMixQueuedAndDirectEncoding() throws {
        let dir = try TemporaryDirectory("parquet-sizing")
        defer { removeUnlessKept(dir) }
        let table = ParquetTestTable(
            rows: 50_000,
            cardinality: .unique,
            columns: Array(ParquetTestTable.baseColumns.prefix(6)) + [ParquetTestTable.baseColumns[11]],
            nullModes: [.none, .some]
        )
        let file = dir.file("slices.parquet")
        let summary = try writeParquet(
            table.batches(batchRows: 10_000),
            schema: table.schema,
            to: file,
            .init(codec: BlockCodecs.make(.snappy), rowGroupRowLimit: 7_000)
        )
        #expect(summary.rowGroups == 8)
        try expectParquetCheck(file, csv: table.expectedCSV())
    }
}
