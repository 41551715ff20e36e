import ExtractCore
@testable import ExtractSQLite
import ExtractTestSupport
import Foundation
import Testing

@Suite struct SQLiteConfigStoreTests {
    @Test func initCreatesSchemaAndSamplesThatValidate() async throws {
        let tmp = try TemporaryDirectory("store")
        defer { tmp.remove() }
        let path = tmp.file("extract.sqlite").path
        let v = try SQLiteConfigStore.initialize(path: path, samples: true)
        #expect(v.from == 0 && v.to == StoreSchema.currentVersion)
        // Idempotent: a second init upgrades nothing and reinstalls the samples.
        let again = try SQLiteConfigStore.initialize(path: path, samples: true)
        #expect(again.from == StoreSchema.currentVersion)
        let snapshot = try await SQLiteConfigStore(path: path).loadSnapshot()
        let names = snapshot.jobs.map(\.extractName)
        for n in [
            "SAMPLE_CUSTOMERS_SNAPSHOT", "SAMPLE_PRODUCTS_SNAPSHOT", "SAMPLE_ORDERS_INCREMENTAL",
            "SAMPLE_ORDER_ITEMS_INCREMENTAL", "SAMPLE_INVENTORY_TSV", "SAMPLE_PRODUCTS_DAT", "SAMPLE_ORDERS_CSV_GZIP",
            "SAMPLE_CUSTOMERS_ZIP", "SAMPLE_ORDER_ITEMS_SPLIT", "SAMPLE_ORDER_SUMMARY_VIEW", "SAMPLE_TOP_PRODUCTS_SQL",
        ] {
            #expect(names.contains(n), "missing sample \(n)")
        }
        let result = JobValidator().validate(snapshot)
        #expect(result.errors.isEmpty, "\(result.errors)")
        #expect(result.jobs.count == names.count)
        let db = try SQLiteConnection(path: path, mode: .readWrite)
        let counts = try ["customers", "products", "orders", "order_items", "inventory"].map { t in
            try db.query("SELECT COUNT(*) FROM \(t)") { $0.int(0) ?? 0 }[0]
        }
        #expect(counts[0] == 5 && counts[1] == 10 && counts[2] == 100 && counts[3] >= 250 && counts[4] == 30)
        let orphanItems = try db.query(
            "SELECT COUNT(*) FROM order_items i LEFT JOIN orders o USING(order_id) WHERE o.order_id IS NULL"
        ) { $0.int(0) }
        #expect(orphanItems == [0])
    }

