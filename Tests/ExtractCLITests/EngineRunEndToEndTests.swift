import ExtractTestSupport
import Foundation
import Testing

/// `extract init --samples` + `extract run` through the built binary, checked with the shared
/// Python checkers against the source tables.
@Suite(.serialized) struct EngineRunEndToEndTests {
    static let expectedFiles = [
        "Files/extracts/compressed/SAMPLE_ORDERS_CSV_GZIP/orders_20240725.csv.gz",
        "Files/extracts/dat_files/products/products_export_20240725.dat",
        "Files/extracts/incremental/order_items/order_items_20240725_142530.parquet",
        "Files/extracts/incremental/orders/orders_20240725_142530.parquet",
        "Files/extracts/reports/REPORT_EXTRACTS/order_summary_20240725.csv",
        "Files/extracts/reports/REPORT_EXTRACTS/top_products_20240725.csv",
        "Files/extracts/snapshot/customers/customers_20240725.parquet",
        "Files/extracts/snapshot/products/products_20240725.parquet",
        "Files/extracts/snapshot/products/products_20240725.parquet.done",
        "Files/extracts/split/2024/07/order_items_20240725.csv.done",
        "Files/extracts/split/2024/07/order_items_20240725_part0001.csv",
        "Files/extracts/split/2024/07/order_items_20240725_part0002.csv",
        "Files/extracts/split/2024/07/order_items_20240725_part0003.csv",
        "Files/extracts/tsv_files/inventory/inventory_snapshot_20240725_142530.tsv",
        "Files/extracts/zip/customers/customers_20240725.csv.zip",
    ]

