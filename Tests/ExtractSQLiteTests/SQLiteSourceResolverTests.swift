import ExtractCore
@testable import ExtractSQLite
import ExtractTestSupport
import Foundation
import Testing

@Suite struct SQLiteSourceResolverTests {
    func store() throws -> (TemporaryDirectory, String) {
        let tmp = try TemporaryDirectory("resolver")
        let path = tmp.file("extract.sqlite").path
        try SQLiteConfigStore.initialize(path: path, samples: true)
        return (tmp, path)
    }

    func ids(_ resolved: ResolvedSource) throws -> [Int64] {
        let reader = try resolved.source.makeReader()
        var out: [Int64] = []
        while let batch = try reader.next() {
            guard case .int64(let v) = batch.columns[0].values else { break }
            out += v
        }
        return out
    }

    @Test func incrementalWindowsUseWatermarkOrDaysBack() async throws {
        let (tmp, path) = try store()
        defer { tmp.remove() }
        let resolver = SQLiteSourceResolver(storePath: path, datastores: [])
        // After a watermark: only later rows, and the new upper bound.
        let after = try await resolver.resolve(
            SourceRequest(
                extractName: "X",
                source: .table(schema: nil, name: "orders"),
                datastoreId: nil,
                incremental: IncrementalWindow(column: "order_id", after: .integer(97), since: nil, filters: true)
            )
        )
        #expect(try ids(after) == [98, 99, 100])
        #expect(after.upperWatermark == .integer(100))
        // First run with days back: rows on or after the cutoff date.
        let since = try await resolver.resolve(
            SourceRequest(
                extractName: "X",
                source: .table(schema: nil, name: "orders"),
                datastoreId: nil,
                incremental: IncrementalWindow(column: "order_date", after: nil, since: "2024-05-28", filters: true)
            )
        )
        #expect(try ids(since) == [99, 100])
        // Custom SQL is wrapped, not pasted into the filter.
        let sql = try await resolver.resolve(
            SourceRequest(
                extractName: "X",
                source: .sql("SELECT order_id, status FROM orders WHERE status = 'pending';"),
                datastoreId: nil,
                incremental: IncrementalWindow(column: "order_id", after: .integer(80), since: nil, filters: true)
            )
        )
        #expect(try ids(sql) == [85, 90, 95, 100])
        // FULL with tracking: every row, the upper watermark still found.
        let full = try await resolver.resolve(
            SourceRequest(
                extractName: "X",
                source: .table(schema: nil, name: "orders"),
                datastoreId: nil,
                incremental: IncrementalWindow(column: "modified_at", after: .text("2099"), since: nil, filters: false)
            )
        )
        #expect(try ids(full).count == 100)
        #expect(full.upperWatermark == .text("2024-05-30 08:40:40"))
    }

    @Test func missingObjectsColumnsProceduresAndDatastores() async throws {
        let (tmp, path) = try store()
        defer { tmp.remove() }
        let other = tmp.file("other.sqlite").path
        try SQLiteConnection(path: other, mode: .readWriteCreate).execute(
            "CREATE TABLE t(id INTEGER); INSERT INTO t VALUES (7);"
        )
        let resolver = SQLiteSourceResolver(
            storePath: path,
            datastores: [
                DatastoreRecord(id: "other", kind: "sqlite", location: other),
                DatastoreRecord(id: "pg", kind: "postgresql", location: "x"),
            ]
        )
        func fails(_ request: SourceRequest, _ code: ExtractError.Code, _ text: String) async {
            do {
                _ = try await resolver.resolve(request)
                Issue.record("resolved \(request)")
            } catch let e as ExtractError {
                #expect(e.code == code && e.description.contains(text), "\(e)")
            } catch { Issue.record("\(error)") }
        }
        await fails(
            SourceRequest(
                extractName: "X",
                source: .table(schema: nil, name: "order"),
                datastoreId: nil,
                incremental: nil
            ),
            .notFound,
            "orders"
        )
        await fails(
            SourceRequest(
                extractName: "X",
                source: .table(schema: nil, name: "orders"),
                datastoreId: nil,
                incremental: IncrementalWindow(column: "nope", after: nil, since: nil, filters: true)
            ),
            .notFound,
            "column nope"
        )
        await fails(
            SourceRequest(
                extractName: "X",
                source: .procedure(schema: nil, name: "p"),
                datastoreId: nil,
                incremental: nil
            ),
            .unsupported,
            "stored procedures"
        )
        await fails(
            SourceRequest(
                extractName: "X",
                source: .table(schema: nil, name: "t"),
                datastoreId: "pg",
                incremental: nil
            ),
            .unsupported,
            "postgresql"
        )
        let fromOther = try await resolver.resolve(
            SourceRequest(
                extractName: "X",
                source: .table(schema: nil, name: "t"),
                datastoreId: "other",
                incremental: nil
            )
        )
        #expect(try ids(fromOther) == [7])
    }
}
