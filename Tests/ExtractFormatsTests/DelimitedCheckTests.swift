import ExtractCore
import ExtractFormats
import ExtractTestSupport
import Foundation
import Testing

/// Delimited files read back by real parsers: tools/delimited_check.py (Python's csv
/// module and DuckDB, compared with an expectation written by Python's csv module) and DuckDB
/// directly where the checker cannot tell (NULL vs a quoted empty string, multi-character
/// delimiters).
@Suite struct DelimitedCheckTests {
    typealias F = DelimitedFixture
    /// How the expectation files spell NULL (never a real value).
    static let expectNull = "⟂NULL⟂"
    static let products = [
        "Café Mug", "Cafe\u{301} Mug", "Family 👨\u{200D}👩\u{200D}👧 Frame", "Flag 🇯🇵 Pin",
        "日本 Tea Set", "Monitor 27\"", "Desk 12\" x 8\"", "Bolts 2, 4 pcs", "Ελληνικό Olive Oil",
    ]

    /// One configuration of the writer and the matching checker arguments.
    struct Variant: CustomTestStringConvertible, Sendable {
        var name: String
        var options: DelimitedOptions
        var checkArguments: [String]
        var testDescription: String { name }
    }

    static let variants: [Variant] = {
        var list: [Variant] = []
        for (format, options, delimiter) in [
            ("csv", DelimitedOptions.csv, ","), ("tsv", .tsv, "tab"), ("dat", .dat, "|"),
        ] {
            list.append(Variant(name: format, options: options, checkArguments: ["--delimiter", delimiter]))
            var pg = options
            pg.nullValue = "\\N"
            pg.rowDelimiter = .crlf
            list.append(
                Variant(
                    name: "\(format) \\N crlf",
                    options: pg,
                    checkArguments: ["--delimiter", delimiter, "--null-token", "\\N"]
                )
            )
            var escaped = options
            escaped.escape = "\\"
            escaped.encoding = .utf8BOM
            escaped.nullValue = "NULL"
            list.append(
                Variant(
                    name: "\(format) escape bom",
                    options: escaped,
                    checkArguments: ["--delimiter", delimiter, "--escape", "\\", "--null-token", "NULL"]
                )
            )
            var all = options
            all.quoting = .all
            all.header = false
            list.append(
                Variant(
                    name: "\(format) quote all, no header",
                    options: all,
                    checkArguments: ["--delimiter", delimiter, "--no-header", "--expect-no-header"]
                )
            )
        }
        var single = DelimitedOptions.csv
        single.quote = "'"
        list.append(Variant(name: "csv quote '", options: single, checkArguments: ["--quote", "'"]))
        return list
    }()

