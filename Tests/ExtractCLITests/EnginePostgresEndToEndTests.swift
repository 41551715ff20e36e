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
            throw TestFailure("EXTRACT_TEST_PG_URL is not set: run `eval \"$(scripts/pg-test-server start)\"` first (or set EXTRACT_SKIP_PG=1)")
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
            try run(TestEnvironment.extractExecutable, args + ["--store", url],
                    environment: ["EXTRACT_RUN_TIME": "2024-07-25T14:25:30Z"], currentDirectory: dir.url)
        }
        let initResult = try extract(["init", "--samples"])
        #expect(initResult.status == 0, "\(initResult.output)")
        #expect(try extract(["validate"]).status == 0)
        let result = try extract(["run", "--max-workers", "3", "--json"])
        #expect(result.status == 0, "\(result.output)")
        let extracts = try jsonObject(result.stdout)["extracts"] as? [[String: Any]] ?? []
        #expect(!extracts.isEmpty && extracts.allSatisfy { $0["status"] as? String == "SUCCESS" }, "\(result.stdout)")
        for e in extracts {
            for f in e["files"] as? [[String: Any]] ?? [] {
                let path = f["path"] as! String
                let check = path.hasSuffix(".parquet") ? try parquetCheck(URL(fileURLWithPath: path))
                    : path.hasSuffix(".dat") ? try delimitedCheck(URL(fileURLWithPath: path), ["--delimiter", "|"])
                    : path.hasSuffix(".tsv") ? try delimitedCheck(URL(fileURLWithPath: path), ["--delimiter", "\t"])
                    : try delimitedCheck(URL(fileURLWithPath: path))
                expectPass(check, path)
            }
        }
        // The incremental sample picks nothing new on a second run; its watermark stays.
        let again = try extract(["run", "--extract-name", "*INCREMENTAL*", "--json"])
        #expect(again.status == 0, "\(again.output)")
        let rows = (try jsonObject(again.stdout)["extracts"] as? [[String: Any]] ?? []).map { $0["rows_written"] as? Int }
        #expect(rows.allSatisfy { $0 == 0 }, "\(again.stdout)")
    }

    /// The original package's spelling: `compile --target-datastore warehouse --include-samples`.
    @Test func compileAliasCreatesTheWarehouseStore() throws {
        let url = try Self.makeDatabase("extract_engine_compile_e2e")
        let dir = try TemporaryDirectory("pg-compile")
        defer { dir.remove() }
        let compiled = try run(TestEnvironment.extractExecutable,
                               ["compile", "--target-datastore", "warehouse", "--include-samples", "--store", url],
                               currentDirectory: dir.url)
        #expect(compiled.status == 0, "\(compiled.output)")
        let tables = try run("psql", [url, "-At", "-c", """
            SELECT string_agg(table_schema || '.' || table_name, ',' ORDER BY 1) FROM information_schema.tables
            WHERE table_schema = 'config' AND table_name IN
              ('config_extract_generation', 'config_extract_generation_details', 'log_extract_generation')
            """])
        #expect(tables.stdout.trimmingCharacters(in: .whitespacesAndNewlines)
                == "config.config_extract_generation,config.config_extract_generation_details,config.log_extract_generation",
                "\(tables.output)")
        let jobs = try run("psql", [url, "-At", "-c",
                                    "SELECT count(*) FROM config.config_extract_generation WHERE extract_name LIKE 'SAMPLE_%'"])
        #expect((Int(jobs.stdout.trimmingCharacters(in: .whitespacesAndNewlines)) ?? 0) > 0, "\(jobs.output)")
        // warehouse without a PostgreSQL store, and lakehouse with one, are usage errors.
        let noStore = try run(TestEnvironment.extractExecutable, ["compile", "--target-datastore", "warehouse"],
                              environment: ["EXTRACT_STORE": ""], currentDirectory: dir.url)
        #expect(noStore.status == 2 && noStore.stderr.contains("PostgreSQL"), "\(noStore.output)")
        let mismatch = try run(TestEnvironment.extractExecutable,
                               ["compile", "--target-datastore", "lakehouse", "--store", url], currentDirectory: dir.url)
        #expect(mismatch.status == 2, "\(mismatch.output)")
    }

    @Test func sqliteStoreReadsAPostgresDatastore() throws {
        let url = try Self.makeDatabase("extract_engine_ds_e2e")
        let made = try run("psql", [url, "-q", "-c", """
            CREATE TABLE sales(id int PRIMARY KEY, region text, amount numeric(10,2), sold_on date);
            INSERT INTO sales SELECT i, (ARRAY['north','süd',NULL])[1 + i % 3], i * 1.25, DATE '2024-07-01' + i % 28 FROM generate_series(1, 500) i;
            """])
        expectPass(made, "create sales")
        let ws = try EngineWorkspace()
        defer { ws.remove() }
        try ws.sql("""
            INSERT INTO config_datastore(datastore_id, datastore_type, location) VALUES ('wh', 'postgresql', '\(url)');
            INSERT INTO config_extract_generation(extract_name, is_active, extract_table_name, extract_table_schema, is_full_load,
                incremental_column, execution_group) VALUES ('PG_SALES', 1, 'sales', 'public', 0, 'id', 'PG');
            INSERT INTO config_extract_generation_details(extract_name, extract_container, output_format, source_datastore_id)
                VALUES ('PG_SALES', 'pg', 'csv', 'wh');
            """)
        let first = try ws.extract(["run", "--execution-group", "PG", "--json"])
        #expect(first.status == 0, "\(first.output)")
        #expect((try jsonObject(first.stdout)["extracts"] as? [[String: Any]])?.first?["rows_written"] as? Int == 500)
        _ = try run("psql", [url, "-q", "-c", "INSERT INTO sales VALUES (501, 'east', 9.99, DATE '2024-08-01'), (502, NULL, 1.00, DATE '2024-08-02')"])
        let second = try ws.extract(["run", "--execution-group", "PG", "--json"], runTime: "2024-08-03T00:00:00Z")
        #expect(second.status == 0, "\(second.output)")
        let result = (try jsonObject(second.stdout)["extracts"] as? [[String: Any]])?.first
        #expect(result?["rows_written"] as? Int == 2)
        #expect(result?["watermark"] as? String == "502")
    }
}
