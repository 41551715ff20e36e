import ExtractCore
import ExtractFormats
import ExtractSQLite
import ExtractTestSupport
import Foundation
import SystemPackage
import Testing

/// Reads `source` and writes it to `file` as Parquet; returns the summary.
@discardableResult
private func exportParquet(
    _ source: SQLiteSource,
    to file: URL,
    _ configuration: ParquetWriter.Configuration
) throws -> ParquetWriter.Summary {
    let reader = try source.makeReader()
    defer { reader.close() }
    let writer = try ParquetWriter(schema: reader.schema, path: FilePath(file.path), configuration: configuration)
    while let batch = try reader.next() { try writer.write(batch) }
    return try writer.finish()
}

/// parquet_check against the SQLite source (`--expect-sqlite DB --query QUERY`).
@discardableResult
private func expectMatchesSQLite(
    _ file: URL,
    db: String,
    query: String,
    extra: [String] = [],
    sourceLocation: SourceLocation = #_sourceLocation
) throws -> ProcessResult {
    let result = try parquetCheck(file, ["--expect-sqlite", db, "--query", query] + extra)
    #expect(
        result.status == 0,
        "parquet_check failed for \(file.lastPathComponent):\n\(result.output.suffix(6000))",
        sourceLocation: sourceLocation
    )
    return result
}

/// Every codec Parquet pages may use.
private let allCodecs: [any Codec] = BlockCompression.allCases.map { BlockCodecs.make($0) }

/// SQLite → Parquet, checked by parquet_check against the same SQLite rows.
@Suite("Parquet from SQLite", .serialized)
struct ParquetFromSQLiteTests {
    /// The shared dataset (100K rows of orders_bench: NULL vs '', NFC vs NFD names, long notes,
    /// CR/LF, emoji) in every codec; each file read by pyarrow, DuckDB, polars and fastparquet and
    /// compared with SQLite row by row.
    @Test func sharedDatasetEveryCodec() throws {
        let db = try TestEnvironment.benchDataset(rows: 100_000)
        let dir = try TemporaryDirectory("parquet-shared")
        defer { dir.remove() }
        let source = try SQLiteSource(path: db.path, table: "orders_bench")
        for codec in allCodecs {
            let file = dir.file("orders-\(codec.kind.rawValue).parquet")
            let summary = try exportParquet(source, to: file, .init(codec: codec))
            #expect(summary.rows == 100_000)
            try expectMatchesSQLite(file, db: db.path, query: "SELECT * FROM orders_bench ORDER BY order_id")
        }
    }

    /// The shared dataset, snappy, several row groups, read by Spark (parquet-java) as well.
    /// Spark needs Java 17 and pyspark: `scripts/test` installs them and sets EXTRACT_TEST_SPARK=1.
    @Test(.enabled(if: ProcessInfo.processInfo.environment["EXTRACT_TEST_SPARK"] == "1"))
    func sharedDatasetReadBySpark() throws {
        let db = try TestEnvironment.benchDataset(rows: 100_000)
        let dir = try TemporaryDirectory("parquet-spark")
        defer { dir.remove() }
        let file = dir.file("orders-spark.parquet")
        let summary = try exportParquet(
            try SQLiteSource(path: db.path, table: "orders_bench"),
            to: file,
            .init(
                codec: BlockCodecs.make(.snappy),
                rowGroupRowLimit: 30_000,
                writePageChecksums: true
            )
        )
        #expect(summary.rowGroups == 4)
        let result = try expectMatchesSQLite(
            file,
            db: db.path,
            query: "SELECT * FROM orders_bench ORDER BY order_id",
            extra: ["--spark"]
        )
        #expect(result.output.contains("OK (5 readers agree, 100000 rows)"), "\(result.output.suffix(2000))")
    }

