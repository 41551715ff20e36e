import ExtractCore
import ExtractSQLite
import ExtractStandard
import ExtractTestSupport
import Foundation
import Testing

/// The standard wiring on a real SQLite store: source URLs, the engine from a store path, deep
/// validation, and the router with a datastore kind of the caller's own.
@Suite struct StandardWiringTests {
    /// A store with the sample tables and SAMPLE_* extracts.
    func sampleStore(_ dir: TemporaryDirectory) throws -> String {
        let path = dir.file("extract.sqlite").path
        try SQLiteConfigStore.initialize(path: path, samples: true)
        return path
    }

    @Test func sqliteURLsReadTheSameRows() throws {
        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        let path = try sampleStore(dir)
        var counts: [Int] = []
        for url in ["sqlite:\(path)", "sqlite://\(path)", "SQLite:\(path)"] {
            for selection in [SourceSelection.table("main.orders"), .query("SELECT * FROM orders")] {
                let reader = try DataSourceRegistry.standard.makeSource(url: url, selection: selection).makeReader()
                var rows = 0
                while let batch = try reader.next() { rows += batch.rowCount }
                counts.append(rows)
            }
        }
        #expect(counts == Array(repeating: 100, count: 6))
    }

    @Test func unknownURLsNameTheAcceptedForms() {
        do {
            _ = try DataSourceRegistry.standard.makeSource(url: "mysql://x/y", selection: .table("t"))
            Issue.record("mysql: must be refused")
        } catch let e as ExtractError {
            #expect(e.code == .invalidArgument)
            #expect(e.message.contains("sqlite:PATH, postgresql://USER@HOST:PORT/DB or parquet:PATH"), "\(e)")
        } catch {
            Issue.record("\(error)")
        }
        #expect(throws: ExtractError.self) {
            _ = try DataSourceRegistry.standard.makeSource(url: "sqlite:", selection: .table("t"))
        }
    }

    @Test func aRegisteredSchemeIsUsedAndReplaces() throws {
        var registry = DataSourceRegistry.standard
        registry.register(schemes: ["numbers"], usage: "numbers:N") { request in
            NumbersSource(count: Int(request.remainder) ?? 0)
        }
        let reader = try registry.makeSource(url: "numbers:7").makeReader()
        #expect(try reader.next()?.rowCount == 7)
        #expect(registry.usage == "sqlite:PATH, postgresql://USER@HOST:PORT/DB, parquet:PATH or numbers:N")
        registry.register(schemes: ["NUMBERS"], usage: "numbers:COUNT") { _ in NumbersSource(count: 1) }
        #expect(registry.factories.count == 4)
        #expect(try registry.makeSource(url: "numbers:7").makeReader().next()?.rowCount == 1)
    }

    @Test func theEngineFromAStorePathRunsAndValidates() async throws {
        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        let path = try sampleStore(dir)
        let wired = try await StandardEngine.open(store: path)
        let report = try await wired.engine.validate(checkingSources: true, outputRoot: dir.url.path)
        #expect(report.isValid, "\(report.issues)")
        #expect(report.activeJobCount > 0)
        let plan = try await wired.engine.plan(
            JobSelection(names: ["SAMPLE_PRODUCTS_DAT"]),
            options: RunOptions(outputRoot: dir.url.path)
        )
        let summary = await wired.engine.run(plan)
        #expect(summary.allSucceeded, "\(summary.results.map { $0.error?.description ?? "ok" })")
        let file = try #require(summary.results.first?.files.first)
        #expect(FileManager.default.fileExists(atPath: file.path))
        #expect(file.rows == 10)
    }

    @Test func deepValidationChecksSourcesAndNamesTheColumn() async throws {
        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        let path = try sampleStore(dir)
        let store = SQLiteConfigStore(path: path)
        var master = ExtractConfigRecord(extractName: "MISSING_TABLE", extractTableName: "no_such_table")
        master.isActive = true
        try store.save(master, .sample(extractName: "MISSING_TABLE", sourceDatastoreType: "sqlite"))
        let wired = try await StandardEngine.open(store: path)
        let shallow = try await wired.engine.validate(checkingSources: false, outputRoot: dir.url.path)
        #expect(shallow.isValid)
        let deep = try await wired.engine.validate(checkingSources: true, outputRoot: dir.url.path)
        #expect(deep.invalidJobs == ["MISSING_TABLE"])
        let issue = try #require(deep.errors.first)
        #expect(issue.column == "extract_table_name", "\(issue)")
        #expect(deep.summary.contains("1 invalid"), "\(deep.summary)")
    }

    @Test func aMissingStoreIsNotFoundAndNothingIsCreated() async throws {
        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        let path = dir.file("absent.sqlite").path
        do {
            _ = try await StandardEngine.open(store: path)
            Issue.record("a missing store must be refused")
        } catch let e as ExtractError {
            #expect(e.code == .notFound)
        }
        #expect(!FileManager.default.fileExists(atPath: path))
    }

    /// A datastore kind of the caller's own, routed by ``DatastoreRouter``; its source throws an
    /// error of its own, which reaches the caller as `underlying` under a source code.
    @Test func aCustomSourcesErrorReachesTheCallerAsUnderlying() async throws {
        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        let path = try sampleStore(dir)
        let store = SQLiteConfigStore(path: path)
        try store.registerDatastore(DatastoreRecord(id: "feed", kind: "custom", location: "anywhere"))
        var master = ExtractConfigRecord(extractName: "CUSTOM_FEED", extractTableName: "events")
        master.isActive = true
        var details = ExtractDetailsRecord.sample(extractName: "CUSTOM_FEED", sourceDatastoreType: "sqlite")
        details.sourceDatastoreId = "feed"
        details.sourceDatastoreType = nil
        try store.save(master, details)
        let snapshot = try await store.loadSnapshot()
        let wired = try await StandardEngine.open(store: path)
        let router = DatastoreRouter(
            datastores: snapshot.datastores,
            resolvers: ["custom": FailingResolver()],
            storeResolver: wired.sources
        )
        let engine = ExtractEngine(
            configStore: snapshot,
            runLog: wired.runLog,
            sources: router,
            sinks: wired.engine.sinks,
            logger: wired.engine.logger
        )
        let plan = try await engine.plan(
            JobSelection(names: ["CUSTOM_FEED"]),
            options: RunOptions(outputRoot: dir.url.path)
        )
        #expect(plan.rejected.isEmpty, "\(plan.rejected.map(\.issues))")
        let summary = await engine.run(plan)
        let error = try #require(summary.results.first?.error)
        #expect(error.code == .source, "\(error)")
        #expect(error.context.job == "CUSTOM_FEED")
        #expect((error.underlying as? FeedError) == FeedError(reason: "feed offline"), "\(error)")
        #expect(error.description.contains("feed offline"), "\(error)")
    }
}

struct FeedError: Error, Equatable {
    var reason: String
}

/// A resolver whose source fails when read.
struct FailingResolver: SourceResolver {
    func resolve(_ request: SourceRequest) async throws -> ResolvedSource {
        ResolvedSource(source: FailingSource(), upperWatermark: nil)
    }
}

struct FailingSource: DataSource {
    var displayName: String { "feed" }
    func makeReader() throws -> any BatchReader { throw FeedError(reason: "feed offline") }
}

/// `count` rows of one integer column.
struct NumbersSource: DataSource {
    var count: Int
    var displayName: String { "numbers:\(count)" }
    func makeReader() throws -> any BatchReader { NumbersReader(count: count) }
}

final class NumbersReader: BatchReader {
    let schema = Schema([Field("n", .int64, nullable: false)])
    var remaining: Int
    init(count: Int) { remaining = count }
    func next() throws -> ColumnBatch? {
        guard remaining > 0 else { return nil }
        defer { remaining = 0 }
        var builder = ColumnBuilder(type: .int64, capacity: remaining)
        for i in 0..<remaining { builder.append(Int64(i)) }
        return ColumnBatch(schema: schema, columns: [builder.finish()])
    }
    func close() {}
}
