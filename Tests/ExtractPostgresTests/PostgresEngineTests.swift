import ExtractCore
import ExtractPostgres
import ExtractTestSupport
import Foundation
import Synchronization
import Logging
import SystemPackage
import Testing

/// Writes every row as `cell|cell|…` lines through AtomicFile (a stand-in for the real writers,
/// enough to check the engine on PostgreSQL); `onWrite` runs before each batch is written.
struct LineSinkFactory: SinkFactory {
    var onWrite: (@Sendable () -> Void)? = nil

    func makeSink(for request: SinkRequest) throws -> any DataSink {
        let layout = request.layout
        let hook = onWrite
        return PartSplittingSink(maxRowsPerFile: layout.maxRowsPerFile) { part in
            try LineSink(path: layout.path(layout.fileName(part: part)), onWrite: hook)
        }
    }

    final class LineSink: StagingDataSink {
        let file: AtomicFile
        let onWrite: (@Sendable () -> Void)?
        var rows: Int64 = 0
        init(path: String, onWrite: (@Sendable () -> Void)?) throws {
            file = try AtomicFile(path: FilePath(path))
            self.onWrite = onWrite
        }
        func write(_ batch: ColumnBatch) throws {
            onWrite?()
            var text = ""
            for row in 0..<batch.rowCount {
                text += batch.columns.map { cellText($0, row) }.joined(separator: "|") + "\n"
            }
            try file.write(Array(text.utf8))
            rows += Int64(batch.rowCount)
        }
        func stage() throws -> [StagedFile] {
            let temporary = try file.stage()
            return [
                StagedFile(
                    temporaryPath: temporary,
                    file: OutputFile(path: file.path.string, rows: rows, bytes: file.byteCount)
                )
            ]
        }
        func finish() throws -> [OutputFile] { try StagedFile.publishAll(try stage()) }
        func abort() { file.abort() }
    }
}

/// Every regular file under `directory`, relative, sorted.
func filesUnder(_ directory: URL) -> [String] {
    let enumerator = FileManager.default.enumerator(at: directory, includingPropertiesForKeys: [.isRegularFileKey])
    var out: [String] = []
    while let url = enumerator?.nextObject() as? URL {
        if (try? url.resourceValues(forKeys: [.isRegularFileKey]).isRegularFile) == true {
            out.append(String(url.path.dropFirst(directory.path.count + 1)))
        }
    }
    return out.sorted()
}

extension PostgresStoreTests {
    func engine(_ store: PostgresConfigStore, url: String? = nil, onWrite: (@Sendable () -> Void)? = nil) throws
        -> ExtractEngine
    {
        let sourceURL = try PostgresConnectionString(url ?? (try PG.url()))
        return ExtractEngine(
            configStore: store,
            runLog: PostgresRunLog(store: store),
            sources: PostgresSourceResolver(datastores: [], defaultConnection: sourceURL, maxConnections: 2),
            sinks: LineSinkFactory(onWrite: onWrite),
            logger: Logger(label: "pg-test")
        )
    }