    /// The awkward notes (see DelimitedFixture), a product name column and numbers, through a
    /// DelimitedSink, checked against Python's csv module's rendering of the same values.
    @Test(arguments: variants)
    func awkwardValuesReadBackExactly(_ variant: Variant) throws {
        let tmp = try TemporaryDirectory("delimited-check")
        defer { tmp.remove() }
        // A text equal to the NULL token is written quoted, which these two parsers read as NULL
        // (allow_quoted_nulls); its exact bytes are tested in DelimitedWriterTests.
        let notes = F.awkwardNotes.filter { $0 != variant.options.nullValue || variant.options.nullValue.isEmpty }
        let ids = (1...Int64(notes.count)).map { $0 }
        let names = notes.indices.map { Self.products[$0 % Self.products.count] }
        let prices: [Double?] = notes.indices.map { $0 % 5 == 0 ? nil : Double($0) * 1.25 + 0.1 }
        let batch = F.batch([
            ("order_id", F.int64(.int64, ids)), ("notes", F.strings(notes)),
            ("product_name", F.strings(names)), ("unit_price", F.doubles(prices)),
        ])
        let file = tmp.file("out.txt")
        let sink = try DelimitedSink(path: file.path, schema: batch.schema, options: variant.options)
        try sink.write(batch)
        let output = try #require(try sink.finish().first)
        #expect(output.rows == Int64(notes.count))

        // Python's csv module cannot see quotes, so with an empty NULL token "" reads as NULL too.
        let emptyIsNull = variant.options.nullValue.isEmpty
        let rows: [[String?]] = notes.indices.map { i in
            [
                String(ids[i]), emptyIsNull && notes[i] == "" ? nil : notes[i], names[i],
                prices[i].map { try! ValueRenderer.text(of: F.doubles([$0]), at: 0)! },
            ]
        }
        let expected = tmp.file("expected.csv")
        try F.pythonCSV(
            header: variant.options.header ? batch.schema.fields.map(\.name) : nil,
            rows: rows,
            nullToken: Self.expectNull,
            to: expected
        )
        var arguments = variant.checkArguments + ["--expect-csv", expected.path, "--expect-null", Self.expectNull]
        if !arguments.contains("--null-token") { arguments += ["--null-token", variant.options.nullValue] }
        let result = try delimitedCheck(file, arguments)
        #expect(result.status == 0, "\(result.output)")
        #expect(result.stdout.contains("2 parsers agree"), "\(result.output)")
    }

