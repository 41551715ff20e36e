import ExtractCore
import ExtractPostgres
import ExtractTestSupport
import Foundation
import Testing

@Suite(.serialized, .enabled(if: PG.enabled))
struct PostgresStoreTests {
    func store() throws -> PostgresConfigStore {
        try PostgresConfigStore(url: try PG.url(), schema: "t_store_config")
    }

    @Test func initializeWithSamplesCreatesTheSpecTablesAndValidJobsOfEveryKind() async throws {
        try PG.psql("DROP SCHEMA IF EXISTS t_store_config CASCADE")
        let store = try store()
        #expect(try store.schemaVersion() == 0)
        do {
            _ = try await store.loadSnapshot()
            Issue.record("an uninitialized store must refuse to load")
        } catch let error as ExtractError {
            #expect(error.code == .notFound)
            #expect(error.message.contains("extract init"))
        }
        let first = try store.initialize(samples: true)
        #expect(first.from == 0 && first.to == 2)
        let again = try store.initialize(samples: true)  // idempotent
        #expect(again.from == 2 && again.to == 2)
        let tables = try PG.psql(
            """
            SELECT string_agg(table_name, ',' ORDER BY table_name) FROM information_schema.tables WHERE table_schema = 't_store_config'
            """
        )
        #expect(
            tables
                == "config_datastore,config_extract_generation,config_extract_generation_details,config_target_root,extract_store_info,extract_watermark,log_extract_generation,vw_extract_generation_latest_runs"
        )

        let snapshot = try await store.loadSnapshot()
        #expect(snapshot.jobs.count == 6)
        #expect(snapshot.details.count == 6)
        let result = JobValidator().validate(snapshot)
        #expect(result.errors.isEmpty, "\(result.errors)")
        let kinds = Set(result.jobs.map(\.source.kindName))
        #expect(kinds == ["TABLE", "VIEW", "SQL", "PROCEDURE"])

