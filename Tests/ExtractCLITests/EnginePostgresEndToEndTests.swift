import ExtractTestSupport
import Foundation
import Testing

/// The engine commands on a PostgreSQL store, and a SQLite store reading a PostgreSQL datastore.
/// Needs the test server of `scripts/pg-test-server start` (`EXTRACT_TEST_PG_URL`); skipped with
/// `EXTRACT_SKIP_PG=1`, like the other PostgreSQL tests.
@Suite(.serialized, .enabled(if: ProcessInfo.processInfo.environment["EXTRACT_SKIP_PG"] != "1"))
struct EnginePostgresEndToEndTests {
    /// A fresh database on the test server (so other PostgreSQL tests never share its schemas).
    static func makeDatabase(_ name: String) throws -> String {
        guard let server = ProcessInfo.processInfo.environment["EXTRACT_TEST_PG_URL"] else {
            throw TestFailure(
                "EXTRACT_TEST_PG_URL is not set: run `eval \"$(scripts/pg-test-server start)\"` first (or set EXTRACT_SKIP_PG=1)"
            )
        }
        _ = try run("psql", [server, "-q", "-c", "DROP DATABASE IF EXISTS \(name)"])
        let created = try run("psql", [server, "-q", "-c", "CREATE DATABASE \(name)"])
        guard created.status == 0 else { throw TestFailure("cannot create database: \(created.output)") }
        var url = server
        while url.last != "/" { url.removeLast() }
        return url + name
    }