    @Test func samplesRunEndToEndThroughTheEngineWithLogAndWatermarks() async throws {
        try PG.psql("DROP SCHEMA IF EXISTS t_store_config CASCADE")
        let store = try store()
        try store.initialize(samples: true)
        let output = try TemporaryDirectory("pg-engine")
        defer { output.remove() }
        let engine = try engine(store)
        let plan = try await engine.plan(
            JobSelection(),
            options: RunOptions(outputRoot: output.url.path, runId: "e2e-1")
        )
        #expect(plan.rejected.isEmpty)
        let summary = await engine.run(plan)
        #expect(summary.allSucceeded, "\(summary.results.compactMap(\.error))")
        #expect(summary.results.count == 6)
        #expect(
            try PG.psql(
                "SELECT count(*) FILTER (WHERE run_status = 'SUCCESS'), count(*) FROM t_store_config.log_extract_generation WHERE run_id = 'e2e-1'"
            ) == "6|6"
        )
        let written = try PG.psql(
            "SELECT extract_name || '=' || rows_written FROM t_store_config.log_extract_generation WHERE run_id = 'e2e-1' ORDER BY 1"
        )
        #expect(written.contains("SAMPLE_ORDERS_INCREMENTAL=200"))
        #expect(written.contains("SAMPLE_CUSTOMERS_SNAPSHOT=5"))
        let files = filesUnder(output.url)
        #expect(files.count >= 6, "\(files)")
        #expect(files.contains { $0.contains("financial_report") })
        // The incremental job's watermark is the maximum it read; the next run reads only newer rows.
        let watermark = try await PostgresRunLog(store: store).watermark(for: "SAMPLE_ORDERS_INCREMENTAL")
        #expect(watermark == .text(try PG.psql("SELECT max(modified_at)::text FROM dbo.orders")))
        try PG.psql(
            """
            INSERT INTO dbo.orders SELECT g, 1, 1, date '2025-06-01', 1, 9.99, 'pending', NULL, timestamp '2025-06-01 10:00:00' + g * interval '1 second'
            FROM generate_series(201, 203) g
            """
        )
        let second = await engine.run(
            try await engine.plan(
                JobSelection(names: ["SAMPLE_ORDERS_INCREMENTAL"]),
                options: RunOptions(outputRoot: output.url.path, runId: "e2e-2")
            )
        )
        #expect(second.allSucceeded)
        #expect(second.results.first?.metrics.rowsWritten == 3)
        #expect(
            try await PostgresRunLog(store: store).watermark(for: "SAMPLE_ORDERS_INCREMENTAL")
                == .text("2025-06-01 10:03:23")
        )
    }

    @Test(.timeLimit(.minutes(1)))
    func serverGoingAwayMidExtractLogsFailedAndLeavesNoFile() async throws {
        try PG.psql("DROP SCHEMA IF EXISTS t_store_config CASCADE")
        try PG.script(
            """
            DROP VIEW IF EXISTS public.e2e_slow;
            DROP TABLE IF EXISTS public.e2e_big;
            CREATE TABLE public.e2e_big AS SELECT g AS id, repeat(md5(g::text), 8) AS payload FROM generate_series(1, 300000) g;
            -- Reading pauses 0.5 s every 50,000 rows, so the read is still under way (for ~2.5 s)
            -- when the first batch reaches the sink and the backend is terminated: no race with a
            -- fast read that would finish before the kill.
            CREATE OR REPLACE FUNCTION public.e2e_slow_gate(i int) RETURNS boolean LANGUAGE plpgsql AS $$
            BEGIN
                IF i % 50000 = 0 THEN PERFORM pg_sleep(0.5); END IF;
                RETURN true;
            END $$;
            CREATE VIEW public.e2e_slow AS SELECT id, payload FROM public.e2e_big WHERE public.e2e_slow_gate(id);
            """
        )
        let store = try store()
        try store.initialize()
        var master = ExtractConfigRecord(extractName: "BIG", extractTableName: "e2e_slow", extractTableSchema: "public")
        master.executionGroup = "G"
        var details = ExtractDetailsRecord(extractName: "BIG")
        details.outputFormat = "csv"
        details.extractDirectory = "big"
        details.extractFileName = "big"
        try store.save(master, details)
        let application = "e2e-kill-\(UUID().uuidString.prefix(8))"
        let output = try TemporaryDirectory("pg-engine-kill")
        defer { output.remove() }
        let killed = Mutex(false)
        let engine = try engine(store, url: try PG.url(applicationName: application)) {
            let first = killed.withLock { done in
                defer { done = true }; return !done
            }
            if first {
                _ = try? PG.psql(
                    "SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE application_name = '\(application)'"
                )
            }
        }
        let summary = await engine.run(
            try await engine.plan(JobSelection(), options: RunOptions(outputRoot: output.url.path, runId: "e2e-kill"))
        )
        let result = try #require(summary.results.first)
        #expect(result.status == .failed)
        #expect(result.error?.code == .source)
        #expect(filesUnder(output.url).isEmpty, "\(filesUnder(output.url))")
        let row = try PG.psql(
            "SELECT run_status, error_message LIKE '%terminat%' OR error_message LIKE '%closed%' FROM t_store_config.log_extract_generation WHERE run_id = 'e2e-kill'"
        )
        #expect(row == "FAILED|t")
    }

    @Test func validationProcedureRunsBeforeTheReadAndARaiseFailsTheExtractWithoutFiles() async throws {
        try PG.psql("DROP SCHEMA IF EXISTS t_store_config CASCADE")
        try PG.script(
            """
            DROP SCHEMA IF EXISTS t_valsp CASCADE;
            CREATE SCHEMA t_valsp;
            CREATE TABLE t_valsp.orders AS SELECT g AS id, date '2020-01-01' + g AS order_date FROM generate_series(1, 5) g;
            CREATE TABLE t_valsp.calls (name text);
            CREATE PROCEDURE t_valsp.sp_validate_ok() LANGUAGE plpgsql AS $$
            BEGIN
                IF NOT EXISTS (SELECT 1 FROM t_valsp.orders) THEN RAISE EXCEPTION 'no orders at all'; END IF;
            END $$;
            CREATE PROCEDURE t_valsp.sp_validate_recent() LANGUAGE plpgsql AS $$
            BEGIN
                IF NOT EXISTS (SELECT 1 FROM t_valsp.orders WHERE order_date >= current_date - 7) THEN
                    RAISE EXCEPTION 'no orders in the last 7 days';
                END IF;
            END $$;
            """
        )
        let store = try store()
        try store.initialize()
        for (name, procedure) in [("VALID_OK", "sp_validate_ok"), ("VALID_RAISES", "sp_validate_recent")] {
            let master = ExtractConfigRecord(
                extractName: name,
                extractTableName: "orders",
                extractTableSchema: "t_valsp",
                executionGroup: "G",
                validationProcedureName: procedure,
                validationProcedureSchema: "t_valsp"
            )
            var details = ExtractDetailsRecord(extractName: name)
            details.outputFormat = "csv"
            details.extractDirectory = name.lowercased()
            details.extractFileName = name.lowercased()
            try store.save(master, details)
        }
        let snapshot = try await store.loadSnapshot()
        #expect(snapshot.jobs.map(\.validationProcedureName) == ["sp_validate_ok", "sp_validate_recent"])
        #expect(
            try PG.psql(
                "SELECT validation_table_sp_schema FROM t_store_config.config_extract_generation WHERE extract_name = 'VALID_OK'"
            ) == "t_valsp"
        )
        let output = try TemporaryDirectory("pg-engine-validation")
        defer { output.remove() }
        let engine = try engine(store)
        let plan = try await engine.plan(
            JobSelection(),
            options: RunOptions(outputRoot: output.url.path, runId: "e2e-valsp")
        )
        #expect(plan.rejected.isEmpty)
        let summary = await engine.run(plan)
        let byName = Dictionary(uniqueKeysWithValues: summary.results.map { ($0.name, $0) })
        #expect(byName["VALID_OK"]?.status == .success, "\(String(describing: byName["VALID_OK"]?.error))")
        #expect(byName["VALID_OK"]?.metrics.rowsWritten == 5)
        #expect(byName["VALID_RAISES"]?.status == .failed)
        #expect(
            byName["VALID_RAISES"]?.error?.message.contains("no orders in the last 7 days") == true,
            "\(String(describing: byName["VALID_RAISES"]?.error))"
        )
        let rows = try PG.psql(
            """
            SELECT extract_name || '=' || run_status || '=' || (coalesce(error_message, '') LIKE '%no orders in the last 7 days%')::text || '=' || coalesce(files_generated, 0)
            FROM t_store_config.log_extract_generation WHERE run_id = 'e2e-valsp' ORDER BY extract_name
            """
        )
        #expect(rows == "VALID_OK=SUCCESS=false=1\nVALID_RAISES=FAILED=true=0", "\(rows)")
        // Only the passing extract wrote anything.
        let files = filesUnder(output.url)
        #expect(files.count == 1 && files.allSatisfy { $0.contains("valid_ok") }, "\(files)")
        #expect(!files.contains { $0.contains("valid_raises") })
        try PG.psql("DROP SCHEMA t_valsp CASCADE")
    }

    @Test func version1StoreUpgradesToVersion2WithTheValidationColumns() async throws {
        try PG.psql("DROP SCHEMA IF EXISTS t_store_config CASCADE")
        let store = try store()
        try store.initialize()
        // Make it a version 1 store again: no validation columns.
        try PG.script(
            """
            ALTER TABLE t_store_config.config_extract_generation DROP COLUMN validation_table_sp_name, DROP COLUMN validation_table_sp_schema;
            UPDATE t_store_config.extract_store_info SET value = '1' WHERE key = 'schema_version';
            INSERT INTO t_store_config.config_extract_generation(extract_name, extract_table_name) VALUES ('OLD', 'orders');
            """
        )
        #expect(try store.schemaVersion() == 1)
        await #expect(throws: ExtractError.self) { try await store.loadSnapshot() }
        try store.initialize()
        #expect(try store.schemaVersion() == 2)
        let snapshot = try await store.loadSnapshot()
        #expect(snapshot.jobs.map(\.extractName) == ["OLD"])
        #expect(snapshot.jobs[0].validationProcedureName == nil)
        #expect(
            try PG.psql(
                "SELECT count(*) FROM information_schema.columns WHERE table_schema = 't_store_config' AND column_name LIKE 'validation_table_sp_%'"
            ) == "2"
        )
    }
}
