import ExtractTestSupport
import Foundation
import Testing

/// Every compression for every format, a ZIP bundling split parts, and location resolution
/// (a registered source datastore and target root), through the `extract` binary.
@Suite struct EngineCompressionEndToEndTests {
    @Test func everyCompressionAndRegisteredLocations() throws {
        let ws = try EngineWorkspace()
        defer { ws.remove() }
        // A second source database registered as a datastore, and a registered target root.
        let other = ws.dir.file("warehouse.sqlite").path
        let makeOther = try run(
            TestEnvironment.python,
            [
                "-c",
                """
                import sqlite3,sys; c=sqlite3.connect(sys.argv[1])
                c.executescript("CREATE TABLE sales(id INTEGER PRIMARY KEY, region TEXT, amount DECIMAL(10,2), sold_on DATE);")
                c.executemany("INSERT INTO sales VALUES (?,?,?,?)", [(i, ['north','süd',None][i%3], i*1.25, '2024-07-%02d' % (1+i%28)) for i in range(1,1001)])
                c.commit()
                """, other,
            ]
        )
        expectPass(makeOther, "make datastore")
        let targetRoot = ws.dir.file("shared-drop").path
        func job(
            _ name: String,
            format: String,
            compression: String?,
            maxRows: Int? = nil,
            datastore: String? = nil,
            target: String? = nil,
            table: String = "orders"
        ) -> String {
            """
            INSERT INTO config_extract_generation(extract_name, is_active, extract_table_name, is_full_load, execution_group)
                VALUES ('\(name)', 1, '\(table)', 1, 'CODECS');
            INSERT INTO config_extract_generation_details(extract_name, extract_container, extract_directory, extract_file_name,
                output_format, is_compressed, compressed_type, compressed_level, file_properties_max_rows_per_file,
                source_datastore_id, target_datastore_id, is_trigger_file)
                VALUES ('\(name)', 'codecs', '{extract_name}', '{extract_name}', '\(format)', \(compression == nil ? 0 : 1),
                        \(compression.map { "'\($0)'" } ?? "NULL"), 'MAXIMUM', \(maxRows.map(String.init) ?? "NULL"),
                        \(datastore.map { "'\($0)'" } ?? "NULL"), \(target.map { "'\($0)'" } ?? "NULL"), 1);
            """
        }
        try ws.sql(
            """
            INSERT INTO config_datastore(datastore_id, datastore_type, location) VALUES ('wh', 'sqlite', '\(other)');
            INSERT INTO config_target_root(target_root_id, path) VALUES ('drop', '\(targetRoot)');
            """
                + job("C_PARQUET_GZIP", format: "parquet", compression: "GZIP")
                + job("C_PARQUET_ZSTD", format: "parquet", compression: "zstd")
                + job("C_PARQUET_LZ4", format: "parquet", compression: "LZ4")
                + job("C_PARQUET_ZIP", format: "parquet", compression: "ZIP")
                + job("C_CSV_ZSTD", format: "csv", compression: "ZSTD")
                + job("C_CSV_LZ4", format: "csv", compression: "LZ4")
                + job("C_CSV_SNAPPY", format: "csv", compression: "SNAPPY", maxRows: 40)
                + job("C_TSV_ZIP_PARTS", format: "tsv", compression: "ZIP", maxRows: 30)
                + job(
                    "C_SALES_FROM_DATASTORE",
                    format: "dat",
                    compression: nil,
                    datastore: "wh",
                    target: "drop",
                    table: "sales"
                )
        )
        let result = try ws.extract(["run", "--execution-group", "CODECS", "--max-workers", "3", "--json"])
        #expect(result.status == 0, "\(result.output)")
        let files = try ws.files(under: "codecs")
        #expect(
            files == [
                "codecs/C_CSV_LZ4/C_CSV_LZ4.csv.lz4", "codecs/C_CSV_LZ4/C_CSV_LZ4.csv.lz4.done",
                "codecs/C_CSV_SNAPPY/C_CSV_SNAPPY.csv.sz.done",
                "codecs/C_CSV_SNAPPY/C_CSV_SNAPPY_part0001.csv.sz", "codecs/C_CSV_SNAPPY/C_CSV_SNAPPY_part0002.csv.sz",
                "codecs/C_CSV_SNAPPY/C_CSV_SNAPPY_part0003.csv.sz",
                "codecs/C_CSV_ZSTD/C_CSV_ZSTD.csv.zst", "codecs/C_CSV_ZSTD/C_CSV_ZSTD.csv.zst.done",
                "codecs/C_PARQUET_GZIP/C_PARQUET_GZIP.parquet", "codecs/C_PARQUET_GZIP/C_PARQUET_GZIP.parquet.done",
                "codecs/C_PARQUET_LZ4/C_PARQUET_LZ4.parquet", "codecs/C_PARQUET_LZ4/C_PARQUET_LZ4.parquet.done",
                "codecs/C_PARQUET_ZIP/C_PARQUET_ZIP.parquet.zip", "codecs/C_PARQUET_ZIP/C_PARQUET_ZIP.parquet.zip.done",
                "codecs/C_PARQUET_ZSTD/C_PARQUET_ZSTD.parquet", "codecs/C_PARQUET_ZSTD/C_PARQUET_ZSTD.parquet.done",
                "codecs/C_TSV_ZIP_PARTS/C_TSV_ZIP_PARTS.tsv.zip", "codecs/C_TSV_ZIP_PARTS/C_TSV_ZIP_PARTS.tsv.zip.done",
            ],
            "\(files)"
        )
        let orders = "SELECT * FROM orders ORDER BY order_id"
        for name in ["C_PARQUET_GZIP", "C_PARQUET_ZSTD", "C_PARQUET_LZ4"] {
            expectPass(
                try parquetCheck(
                    URL(fileURLWithPath: ws.path("codecs/\(name)/\(name).parquet")),
                    ["--expect-sqlite", ws.store, "--query", orders]
                ),
                name
            )
        }
        for file in ["C_CSV_ZSTD/C_CSV_ZSTD.csv.zst", "C_CSV_LZ4/C_CSV_LZ4.csv.lz4"] {
            expectPass(
                try delimitedCheck(
                    URL(fileURLWithPath: ws.path("codecs/" + file)),
                    ["--expect-sqlite", ws.store, "--query", orders, "--loose"]
                ),
                file
            )
        }
        for part in 1...3 {
            let file = "C_CSV_SNAPPY/C_CSV_SNAPPY_part000\(part).csv.sz"
            expectPass(
                try delimitedCheck(
                    URL(fileURLWithPath: ws.path("codecs/" + file)),
                    ["--expect-sqlite", ws.store, "--query", orders + " LIMIT 40 OFFSET \((part - 1) * 40)", "--loose"]
                ),
                file
            )
        }
        // The ZIP bundles every part as an entry.
        let unzipped = ws.dir.file("unzipped")
        expectPass(
            try run("unzip", ["-q", ws.path("codecs/C_TSV_ZIP_PARTS/C_TSV_ZIP_PARTS.tsv.zip"), "-d", unzipped.path]),
            "unzip"
        )
        let entries = try FileManager.default.contentsOfDirectory(atPath: unzipped.path).sorted()
        #expect(entries == (1...4).map { "C_TSV_ZIP_PARTS_part000\($0).tsv" })
        expectPass(
            try delimitedCheck(
                unzipped.appendingPathComponent("C_TSV_ZIP_PARTS_part0004.tsv"),
                [
                    "--delimiter", "\t", "--expect-sqlite", ws.store, "--query", orders + " LIMIT 30 OFFSET 90",
                    "--loose",
                ]
            ),
            "zip part 4"
        )
        expectPass(
            try run(
                "unzip",
                ["-q", "-o", ws.path("codecs/C_PARQUET_ZIP/C_PARQUET_ZIP.parquet.zip"), "-d", unzipped.path]
            ),
            "unzip parquet"
        )
        expectPass(
            try parquetCheck(
                unzipped.appendingPathComponent("C_PARQUET_ZIP.parquet"),
                ["--expect-sqlite", ws.store, "--query", orders]
            ),
            "zipped parquet"
        )
        // Registered datastore as source, registered target root as destination.
        let sales = targetRoot + "/codecs/C_SALES_FROM_DATASTORE/C_SALES_FROM_DATASTORE.dat"
        expectPass(
            try delimitedCheck(
                URL(fileURLWithPath: sales),
                [
                    "--delimiter", "|", "--expect-sqlite", other,
                    "--query", "SELECT * FROM sales ORDER BY id", "--loose",
                ]
            ),
            "datastore extract"
        )
    }
}