    @Test func postgresStoreInitRunAndRerun() throws {
        let url = try Self.makeDatabase("extract_engine_store_e2e")
        let dir = try TemporaryDirectory("pg-store")
        defer { dir.remove() }
        func extract(_ args: [String]) throws -> ProcessResult {
            try run(
                TestEnvironment.extractExecutable,
                args + ["--store", url],
                environment: ["EXTRACT_RUN_TIME": "2024-07-25T14:25:30Z"],
                currentDirectory: dir.url
            )
        }
        let initResult = try extract(["init", "--samples"])
        #expect(initResult.status == 0, "\(initResult.output)")
        #expect(try extract(["validate"]).status == 0)
        let result = try extract(["run", "--max-workers", "3", "--json"])
        #expect(result.status == 0, "\(result.output)")
        let extracts = try jsonObject(result.stdout)["extracts"] as? [[String: Any]] ?? []
        #expect(!extracts.isEmpty && extracts.allSatisfy { $0["status"] as? String == "SUCCESS" }, "\(result.stdout)")
        // Every sample's file holds exactly the rows of its source, as psql renders them.
        #expect(
            Set(extracts.compactMap { $0["extract_name"] as? String }) == Set(Self.sampleSources.keys),
            "\(result.stdout)"
        )
        for e in extracts {
            let name = e["extract_name"] as? String ?? "?"
            let files = e["files"] as? [[String: Any]] ?? []
            #expect(files.count == 1, "\(name): \(files)")
            guard let path = files.first?["path"] as? String, let query = Self.sampleSources[name] else { continue }
            let expected = dir.file("\(name).expected.csv").path
            let file = URL(fileURLWithPath: path)
            let check: ProcessResult
            if path.hasSuffix(".parquet") {
                try Self.copyToCSV(url, query, expected, null: "<NULL>")
                check = try parquetCheck(file, ["--expect-csv", expected, "--csv-null", "<NULL>"])
            } else {
                // Delimited samples write NULL as an empty field, as psql's CSV does by default.
                try Self.copyToCSV(url, query, expected, null: nil)
                let delimiter = path.hasSuffix(".dat") ? "|" : path.hasSuffix(".tsv") ? "\t" : ","
                check = try delimitedCheck(file, ["--delimiter", delimiter, "--expect-csv", expected])
            }
            expectPass(check, "\(name): \(path)")
        }
        // The incremental sample picks nothing new on a second run; its watermark stays.
        let again = try extract(["run", "--extract-name", "*INCREMENTAL*", "--json"])
        #expect(again.status == 0, "\(again.output)")
        let rows = (try jsonObject(again.stdout)["extracts"] as? [[String: Any]] ?? []).map {
            $0["rows_written"] as? Int
        }
        #expect(!rows.isEmpty && rows.allSatisfy { $0 == 0 }, "\(again.stdout)")
    }

    /// The source query of each PostgreSQL sample extract, rows in the order the extract writes them
    /// (tables in physical = key order; the view has no ORDER BY, so the same query gives the
    /// same hash-aggregate order; the function and the procedure's cursor are ordered).
    static let sampleSources: [String: String] = [
        "SAMPLE_CUSTOMERS_SNAPSHOT": "SELECT * FROM dbo.customers ORDER BY customer_id",
        "SAMPLE_PRODUCTS_CSV_GZIP": "SELECT * FROM dbo.products ORDER BY product_id",
        "SAMPLE_ORDERS_INCREMENTAL": "SELECT * FROM dbo.orders ORDER BY modified_at, order_id",
        "SAMPLE_CUSTOMER_ORDERS_VIEW": "SELECT * FROM reporting.v_customer_orders",
        "SAMPLE_MONTHLY_REVENUE_SQL": """
        SELECT month, orders, revenue::numeric(14,2) AS revenue
        FROM finance.fn_revenue_by_month('2024-01-01', '2024-12-31') ORDER BY month
        """,
        "SAMPLE_FINANCIAL_REPORT_SP": """
        SELECT c.country, p.category, count(*) AS orders, sum(o.total_amount)::numeric(14,2) AS revenue
        FROM dbo.orders o JOIN dbo.customers c USING (customer_id) JOIN dbo.products p USING (product_id)
        WHERE o.status <> 'cancelled' GROUP BY c.country, p.category ORDER BY c.country, p.category
        """,
    ]

    /// Writes `query`'s rows to `path` with psql's `\copy ... csv header` (NULL as `null`, or
    /// psql's default empty field when `nil`).
    static func copyToCSV(_ url: String, _ query: String, _ path: String, null: String?) throws {
        let oneLine = query.split(whereSeparator: \.isNewline).joined(separator: " ")
        let nullClause = null.map { " null '\($0)'" } ?? ""
        let r = try run(
            "psql",
            [
                url, "-q", "-v", "ON_ERROR_STOP=1", "-c",
                "\\copy (\(oneLine)) to '\(path)' csv header\(nullClause)",
            ]
        )
        guard r.status == 0 else { throw TestFailure("psql \\copy failed: \(r.output)") }
    }

    /// After `init --samples` and `run` on a PostgreSQL store, `history` and `list` read the
    /// store's log like on SQLite: every sample run with SUCCESS and its metrics, each job's last run.
    @Test func postgresStoreHistoryAndList() throws {
        let url = try Self.makeDatabase("extract_engine_history_e2e")
        let dir = try TemporaryDirectory("pg-history")
        defer { dir.remove() }
        func extract(_ args: [String]) throws -> ProcessResult {
            try run(
                TestEnvironment.extractExecutable,
                args + ["--store", url],
                environment: ["EXTRACT_RUN_TIME": "2024-07-25T14:25:30Z"],
                currentDirectory: dir.url
            )
        }
        #expect(try extract(["init", "--samples"]).status == 0)
        let empty = try extract(["history", "--json"])
        #expect(empty.status == 0, "\(empty.output)")
        #expect(
            (try JSONSerialization.jsonObject(with: Data(empty.stdout.utf8)) as? [Any])?.isEmpty == true,
            "\(empty.stdout)"
        )
        let neverRun = try extract(["list", "--json"])
        #expect(neverRun.status == 0, "\(neverRun.output)")
        let before = try JSONSerialization.jsonObject(with: Data(neverRun.stdout.utf8)) as? [[String: Any]] ?? []
        #expect(
            before.count == Self.sampleSources.count && before.allSatisfy { $0["last_status"] == nil },
            "\(neverRun.stdout)"
        )

        let result = try extract(["run", "--json"])
        #expect(result.status == 0, "\(result.output)")
        let runJSON = try jsonObject(result.stdout)
        let runId = runJSON["run_id"] as? String
        let ran = runJSON["extracts"] as? [[String: Any]] ?? []
        let rowsByName = Dictionary(
            ran.map { ($0["extract_name"] as? String ?? "", $0["rows_written"] as? Int ?? -1) },
            uniquingKeysWith: { a, _ in a }
        )

        let history = try extract(["history", "--json", "--limit", "100"])
        #expect(history.status == 0, "\(history.output)")
        let rows = try JSONSerialization.jsonObject(with: Data(history.stdout.utf8)) as? [[String: Any]] ?? []
        #expect(
            Set(rows.compactMap { $0["extract_name"] as? String }) == Set(Self.sampleSources.keys),
            "\(history.stdout)"
        )
        #expect(rows.count == Self.sampleSources.count, "\(history.stdout)")
        let logIds = rows.compactMap { $0["log_id"] as? Int }
        #expect(logIds == logIds.sorted(by: >) && logIds.count == rows.count, "newest first: \(logIds)")
        for r in rows {
            let name = r["extract_name"] as? String ?? "?"
            #expect(r["run_status"] as? String == "SUCCESS", "\(name): \(r)")
            #expect(r["run_id"] as? String == runId, "\(name): \(r)")
            #expect(r["run_type"] as? String == "FULL" || name == "SAMPLE_ORDERS_INCREMENTAL", "\(name): \(r)")
            #expect(r["rows_written"] as? Int == rowsByName[name] && (rowsByName[name] ?? 0) > 0, "\(name): \(r)")
            #expect(r["files_generated"] as? Int == 1, "\(name): \(r)")
            #expect((r["output_file_size_bytes"] as? Int ?? 0) > 0, "\(name): \(r)")
            if let path = r["output_file_path"] as? String {
                let size = ((try? FileManager.default.attributesOfItem(atPath: path))?[.size] as? NSNumber)?.intValue
                #expect(size == r["output_file_size_bytes"] as? Int, "\(name): \(path)")
            } else {
                Issue.record("\(name): no output_file_path in \(r)")
            }
            #expect((r["duration_seconds"] as? Double ?? -1) >= 0, "\(name): \(r)")
            #expect((r["throughput_rows_per_second"] as? Double ?? 0) > 0, "\(name): \(r)")
            #expect(
                (r["memory_usage_mb_before"] as? Double ?? 0) > 0 && (r["memory_usage_mb_after"] as? Double ?? 0) > 0,
                "\(name): \(r)"
            )
            #expect(r["memory_measure"] as? String == "RSS")
            let start = r["start_time"] as? String ?? "", end = r["end_time"] as? String ?? ""
            #expect(
                start.count == 27 && start.hasSuffix("Z") && start.dropFirst(10).hasPrefix("T") && end >= start,
                "\(name): ISO times \(start) \(end)"
            )
            #expect((r["trigger_file_path"] as? String != nil) == (name == "SAMPLE_PRODUCTS_CSV_GZIP"), "\(name): \(r)")
        }
        // --extract-name and --limit, and the table view.
        _ = try extract(["run", "--extract-name", "SAMPLE_PRODUCTS_CSV_GZIP"])
        let one = try extract(["history", "--json", "--extract-name", "SAMPLE_PRODUCTS_CSV_GZIP", "--limit", "1"])
        let oneRows = try JSONSerialization.jsonObject(with: Data(one.stdout.utf8)) as? [[String: Any]] ?? []
        #expect(
            oneRows.count == 1 && oneRows.first?["extract_name"] as? String == "SAMPLE_PRODUCTS_CSV_GZIP"
                && oneRows.first?["run_id"] as? String != runId,
            "\(one.output)"
        )
        let text = try extract(["history"])
        #expect(
            text.status == 0 && text.stdout.contains("SAMPLE_FINANCIAL_REPORT_SP") && text.stdout.contains("SUCCESS"),
            "\(text.output)"
        )

        let list = try extract(["list", "--json"])
        #expect(list.status == 0, "\(list.output)")
        let jobs = try JSONSerialization.jsonObject(with: Data(list.stdout.utf8)) as? [[String: Any]] ?? []
        #expect(jobs.count == Self.sampleSources.count, "\(list.stdout)")
        let latest = Dictionary(rows.map { ($0["extract_name"] as? String ?? "", $0) }, uniquingKeysWith: { a, _ in a })
        for job in jobs {
            let name = job["extract_name"] as? String ?? "?"
            #expect(job["last_status"] as? String == "SUCCESS", "\(name): \(job)")
            #expect(job["last_rows"] as? Int == rowsByName[name], "\(name): \(job)")
            if name == "SAMPLE_PRODUCTS_CSV_GZIP" {
                #expect(job["last_run"] as? String == oneRows.first?["start_time"] as? String, "\(name): \(job)")
            } else {
                #expect(job["last_run"] as? String == latest[name]?["start_time"] as? String, "\(name): \(job)")
            }
        }
        let table = try extract(["list"])
        #expect(
            table.status == 0 && table.stdout.contains("SUCCESS 20") && !table.stdout.contains("never"),
            "\(table.output)"
        )
    }

    /// The original package's spelling: `compile --target-datastore warehouse --include-samples`.
    @Test func compileAliasCreatesTheWarehouseStore() throws {
        let url = try Self.makeDatabase("extract_engine_compile_e2e")
        let dir = try TemporaryDirectory("pg-compile")
        defer { dir.remove() }
        let compiled = try run(
            TestEnvironment.extractExecutable,
            ["compile", "--target-datastore", "warehouse", "--include-samples", "--store", url],
            currentDirectory: dir.url
        )
        #expect(compiled.status == 0, "\(compiled.output)")
        let tables = try run(
            "psql",
            [
                url, "-At", "-c",
                """
                SELECT string_agg(table_schema || '.' || table_name, ',' ORDER BY 1) FROM information_schema.tables
                WHERE table_schema = 'config' AND table_name IN
                  ('config_extract_generation', 'config_extract_generation_details', 'log_extract_generation')
                """,
            ]
        )
        #expect(
            tables.stdout.trimmingCharacters(in: .whitespacesAndNewlines)
                == "config.config_extract_generation,config.config_extract_generation_details,config.log_extract_generation",
            "\(tables.output)"
        )
        let jobs = try run(
            "psql",
            [
                url, "-At", "-c",
                "SELECT count(*) FROM config.config_extract_generation WHERE extract_name LIKE 'SAMPLE_%'",
            ]
        )
        #expect((Int(jobs.stdout.trimmingCharacters(in: .whitespacesAndNewlines)) ?? 0) > 0, "\(jobs.output)")
        // warehouse without a PostgreSQL store, and lakehouse with one, are usage errors.
        let noStore = try run(
            TestEnvironment.extractExecutable,
            ["compile", "--target-datastore", "warehouse"],
            environment: ["EXTRACT_STORE": ""],
            currentDirectory: dir.url
        )
        #expect(noStore.status == 2 && noStore.stderr.contains("PostgreSQL"), "\(noStore.output)")
        let mismatch = try run(
            TestEnvironment.extractExecutable,
            ["compile", "--target-datastore", "lakehouse", "--store", url],
            currentDirectory: dir.url
        )
        #expect(mismatch.status == 2, "\(mismatch.output)")
    }

    @Test func sqliteStoreReadsAPostgresDatastore() throws {
        let url = try Self.makeDatabase("extract_engine_ds_e2e")
        let made = try run(
            "psql",
            [
                url, "-q", "-c",
                """
                CREATE TABLE sales(id int PRIMARY KEY, region text, amount numeric(10,2), sold_on date);
                INSERT INTO sales SELECT i, (ARRAY['north','süd',NULL])[1 + i % 3], i * 1.25, DATE '2024-07-01' + i % 28 FROM generate_series(1, 500) i;
                """,
            ]
        )
        expectPass(made, "create sales")
        let ws = try EngineWorkspace()
        defer { ws.remove() }
        try ws.sql(
            """
            INSERT INTO config_datastore(datastore_id, datastore_type, location) VALUES ('wh', 'postgresql', '\(url)');
            INSERT INTO config_extract_generation(extract_name, is_active, extract_table_name, extract_table_schema, is_full_load,
                incremental_column, execution_group) VALUES ('PG_SALES', 1, 'sales', 'public', 0, 'id', 'PG');
            INSERT INTO config_extract_generation_details(extract_name, extract_container, output_format, source_datastore_id)
                VALUES ('PG_SALES', 'pg', 'csv', 'wh');
            """
        )
        let first = try ws.extract(["run", "--execution-group", "PG", "--json"])
        #expect(first.status == 0, "\(first.output)")
        #expect((try jsonObject(first.stdout)["extracts"] as? [[String: Any]])?.first?["rows_written"] as? Int == 500)
        _ = try run(
            "psql",
            [
                url, "-q", "-c",
                "INSERT INTO sales VALUES (501, 'east', 9.99, DATE '2024-08-01'), (502, NULL, 1.00, DATE '2024-08-02')",
            ]
        )
        let second = try ws.extract(["run", "--execution-group", "PG", "--json"], runTime: "2024-08-03T00:00:00Z")
        #expect(second.status == 0, "\(second.output)")
        let result = (try jsonObject(second.stdout)["extracts"] as? [[String: Any]])?.first
        #expect(result?["rows_written"] as? Int == 2)
        #expect(result?["watermark"] as? String == "502")
    }
}
