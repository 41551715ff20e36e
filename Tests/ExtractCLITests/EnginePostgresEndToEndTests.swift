import ExtractTestSupport
import Foundation
import Testing

/// The engine commands on a PostgreSQL store, and a SQLite store reading a PostgreSQL datastore.
/// Runs when `EXTRACT_TEST_PG_URL` names a test server (`scripts/pg-test-server start`).
@Suite(.serialized, .enabled(if: ProcessInfo.processInfo.environment["EXTRACT_TEST_PG_URL"] != nil))
struct EnginePostgresEndToEndTests {
    /// A fresh database on the test server (so other PostgreSQL tests never share its schemas).
    static func makeDatabase(_ name: String) throws -> String {
        let server = ProcessInfo.processInfo.environment["EXTRACT_TEST_PG_URL"]!
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