    /// With the default empty NULL token, NULL is an empty field and "" a quoted empty field:
    /// DuckDB without allow_quoted_nulls (as PostgreSQL's CSV COPY) reads them apart. With `\N`,
    /// a quoted `\N` text is not NULL either.
    @Test func nullAndEmptyStringStayDistinct() throws {
        let tmp = try TemporaryDirectory("delimited-null")
        defer { tmp.remove() }
        let notes: [String?] = ["", nil, "x", "\\N", "NULL"]
        let batch = F.batch([("id", F.int64(.int64, [1, 2, 3, 4, 5])), ("note", F.strings(notes))])
        for (token, file) in [("", tmp.file("empty.csv")), ("\\N", tmp.file("backslash-n.csv"))] {
            var options = DelimitedOptions.csv
            options.nullValue = token
            try Data(try F.write([batch], options: options)).write(to: file)
            let rows = try F.python(
                """
                import duckdb, sys
                rows = duckdb.sql("SELECT note FROM read_csv(?, header=true, nullstr=?, allow_quoted_nulls=false, "
                                  "auto_detect=false, columns={'id': 'BIGINT', 'note': 'VARCHAR'}) ORDER BY id",
                                  params=[sys.argv[1], sys.argv[2]]).fetchall()
                print(repr([r[0] for r in rows]))
                """,
                [file.path, token]
            )
            #expect(
                rows.trimmingCharacters(in: .whitespacesAndNewlines) == "['', None, 'x', '\\\\N', 'NULL']",
                "token \(token)"
            )
        }
    }

    /// Multi-character delimiters, read by DuckDB (which splits on the whole delimiter).
    @Test(arguments: ["||", "~|~", ";;"])
    func multiCharacterDelimitersReadByDuckDB(_ delimiter: String) throws {
        let tmp = try TemporaryDirectory("delimited-multi")
        defer { tmp.remove() }
        let notes: [String?] = [
            "p|q", "r||s", "t|", "|u", "~|", "|~", ";", "a;b", "x;;y", "plain", "", nil, "quote \" in",
            "line\nbreak",
        ]
        let batch = F.batch([
            ("id", F.int64(.int64, (1...Int64(notes.count)).map { $0 })), ("note", F.strings(notes)),
            ("last", F.strings(notes.reversed())),
        ])
        let file = tmp.file("multi.txt")
        try Data(try F.write([batch], options: DelimitedOptions(delimiter: delimiter))).write(to: file)
        let output = try F.python(
            """
            import duckdb, json, sys
            rows = duckdb.sql("SELECT note, last FROM read_csv(?, delim=?, header=true, quote='\\"', escape='\\"', "
                              "allow_quoted_nulls=false, auto_detect=false, "
                              "columns={'id': 'BIGINT', 'note': 'VARCHAR', 'last': 'VARCHAR'}) ORDER BY id",
                              params=[sys.argv[1], sys.argv[2]]).fetchall()
            print(json.dumps([list(r) for r in rows]))
            """,
            [file.path, delimiter]
        )
        let parsed = try JSONSerialization.jsonObject(with: Data(output.utf8)) as! [[Any]]
        let read: [[String?]] = parsed.map { $0.map { $0 as? String } }
        #expect(read == zip(notes, notes.reversed()).map { [$0, $1] })
    }

    /// 100 000 rows of the shared dataset (tools/make_dataset.py) loaded by Python,
    /// written by DelimitedSink as csv, tsv and dat (plain and gzip), and compared by
    /// delimited_check.py with the SQLite source itself.
    @Test func sharedDatasetMatchesSQLite() throws {
        let database = try TestEnvironment.benchDataset(rows: 100_000)
        let tmp = try TemporaryDirectory("delimited-dataset")
        defer { tmp.remove() }
        let query =
            "SELECT order_id, customer_id, product_name, quantity, unit_price, discount, notes FROM orders_bench ORDER BY order_id"
        let dump = tmp.file("rows.json")
        _ = try F.python(
            """
            import json, sqlite3, sys
            con = sqlite3.connect(sys.argv[1])
            rows = con.execute(sys.argv[2]).fetchall()
            json.dump([list(c) for c in zip(*rows)], open(sys.argv[3], "w"))
            """,
            [database.path, query, dump.path]
        )
        let columns = try JSONSerialization.jsonObject(with: Data(contentsOf: dump)) as! [[Any]]
        func int64s(_ values: [Any]) -> [Int64?] { values.map { ($0 as? NSNumber)?.int64Value } }
        func texts(_ values: [Any]) -> [String?] { values.map { $0 as? String } }
        func doubles(_ values: [Any]) -> [Double?] { values.map { ($0 as? NSNumber)?.doubleValue } }
        let all = F.batch([
            ("order_id", F.int64(.int64, int64s(columns[0]))), ("customer_id", F.int64(.int64, int64s(columns[1]))),
            ("product_name", F.strings(texts(columns[2]))), ("quantity", F.int64(.int64, int64s(columns[3]))),
            ("unit_price", F.doubles(doubles(columns[4]))), ("discount", F.doubles(doubles(columns[5]))),
            ("notes", F.strings(texts(columns[6]))),
        ])
        #expect(all.rowCount == 100_000)
        let batches = stride(from: 0, to: all.rowCount, by: ColumnBatch.defaultRowCount).map {
            all.slice($0..<min($0 + ColumnBatch.defaultRowCount, all.rowCount))
        }
        for (format, delimiter) in [("csv", ","), ("tsv", "tab"), ("dat", "|")] {
            for compression in [nil, try GzipStreamCodec()] as [(any StreamCodec)?] {
                var options = try DelimitedOptions.preset(named: format)
                options.nullValue = "\\N"
                let file = tmp.file("orders.\(format)" + (compression == nil ? "" : ".gz"))
                let sink = try DelimitedSink(
                    path: file.path,
                    schema: all.schema,
                    options: options,
                    compression: compression
                )
                for batch in batches { try sink.write(batch) }
                let output = try #require(try sink.finish().first)
                #expect(output.rows == 100_000)
                let result = try delimitedCheck(
                    file,
                    [
                        "--delimiter", delimiter, "--null-token", "\\N",
                        "--expect-sqlite", database.path, "--query", query,
                    ]
                )
                #expect(result.status == 0, "\(format) \(compression?.name ?? "plain"): \(result.output)")
                #expect(result.stdout.contains("content matches the expectation (100000 rows)"), "\(result.output)")
            }
        }
    }
}