    @Test func version1StoreUpgradesToVersion2KeepingJobsAndGainingTheValidationColumns() async throws {
        let tmp = try TemporaryDirectory("store-upgrade")
        defer { tmp.remove() }
        let path = tmp.file("extract.sqlite").path
        // A store as version 1 made it.
        do {
            let db = try SQLiteConnection(path: path, mode: .readWriteCreate)
            try db.execute(StoreSchema.version1)
            try db.execute("INSERT INTO extract_store_info(key, value) VALUES ('schema_version', '1')")
            try db.execute(
                "INSERT INTO config_extract_generation(extract_name, extract_table_name) VALUES ('OLD', 'orders')"
            )
            try db.execute(
                "INSERT INTO config_extract_generation_details(extract_name, output_format) VALUES ('OLD', 'csv')"
            )
        }
        #expect(try SQLiteConfigStore.schemaVersion(path: path) == 1)
        await #expect(throws: ExtractError.self) { try await SQLiteConfigStore(path: path).loadSnapshot() }
        let v = try SQLiteConfigStore.initialize(path: path)
        #expect(v.from == 1 && v.to == 2 && StoreSchema.currentVersion == 2)
        let store = SQLiteConfigStore(path: path)
        let before = try await store.loadSnapshot()
        #expect(before.jobs.map(\.extractName) == ["OLD"])
        #expect(before.jobs[0].validationProcedureName == nil)
        #expect(before.storeKind == "sqlite")
        var m = before.jobs[0]
        m.validationProcedureName = "sp_check"
        m.validationProcedureSchema = "dbo"
        try store.save(m, before.details[0])
        let after = try await store.loadSnapshot()
        #expect(after.jobs[0].validationProcedureName == "sp_check" && after.jobs[0].validationProcedureSchema == "dbo")
        // SQLite has no procedures: the job is a validation error naming the job and column.
        let result = JobValidator().validate(after)
        #expect(result.jobs.isEmpty)
        #expect(
            result.errors.contains {
                $0.job == "OLD" && $0.column == "validation_table_sp_name" && $0.message.contains("SQLite")
            },
            "\(result.errors)"
        )
    }

    @Test func runLogWritesRowsAndMovesWatermarkOnlyOnSuccess() async throws {
        let tmp = try TemporaryDirectory("store")
        defer { tmp.remove() }
        let path = tmp.file("extract.sqlite").path
        try SQLiteConfigStore.initialize(path: path, samples: true)
        let log = SQLiteRunLog(path: path)
        func start(_ run: String) async throws -> Int64 {
            try await log.recordStart(
                RunLogStart(
                    extractName: "SAMPLE_ORDERS_INCREMENTAL",
                    executionGroup: "G",
                    runId: run,
                    runType: .incremental,
                    startTime: .now(),
                    sourceType: "TABLE",
                    sourceObject: "orders",
                    sourceSchema: nil,
                    sourceDatastoreId: nil,
                    outputFormat: "parquet",
                    isCompressed: true,
                    compressionType: "SNAPPY",
                    rssBytesBefore: 10 << 20
                )
            )
        }
        var metrics = ExtractMetrics()
        metrics.rowsExtracted = 100; metrics.rowsWritten = 100; metrics.filesGenerated = 1; metrics.bytesWritten = 1234
        metrics.uncompressedBytes = 1234; metrics.durationSeconds = 0.5; metrics.rssBytesAfter = 12 << 20
        let id1 = try await start("r1")
        #expect(try log.history().first?.runStatus == "IN_PROGRESS")
        try await log.recordFinish(
            logId: id1,
            RunLogFinish(
                status: .success,
                endTime: .now(),
                metrics: metrics,
                files: [OutputFile(path: "/o/a.parquet", rows: 100, bytes: 1234, sha256: "ab")],
                triggerPath: nil,
                errorMessage: nil,
                errorDetails: nil
            ),
            watermark: .text("2024-07-01 10:00:00")
        )
        #expect(try await log.watermark(for: "SAMPLE_ORDERS_INCREMENTAL") == .text("2024-07-01 10:00:00"))
        let id2 = try await start("r2")
        try await log.recordFinish(
            logId: id2,
            RunLogFinish(
                status: .failed,
                endTime: .now(),
                metrics: ExtractMetrics(),
                files: [],
                triggerPath: nil,
                errorMessage: "boom",
                errorDetails: nil
            ),
            watermark: .text("2099-01-01")
        )
        #expect(try await log.watermark(for: "SAMPLE_ORDERS_INCREMENTAL") == .text("2024-07-01 10:00:00"))
        let rows = try log.history(extractName: "SAMPLE_ORDERS_INCREMENTAL")
        #expect(rows.map(\.runStatus) == ["FAILED", "SUCCESS"])
        #expect(
            rows[1].rowsWritten == 100 && rows[1].throughputRowsPerSecond == 200 && rows[1].memoryUsageMBAfter == 12
        )
        #expect(rows[0].errorMessage == "boom")
        let failed = try await log.failedExtracts(inRun: nil)
        #expect(failed?.runId == "r2" && failed?.names == ["SAMPLE_ORDERS_INCREMENTAL"])
        #expect(try log.latestRuns().map(\.runId) == ["r2"])
    }

    @Test func missingStoreIsAClearError() async throws {
        let store = SQLiteConfigStore(path: "/nonexistent/dir/extract.sqlite")
        await #expect(throws: ExtractError.self) { try await store.loadSnapshot() }
    }
}