    @Test func everySampleExtractEndToEnd() throws {
        let ws = try EngineWorkspace()
        defer { ws.remove() }
        let result = try ws.extract(["run", "--json"])
        #expect(result.status == 0, "\(result.output)")
        let summary = try jsonObject(result.stdout)
        let extracts = summary["extracts"] as? [[String: Any]] ?? []
        #expect(extracts.count == 11)
        #expect(extracts.allSatisfy { $0["status"] as? String == "SUCCESS" }, "\(result.output)")
        #expect(summary["memory_measure"] as? String == "RSS")
        #expect(try ws.files() == Self.expectedFiles)

        let db = ws.store
        func parquet(_ file: String, _ query: String) throws {
            expectPass(
                try parquetCheck(URL(fileURLWithPath: ws.path(file)), ["--expect-sqlite", db, "--query", query]),
                file
            )
        }
        func delimited(_ file: String, _ query: String, _ extra: [String] = []) throws {
            expectPass(
                try delimitedCheck(
                    URL(fileURLWithPath: ws.path(file)),
                    extra + ["--expect-sqlite", db, "--query", query, "--loose"]
                ),
                file
            )
        }
        try parquet(
            "Files/extracts/snapshot/customers/customers_20240725.parquet",
            "SELECT * FROM customers ORDER BY customer_id"
        )
        try parquet(
            "Files/extracts/snapshot/products/products_20240725.parquet",
            "SELECT * FROM products ORDER BY product_id"
        )
        try parquet(
            "Files/extracts/incremental/orders/orders_20240725_142530.parquet",
            "SELECT * FROM orders ORDER BY order_id"
        )
        try parquet(
            "Files/extracts/incremental/order_items/order_items_20240725_142530.parquet",
            "SELECT * FROM order_items ORDER BY order_item_id"
        )
        try delimited(
            "Files/extracts/tsv_files/inventory/inventory_snapshot_20240725_142530.tsv",
            "SELECT * FROM inventory ORDER BY inventory_id",
            ["--delimiter", "\t"]
        )
        // The checkers read a quoted empty field as NULL; the writer quotes empty strings ("") so they stay apart from NULL.
        let products =
            "SELECT product_id, product_name, category, unit_price, weight_kg, launched_date, NULLIF(description, '') FROM products ORDER BY product_id"
        try delimited("Files/extracts/dat_files/products/products_export_20240725.dat", products, ["--delimiter", "|"])
        let dat = try String(
            contentsOfFile: ws.path("Files/extracts/dat_files/products/products_export_20240725.dat"),
            encoding: .utf8
        )
        #expect(dat.contains("|\"\"\n") && dat.contains("|\n"))
        try delimited(
            "Files/extracts/compressed/SAMPLE_ORDERS_CSV_GZIP/orders_20240725.csv.gz",
            "SELECT * FROM orders ORDER BY order_id"
        )
        try delimited(
            "Files/extracts/reports/REPORT_EXTRACTS/order_summary_20240725.csv",
            "SELECT * FROM v_order_summary ORDER BY customer_id"
        )
        try delimited(
            "Files/extracts/reports/REPORT_EXTRACTS/top_products_20240725.csv",
            """
            SELECT p.product_id, p.product_name, p.category, SUM(i.quantity) AS units_sold, SUM(i.line_total) AS revenue
            FROM order_items i JOIN products p ON p.product_id = i.product_id
            GROUP BY p.product_id, p.product_name, p.category ORDER BY revenue DESC, p.product_id
            """
        )
        for (n, offset) in [(1, 0), (2, 100), (3, 200)] {
            try delimited(
                "Files/extracts/split/2024/07/order_items_20240725_part000\(n).csv",
                "SELECT * FROM order_items ORDER BY order_item_id LIMIT 100 OFFSET \(offset)"
            )
        }
        // ZIP: one entry, the CSV, intact.
        let unzipDir = ws.dir.file("unzipped")
        let unzip = try run(
            "unzip",
            ["-q", ws.path("Files/extracts/zip/customers/customers_20240725.csv.zip"), "-d", unzipDir.path]
        )
        expectPass(unzip, "unzip")
        expectPass(
            try delimitedCheck(
                unzipDir.appendingPathComponent("customers_20240725.csv"),
                [
                    "--expect-sqlite", db, "--query",
                    """
                    SELECT customer_id, customer_name, email, NULLIF(phone, ''), city, country, credit_limit, created_date,
                           CASE is_active WHEN 1 THEN 'true' ELSE 'false' END FROM customers ORDER BY customer_id
                    """, "--loose",
                ]
            ),
            "zip entry"
        )

        // Triggers: written after the data, listing names, rows, bytes and the real SHA-256.
        let trigger = ws.path("Files/extracts/split/2024/07/order_items_20240725.csv.done")
        let manifest = try jsonObject(String(contentsOfFile: trigger, encoding: .utf8))
        #expect(manifest["extract_name"] as? String == "SAMPLE_ORDER_ITEMS_SPLIT")
        #expect(manifest["total_rows"] as? Int == 255)
        let listed = manifest["files"] as? [[String: Any]] ?? []
        #expect(listed.map { $0["name"] as? String ?? "" } == (1...3).map { "order_items_20240725_part000\($0).csv" })
        #expect(listed.map { $0["rows"] as? Int ?? 0 } == [100, 100, 55])
        for f in listed {
            let path = ws.path("Files/extracts/split/2024/07/" + (f["name"] as! String))
            #expect(f["sha256"] as? String == (try sha256(path)))
            let size = try FileManager.default.attributesOfItem(atPath: path)[.size] as? Int
            #expect(f["bytes"] as? Int == size)
            let dataTime = try FileManager.default.attributesOfItem(atPath: path)[.modificationDate] as! Date
            let triggerTime = try FileManager.default.attributesOfItem(atPath: trigger)[.modificationDate] as! Date
            #expect(triggerTime >= dataTime)
        }
        let productTrigger = try jsonObject(
            String(
                contentsOfFile: ws.path("Files/extracts/snapshot/products/products_20240725.parquet.done"),
                encoding: .utf8
            )
        )
        #expect((productTrigger["files"] as? [[String: Any]])?.first?["rows"] as? Int == 10)

        // Log: one SUCCESS row per extract with its metrics; the latest-run view agrees.
        let rows = try ws.history()
        #expect(rows.count == 11)
        for row in rows {
            #expect(row["run_status"] as? String == "SUCCESS")
            #expect((row["rows_written"] as? Int ?? -1) == (row["rows_extracted"] as? Int ?? -2))
            #expect((row["files_generated"] as? Int ?? 0) >= 1)
            #expect((row["output_file_size_bytes"] as? Int ?? 0) > 0)
            #expect((row["duration_seconds"] as? Double ?? -1) >= 0)
            #expect(row["memory_usage_mb_after"] is Double)
            #expect(row["end_time"] is String)
        }
        let split = try #require(rows.first { $0["extract_name"] as? String == "SAMPLE_ORDER_ITEMS_SPLIT" })
        #expect(split["rows_written"] as? Int == 255 && split["files_generated"] as? Int == 3)
        #expect((split["trigger_file_path"] as? String)?.hasSuffix("order_items_20240725.csv.done") == true)
        let list = try ws.extract(["list"])
        #expect(
            list.status == 0 && list.stdout.contains("SAMPLE_ORDERS_INCREMENTAL") && list.stdout.contains("SUCCESS")
        )
    }

    @Test func incrementalRunPicksExactlyTheNewRows() throws {
        let ws = try EngineWorkspace()
        defer { ws.remove() }
        let first = try ws.extract(["run", "--extract-name", "SAMPLE_ORDERS_INCREMENTAL", "--json"])
        #expect(first.status == 0, "\(first.output)")
        try ws.sql(
            """
            INSERT INTO orders VALUES (101, 2, '2024-08-01', 'pending', 10.50, 'Zürich', NULL, '2024-08-01 09:00:00');
            INSERT INTO orders VALUES (102, 3, '2024-08-02', 'shipped', 99.99, NULL, 'ü', '2024-08-02 10:30:00');
            INSERT INTO orders VALUES (103, 1, '2024-08-02', 'completed', 5.00, 'Oslo', NULL, '2024-08-02 10:30:01');
            """
        )
        let second = try ws.extract(
            ["run", "--extract-name", "SAMPLE_ORDERS_INCREMENTAL", "--json"],
            runTime: "2024-08-03T06:00:00Z"
        )
        #expect(second.status == 0, "\(second.output)")
        let extract = (try jsonObject(second.stdout)["extracts"] as? [[String: Any]])?.first
        #expect(extract?["rows_written"] as? Int == 3)
        #expect(extract?["run_type"] as? String == "INCREMENTAL")
        #expect(extract?["watermark"] as? String == "2024-08-02 10:30:01")
        let file = ws.path("Files/extracts/incremental/orders/orders_20240803_060000.parquet")
        expectPass(
            try parquetCheck(
                URL(fileURLWithPath: file),
                ["--expect-sqlite", ws.store, "--query", "SELECT * FROM orders WHERE order_id > 100 ORDER BY order_id"]
            ),
            "incremental file"
        )
        // Nothing new: an empty file, watermark unchanged.
        let third = try ws.extract(
            ["run", "--extract-name", "SAMPLE_ORDERS_INCREMENTAL", "--json"],
            runTime: "2024-08-04T06:00:00Z"
        )
        #expect((try jsonObject(third.stdout)["extracts"] as? [[String: Any]])?.first?["rows_written"] as? Int == 0)
        // FULL takes everything again.
        let full = try ws.extract(
            ["run", "--extract-name", "SAMPLE_ORDERS_INCREMENTAL", "--run-type", "FULL", "--json"],
            runTime: "2024-08-05T06:00:00Z"
        )
        #expect((try jsonObject(full.stdout)["extracts"] as? [[String: Any]])?.first?["rows_written"] as? Int == 103)
    }

    @Test func parallelRunWritesTheSameFilesAsSerial() throws {
        let serial = try EngineWorkspace()
        let parallel = try EngineWorkspace()
        defer { serial.remove(); parallel.remove() }
        let a = try serial.extract(["run", "--max-workers", "1"])
        let b = try parallel.extract(["run", "--max-workers", "4"])
        #expect(a.status == 0 && b.status == 0, "\(a.output)\n\(b.output)")
        let files = try serial.files()
        #expect(files == (try parallel.files()))
        #expect(files.contains { $0.hasSuffix(".zip") })
        // ZIP entries carry the run time (EXTRACT_RUN_TIME), so archives compare byte for byte too.
        for f in files where !f.hasSuffix(".done") {
            #expect(
                FileManager.default.contentsEqual(atPath: serial.path(f), andPath: parallel.path(f)),
                "\(f) differs"
            )
        }
    }

    @Test func failuresAreLoggedFailedLeaveNoFileAndExitOne() throws {
        let ws = try EngineWorkspace()
        defer { ws.remove() }
        // A file where the target folder should be makes the write fail (works even as root).
        try FileManager.default.createDirectory(at: ws.dir.file("Files/extracts"), withIntermediateDirectories: true)
        FileManager.default.createFile(atPath: ws.path("Files/extracts/blocked"), contents: Data("x".utf8))
        func job(_ name: String, table: String = "customers", format: String = "csv", directory: String = "broken")
            -> String
        {
            """
            INSERT INTO config_extract_generation(extract_name, is_active, extract_table_name, is_full_load, execution_group)
                VALUES ('\(name)', 1, '\(table)', 1, 'BROKEN');
            INSERT INTO config_extract_generation_details(extract_name, extract_container, extract_directory, extract_file_name,
                output_format, target_file_root_path) VALUES ('\(name)', 'extracts', '\(directory)', '{extract_name}', '\(format)', 'Files');
            """
        }
        try ws.sql(
            job("BROKEN_MISSING_TABLE", table: "no_such_table") + job("BROKEN_FORMAT", format: "xlsx")
                + job("BROKEN_PLACEHOLDER", directory: "{quarter}")
                + job("BROKEN_ESCAPE", directory: "../../../outside")
                + job("BROKEN_WRITE", directory: "blocked/sub")
        )
        let validate = try ws.extract(["validate"])
        #expect(validate.status == 2, "\(validate.output)")
        for expected in [
            "extract BROKEN_FORMAT, column output_format", "extract BROKEN_PLACEHOLDER, column extract_directory",
            "{quarter}", "extract BROKEN_ESCAPE, column extract_directory",
            "extract BROKEN_MISSING_TABLE, column extract_table_name",
        ] {
            #expect(validate.stdout.contains(expected), "missing \(expected) in \(validate.stdout)")
        }
        let before = try ws.history().count
        let dry = try ws.extract(["run", "--extract-name", "BROKEN_*", "--dry-run"])
        #expect(dry.status == 2)
        #expect(try ws.history().count == before)

        let result = try ws.extract(["run", "--extract-name", "BROKEN_*", "--json"])
        #expect(result.status == 1, "\(result.output)")
        let extracts = try jsonObject(result.stdout)["extracts"] as? [[String: Any]] ?? []
        let errors = Dictionary(
            uniqueKeysWithValues: extracts.map { ($0["extract_name"] as! String, $0["error"] as? String ?? "") }
        )
        #expect(extracts.allSatisfy { $0["status"] as? String == "FAILED" })
        #expect(errors["BROKEN_MISSING_TABLE"]?.contains("no_such_table") == true)
        #expect(errors["BROKEN_FORMAT"]?.contains("xlsx") == true)
        #expect(errors["BROKEN_PLACEHOLDER"]?.contains("{quarter}") == true)
        #expect(errors["BROKEN_ESCAPE"]?.contains("leave the target root") == true)
        #expect(errors["BROKEN_WRITE"]?.contains("blocked") == true)
        let rows = try ws.history()
        let statuses = Dictionary(
            rows.map { ($0["extract_name"] as! String, $0["run_status"] as! String) },
            uniquingKeysWith: { a, _ in a }
        )
        for name in errors.keys { #expect(statuses[name] == "FAILED", "\(name)") }
        #expect(try ws.files() == ["Files/extracts/blocked"])
        #expect(
            !FileManager.default.fileExists(
                atPath: ws.dir.url.deletingLastPathComponent().appendingPathComponent("outside").path
            )
        )
    }

    @Test func usageAndConfigErrorsExitTwo() throws {
        let ws = try EngineWorkspace()
        defer { ws.remove() }
        #expect(try ws.extract(["run", "--max-workers", "0"]).status == 2)
        #expect(try ws.extract(["run", "--run-type", "SOMETIMES"]).status == 2)
        #expect(try ws.extract(["run", "--extract-name", "NOPE_*"]).status == 2)
        let missing = try run(TestEnvironment.extractExecutable, ["run", "--store", ws.dir.file("none.sqlite").path])
        #expect(missing.status == 2 && missing.stderr.contains("extract init"))
        // Dry run prints the plan and writes nothing.
        let dry = try ws.extract(["run", "--dry-run"])
        #expect(
            dry.status == 0 && dry.stdout.contains("SAMPLE_ORDER_ITEMS_SPLIT")
                && dry.stdout.contains("order_items_20240725_part0001.csv")
        )
        #expect(try ws.files().isEmpty)
        #expect(try ws.history().isEmpty)
    }

    @Test func retryFailedRunsOnlyTheFailedExtracts() throws {
        let ws = try EngineWorkspace()
        defer { ws.remove() }
        try ws.sql("ALTER TABLE products RENAME TO products_gone;")
        let failing = try ws.extract(["run", "--execution-group", "SNAPSHOT_EXTRACTS", "--json"])
        #expect(failing.status == 1)
        try ws.sql("ALTER TABLE products_gone RENAME TO products;")
        let retry = try ws.extract(["run", "--retry-failed", "--json"], runTime: "2024-07-26T00:00:00Z")
        #expect(retry.status == 0, "\(retry.output)")
        let names = (try jsonObject(retry.stdout)["extracts"] as? [[String: Any]] ?? []).map {
            $0["extract_name"] as? String
        }
        #expect(names == ["SAMPLE_PRODUCTS_SNAPSHOT"])
    }
}