        // Every sample job resolves against the store's own database and reads what psql counts.
        let resolver = PostgresSourceResolver(
            datastores: snapshot.datastores,
            defaultConnection: store.connectionString,
            maxConnections: 2
        )
        let expected: [String: String] = [
            "SAMPLE_CUSTOMERS_SNAPSHOT": "SELECT count(*) FROM dbo.customers",
            "SAMPLE_PRODUCTS_CSV_GZIP": "SELECT count(*) FROM dbo.products",
            "SAMPLE_ORDERS_INCREMENTAL": "SELECT count(*) FROM dbo.orders",
            "SAMPLE_CUSTOMER_ORDERS_VIEW": "SELECT count(*) FROM reporting.v_customer_orders",
            "SAMPLE_MONTHLY_REVENUE_SQL":
                "SELECT count(*) FROM finance.fn_revenue_by_month('2024-01-01', '2024-12-31')",
            "SAMPLE_FINANCIAL_REPORT_SP":
                "SELECT count(DISTINCT (c.country, p.category)) FROM dbo.orders o JOIN dbo.customers c USING (customer_id) JOIN dbo.products p USING (product_id) WHERE o.status <> 'cancelled'",
        ]
        for job in result.jobs {
            let window =
                job.source.kindName == "TABLE" && job.config.incrementalColumn != nil
                ? IncrementalWindow(
                    column: job.config.incrementalColumn!,
                    after: nil,
                    since: "2000-01-01",
                    filters: true
                ) : nil
            let resolved = try await resolver.resolve(
                SourceRequest(
                    extractName: job.name,
                    source: job.source,
                    datastoreId: job.sourceDatastoreId,
                    incremental: window
                )
            )
            let (_, batches) = try readAll(resolved.source)
            let count = batches.reduce(0) { $0 + $1.rowCount }
            #expect(String(count) == (try PG.psql(try #require(expected[job.name]))), "\(job.name)")
            #expect(count > 0, "\(job.name)")
            if window != nil {
                #expect(resolved.upperWatermark == .text(try PG.psql("SELECT max(modified_at)::text FROM dbo.orders")))
            }
        }
        // The sample validation procedure passes on the samples.
        var validated = PostgresSource(connectionString: store.connectionString, object: .table("dbo.orders"))
        validated.validation = PostgresRoutine("dbo.sp_validate_orders_extract")
        #expect(try readAll(validated).batches.reduce(0) { $0 + $1.rowCount } == 200)
    }

    @Test func saveRegisterAndRoundTrip() async throws {
        try PG.psql("DROP SCHEMA IF EXISTS t_store_config CASCADE")
        let store = try store()
        try store.initialize()
        var master = ExtractConfigRecord(
            extractName: "ROUND_TRIP",
            isActive: true,
            extractSQL: "SELECT 1 AS x",
            isFullLoad: false,
            incrementalColumn: "x",
            incrementalDaysBack: 7,
            executionGroup: "G"
        )
        master.modifiedBy = "Zoë"
        var details = ExtractDetailsRecord(extractName: "ROUND_TRIP")
        details.outputFormat = "csv"
        details.filePropertiesHeader = false
        details.filePropertiesMaxRowsPerFile = 1000
        details.sourceDatastoreId = "wh"
        details.filePropertiesColumnDelimiter = "\t"
        try store.save(master, details)
        try store.save(master, details)  // replaces
        try store.registerDatastore(DatastoreRecord(id: "wh", kind: "postgresql", location: "postgresql://u:pw@h/db"))
        try store.registerTargetRoot(TargetRootRecord(id: "out", path: "/data/out"))
        let snapshot = try await store.loadSnapshot()
        #expect(snapshot.jobs.count == 1)
        let job = try #require(snapshot.jobs.first)
        #expect(job.extractSQL == "SELECT 1 AS x")
        #expect(job.isFullLoad == false)
        #expect(job.incrementalDaysBack == 7)
        #expect(job.modifiedBy == "Zoë")
        #expect(job.createdBy == "system")
        let d = try #require(snapshot.details.first)
        #expect(d.filePropertiesHeader == false)
        #expect(d.filePropertiesMaxRowsPerFile == 1000)
        #expect(d.filePropertiesColumnDelimiter == "\t")
        #expect(d.isCompressed == nil)
        #expect(
            snapshot.datastores == [DatastoreRecord(id: "wh", kind: "postgresql", location: "postgresql://u:pw@h/db")]
        )
        #expect(snapshot.targetRoots == [TargetRootRecord(id: "out", path: "/data/out")])
        #expect(!store.description.contains("pw"))
    }

    @Test func runLogRowsWatermarksAndFailedExtracts() async throws {
        try PG.psql("DROP SCHEMA IF EXISTS t_store_config CASCADE")
        let store = try store()
        try store.initialize(samples: true)
        let log = PostgresRunLog(store: store)
        func start(_ name: String, run: String) -> RunLogStart {
            RunLogStart(
                extractName: name,
                executionGroup: "G",
                runId: run,
                runType: .incremental,
                startTime: CivilDateTime(
                    year: 2024,
                    month: 5,
                    day: 6,
                    hour: 7,
                    minute: 8,
                    second: 9,
                    microsecond: 123456
                ),
                sourceType: "TABLE",
                sourceObject: "orders",
                sourceSchema: "dbo",
                sourceDatastoreId: nil,
                outputFormat: "parquet",
                isCompressed: true,
                compressionType: "SNAPPY",
                rssBytesBefore: 10 << 20
            )
        }
        var metrics = ExtractMetrics()
        metrics.rowsExtracted = 200
        metrics.rowsWritten = 200
        metrics.filesGenerated = 1
        metrics.bytesWritten = 1234
        metrics.uncompressedBytes = 5678
        metrics.durationSeconds = 0.5
        let file = OutputFile(
            path: "/out/warehouse/orders/orders \"1\".parquet",
            rows: 200,
            bytes: 1234,
            uncompressedBytes: 5678,
            sha256: nil
        )
        let end = CivilDateTime(year: 2024, month: 5, day: 6, hour: 7, minute: 8, second: 10)

        let ok = try await log.recordStart(start("SAMPLE_ORDERS_INCREMENTAL", run: "run-1"))
        #expect(
            try PG.psql("SELECT run_status, start_time FROM t_store_config.log_extract_generation WHERE log_id = \(ok)")
                == "IN_PROGRESS|2024-05-06 07:08:09.123456"
        )
        try await log.recordFinish(
            logId: ok,
            RunLogFinish(
                status: .success,
                endTime: end,
                metrics: metrics,
                files: [file],
                triggerPath: nil,
                errorMessage: nil,
                errorDetails: nil
            ),
            watermark: .text("2024-05-06 07:00:00.5")
        )
        #expect(try await log.watermark(for: "SAMPLE_ORDERS_INCREMENTAL") == .text("2024-05-06 07:00:00.5"))
        #expect(try PG.psql("SELECT incremental_column FROM t_store_config.extract_watermark") == "modified_at")
        #expect(
            try PG.psql(
                "SELECT output_files->0->>'path', rows_extracted, duration_seconds FROM t_store_config.log_extract_generation WHERE log_id = \(ok)"
            )
                == "/out/warehouse/orders/orders \"1\".parquet|200|0.5"
        )

        // A failure never moves the watermark.
        let failed = try await log.recordStart(start("SAMPLE_ORDERS_INCREMENTAL", run: "run-2"))
        try await log.recordFinish(
            logId: failed,
            RunLogFinish(
                status: .failed,
                endTime: end,
                metrics: ExtractMetrics(),
                files: [],
                triggerPath: nil,
                errorMessage: "boom",
                errorDetails: "code: source error"
            ),
            watermark: .text("2099-01-01 00:00:00")
        )
        #expect(try await log.watermark(for: "SAMPLE_ORDERS_INCREMENTAL") == .text("2024-05-06 07:00:00.5"))
        _ = try await log.recordStart(start("SAMPLE_CUSTOMERS_SNAPSHOT", run: "run-2"))  // never finished
        let other = try await log.recordStart(start("SAMPLE_PRODUCTS_CSV_GZIP", run: "run-2"))
        try await log.recordFinish(
            logId: other,
            RunLogFinish(
                status: .success,
                endTime: end,
                metrics: metrics,
                files: [file],
                triggerPath: "/out/x.done",
                errorMessage: nil,
                errorDetails: nil
            ),
            watermark: nil
        )
        let failures = try #require(try await log.failedExtracts(inRun: nil))
        #expect(failures.runId == "run-2")
        #expect(failures.names == ["SAMPLE_CUSTOMERS_SNAPSHOT", "SAMPLE_ORDERS_INCREMENTAL"])
        #expect(try await log.failedExtracts(inRun: "run-1")?.names == [])
        #expect(
            try PG.psql(
                "SELECT extract_name || ':' || run_status FROM t_store_config.vw_extract_generation_latest_runs ORDER BY 1"
            )
                == "SAMPLE_CUSTOMERS_SNAPSHOT:IN_PROGRESS\nSAMPLE_ORDERS_INCREMENTAL:FAILED\nSAMPLE_PRODUCTS_CSV_GZIP:SUCCESS"
        )

        // The RunHistory reads (`extract history`, `extract list`): newest first, times as the
        // SQLite store writes them, metrics back as numbers.
        let history = try await log.history(extractName: nil, limit: 10)
        #expect(history.map(\.logId) == [other, other - 1, failed, ok])
        #expect(history.map(\.runStatus) == ["SUCCESS", "IN_PROGRESS", "FAILED", "SUCCESS"])
        let first = try #require(history.last)
        #expect(
            first.extractName == "SAMPLE_ORDERS_INCREMENTAL" && first.executionGroup == "G" && first.runId == "run-1"
        )
        #expect(first.runType == "INCREMENTAL" && first.sourceType == "TABLE" && first.sourceObject == "orders")
        #expect(first.startTime == "2024-05-06T07:08:09.123456Z" && first.endTime == "2024-05-06T07:08:10.000000Z")
        #expect(
            first.durationSeconds == 0.5 && first.rowsExtracted == 200 && first.rowsWritten == 200
                && first.filesGenerated == 1
        )
        #expect(
            first.outputFilePath == file.path && first.outputFileSizeBytes == 1234
                && first.uncompressedSizeBytes == 5678
        )
        #expect(
            first.compressedFileSizeBytes == 1234 && first.memoryUsageMBBefore == 10
                && first.watermarkValue == "2024-05-06 07:00:00.5"
        )
        #expect(first.outputFiles?.contains("orders \\\"1\\\".parquet") == true, "\(first.outputFiles ?? "nil")")
        #expect(history[1].endTime == nil && history[1].rowsWritten == nil)
        #expect(history[2].errorMessage == "boom" && history[2].watermarkValue == nil)
        #expect(history[0].triggerFilePath == "/out/x.done")
        let limited = try await log.history(extractName: "SAMPLE_ORDERS_INCREMENTAL", limit: 1)
        #expect(limited.map(\.logId) == [failed])
        #expect(try await log.history(extractName: "NO_SUCH_EXTRACT", limit: 5).isEmpty)
        #expect(try await log.rows(ofRun: "run-2").map(\.logId) == [failed, other - 1, other])
        let latest = try await log.latestRuns()
        #expect(
            latest.map { "\($0.extractName):\($0.runStatus)" }
                == [
                    "SAMPLE_CUSTOMERS_SNAPSHOT:IN_PROGRESS", "SAMPLE_ORDERS_INCREMENTAL:FAILED",
                    "SAMPLE_PRODUCTS_CSV_GZIP:SUCCESS",
                ]
        )
    }
}