    /// Every type SQLite declares × {NOT NULL, some NULLs, all NULL} × {dictionary, plain,
    /// dictionary fallback} × {one row group, many} × every codec.
    @Test(arguments: ["dictionary", "plain", "fallback"], [false, true])
    func sqliteTypesEveryEncoding(mode: String, manyRowGroups: Bool) throws {
        let dir = try TemporaryDirectory("parquet-sqlite-matrix")
        defer { dir.remove() }
        let db = dir.file("types.sqlite").path
        let key = ["dictionary": "i % 37", "plain": "i", "fallback": "(i % 5 if i < 250 else i)"][mode]!
        let made = try run(TestEnvironment.python, ["-c", Self.makeDatabase, db, key, "1000"])
        try #require(made.status == 0, "\(made.output)")
        var configuration = ParquetWriter.Configuration(pageRowLimit: 128, writePageChecksums: true)
        var extra: [String] = []
        switch mode {
        case "plain":
            configuration.dictionaryEnabled = false
        case "fallback":
            configuration.dictionaryPageSizeLimit = 256
            configuration.pageRowLimit = 50
            // fastparquet 2026.9 returns NULL for the PLAIN pages of a UTF8 chunk that mixes
            // dictionary and PLAIN pages (tools/README.md): the one documented exception.
            extra = ["--skip", "fastparquet"]
        default:
            break
        }
        if manyRowGroups { configuration.rowGroupRowLimit = 300 }
        let source = try SQLiteSource(path: db, table: "t")
        for codec in allCodecs {
            configuration.codec = codec
            let file = dir.file("\(mode)-\(manyRowGroups ? "many" : "one")-\(codec.kind.rawValue).parquet")
            let summary = try exportParquet(source, to: file, configuration)
            #expect(summary.rows == 1000 && summary.rowGroups == (manyRowGroups ? 4 : 1))
            try expectMatchesSQLite(file, db: db, query: "SELECT * FROM t ORDER BY id", extra: extra)
        }
    }

    /// Builds table `t` (argv: path, key expression over row i, rows): each declared type as a
    /// NOT NULL column, a column with every third row NULL and an all-NULL column.
    static let makeDatabase = #"""
        import sqlite3, sys, unicodedata
        from decimal import Decimal
        path, key_expr, rows = sys.argv[1], sys.argv[2], int(sys.argv[3])
        strings = ["", "a", "delivered", "Caf\u00e9", "Cafe\u0301", "日本語のメモ", "👨‍👩‍👧 family", "quote \" and, comma",
                   "line\nbreak", "cr\r\nlf", "tab\tpipe|", "NULL", "\\N", "x" * 63 + "é" + "y" * 10, "z" * 200]
        def dec(unscaled, scale):
            return str(Decimal(unscaled).scaleb(-scale))
        types = [
            ("bool", "BOOLEAN", lambda k: k % 3 == 0 and 1 or 0),
            ("int", "INTEGER", lambda k: -2**63 if k == 0 else 2**63 - 1 if k == 1 else k * 1000003 - 77),
            ("real", "REAL", lambda k: 0.0 if k == 0 else k * 1.25 - 300.5),
            ("dec9", "DECIMAL(9,2)", lambda k: dec(999999999 if k == 0 else -999999999 if k == 1 else (k * 7919) % 1999999 - 999999, 2)),
            # SQLite's NUMERIC affinity stores decimal text as REAL: keep to 15 significant digits.
            ("dec18", "DECIMAL(18,4)", lambda k: dec(10**15 - 1 if k == 0 else k * 1000003001 - 77, 4)),
            ("dec38", "DECIMAL(38,10)", lambda k: dec((10**15 - 1) * 10**23 if k == 0 else k * 10**20 - 5 * 10**22, 10)),
            ("text", "TEXT", lambda k: strings[k % len(strings)] + ("#%d" % k if k >= len(strings) else "")),
            ("blob", "BLOB", lambda k: bytes([k % 256, 255, 0]) * (k % 30)),
            ("date", "DATE", lambda k: "%04d-%02d-%02d" % (1950 + k % 100, 1 + k % 12, 1 + k % 28)),
            ("ts", "TIMESTAMP", lambda k: "%04d-%02d-%02d %02d:%02d:%02d.%06d" % (1950 + k % 100, 1 + k % 12, 1 + k % 28, k % 24, k % 60, (k * 7) % 60, (k * 7919) % 1000000)),
            ("time", "TIME", lambda k: "%02d:%02d:%02d.%06d" % (k % 24, (k * 7) % 60, (k * 13) % 60, (k * 7919) % 1000000)),
        ]
        cols, defs = ["id"], ["id INTEGER NOT NULL"]
        for name, decl, _ in types:
            for mode in ("nn", "some", "all"):
                cols.append("%s_%s" % (name, mode))
                defs.append("%s_%s %s%s" % (name, mode, decl, " NOT NULL" if mode == "nn" else ""))
        con = sqlite3.connect(path)
        con.execute("CREATE TABLE t (%s)" % ", ".join(defs))
        data = []
        for i in range(rows):
            k = eval(key_expr)
            row = [i]
            for _, _, f in types:
                v = f(k)
                row += [v, None if i % 3 == 1 else v, None]
            data.append(row)
        con.executemany("INSERT INTO t VALUES (%s)" % ", ".join("?" * len(cols)), data)
        con.commit()
        """#
}
