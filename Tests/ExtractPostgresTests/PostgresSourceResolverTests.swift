import ExtractCore
import ExtractPostgres
import ExtractTestSupport
import Foundation
import Testing

@Suite(.serialized, .enabled(if: PG.enabled))
struct PostgresSourceResolverTests {
    static let setup = """
        DROP SCHEMA IF EXISTS t_resolver CASCADE;
        CREATE SCHEMA t_resolver;
        CREATE TABLE t_resolver.events (id bigint NOT NULL, at timestamp, score double precision, note text);
        INSERT INTO t_resolver.events
        SELECT g, timestamp '2024-01-01' + g * interval '1 hour 0.123457 seconds', g / 4.0, 'event ' || g FROM generate_series(1, 1000) g;
        INSERT INTO t_resolver.events VALUES (1001, NULL, NULL, 'no time');
        ANALYZE t_resolver.events;
        CREATE VIEW t_resolver."Recent Events" AS SELECT id, note FROM t_resolver.events WHERE id > 990;
        CREATE FUNCTION t_resolver.fn_events() RETURNS SETOF t_resolver.events LANGUAGE sql AS 'SELECT * FROM t_resolver.events WHERE id <= 10';
        CREATE PROCEDURE t_resolver.sp_events(INOUT result refcursor) LANGUAGE plpgsql AS $$
            BEGIN OPEN result FOR SELECT id FROM t_resolver.events WHERE id <= 3; END $$;
        """

    func resolver(maxConnections: Int = 1) throws -> PostgresSourceResolver {
        PostgresSourceResolver(
            datastores: [
                DatastoreRecord(id: "wh", kind: "postgresql", location: try PG.url()),
                DatastoreRecord(id: "lite", kind: "sqlite", location: "/tmp/x.sqlite"),
            ],
            maxConnections: maxConnections
        )
    }

    func ids(_ resolved: ResolvedSource) throws -> [Int] {
        rows(try readAll(resolved.source).batches).map { Int($0[0])! }
    }

    @Test func tablesViewsFunctionsAndProceduresResolve() async throws {
        try PG.script(Self.setup)
        let r = try resolver(maxConnections: 2)
        let table = try await r.resolve(
            SourceRequest(
                extractName: "E",
                source: .table(schema: "t_resolver", name: "events"),
                datastoreId: "wh",
                incremental: nil
            )
        )
        #expect(try ids(table).count == 1001)
        #expect((table.source as? any RowCountEstimating)?.estimatedRowCount != nil)
        let view = try await r.resolve(
            SourceRequest(
                extractName: "E",
                source: .view(schema: "t_resolver", name: "Recent Events"),
                datastoreId: "wh",
                incremental: nil
            )
        )
        #expect(try ids(view) == Array(991...1001))
        let function = try await r.resolve(
            SourceRequest(
                extractName: "E",
                source: .procedure(schema: "t_resolver", name: "fn_events"),
                datastoreId: "wh",
                incremental: nil
            )
        )
        #expect(try ids(function) == Array(1...10))
        let procedure = try await r.resolve(
            SourceRequest(
                extractName: "E",
                source: .procedure(schema: "t_resolver", name: "sp_events"),
                datastoreId: "wh",
                incremental: nil
            )
        )
        #expect(try ids(procedure) == [1, 2, 3])
        let sql = try await r.resolve(
            SourceRequest(
                extractName: "E",
                source: .sql("SELECT id FROM t_resolver.events WHERE id < 5;"),
                datastoreId: "wh",
                incremental: nil
            )
        )
        #expect(try ids(sql) == [1, 2, 3, 4])
    }

    @Test func incrementalWindowsOnTimestampsAndIntegers() async throws {
        try PG.script(Self.setup)
        let r = try resolver(maxConnections: 2)
        let source = JobSource.table(schema: "t_resolver", name: "events")
        // First run: rows since a date, up to the current maximum.
        let first = try await r.resolve(
            SourceRequest(
                extractName: "E",
                source: source,
                datastoreId: "wh",
                incremental: IncrementalWindow(column: "at", after: nil, since: "2024-02-01", filters: true)
            )
        )
        let expectedFirst = try PG.psql("SELECT count(*) FROM t_resolver.events WHERE at >= '2024-02-01'")
        #expect(try ids(first).count == Int(expectedFirst)!)
        let upper = try #require(first.upperWatermark)
        #expect(upper == .text(try PG.psql("SELECT max(at)::text FROM t_resolver.events")))
        #expect(upper.description.hasSuffix(".457"))  // microseconds survive the round trip
        // New rows arrive; the next run reads exactly those.
        try PG.psql(
            "INSERT INTO t_resolver.events SELECT g, timestamp '2025-01-01' + g * interval '1 minute', 0, 'late' FROM generate_series(2001, 2010) g"
        )
        let second = try await r.resolve(
            SourceRequest(
                extractName: "E",
                source: source,
                datastoreId: "wh",
                incremental: IncrementalWindow(column: "at", after: upper, since: nil, filters: true)
            )
        )
        #expect(try ids(second) == Array(2001...2010))
        // Nothing new: an empty read, no watermark.
        let third = try await r.resolve(
            SourceRequest(
                extractName: "E",
                source: source,
                datastoreId: "wh",
                incremental: IncrementalWindow(column: "at", after: second.upperWatermark, since: nil, filters: true)
            )
        )
        #expect(try ids(third).isEmpty)
        #expect(third.upperWatermark == nil)
        // Integer watermark on a custom query.
        let sql = try await r.resolve(
            SourceRequest(
                extractName: "E",
                source: .sql("SELECT id, note FROM t_resolver.events"),
                datastoreId: "wh",
                incremental: IncrementalWindow(column: "id", after: .integer(995), since: nil, filters: true)
            )
        )
        #expect(sql.upperWatermark == .integer(2010))
        #expect(try ids(sql) == Array(996...1001) + Array(2001...2010))
        // A FULL run that only tracks the watermark reads everything.
        let full = try await r.resolve(
            SourceRequest(
                extractName: "E",
                source: source,
                datastoreId: "wh",
                incremental: IncrementalWindow(column: "score", after: nil, since: nil, filters: false)
            )
        )
        #expect(full.upperWatermark == .real(250))
        #expect(try ids(full).count == 1011)
    }

    @Test func configurationErrors() async throws {
        try PG.script(Self.setup)
        let r = try resolver()
        let cases: [(SourceRequest, ExtractError.Code)] = [
            (
                SourceRequest(
                    extractName: "E",
                    source: .table(schema: "t_resolver", name: "nope"),
                    datastoreId: "wh",
                    incremental: nil
                ), .notFound
            ),
            (
                SourceRequest(
                    extractName: "E",
                    source: .procedure(schema: "t_resolver", name: "nope"),
                    datastoreId: "wh",
                    incremental: nil
                ), .notFound
            ),
            (
                SourceRequest(
                    extractName: "E",
                    source: .table(schema: "t_resolver", name: "events"),
                    datastoreId: "missing",
                    incremental: nil
                ), .notFound
            ),
            (
                SourceRequest(
                    extractName: "E",
                    source: .table(schema: "t_resolver", name: "events"),
                    datastoreId: "lite",
                    incremental: nil
                ), .unsupported
            ),
            (
                SourceRequest(
                    extractName: "E",
                    source: .table(schema: "t_resolver", name: "events"),
                    datastoreId: nil,
                    incremental: nil
                ), .invalidConfiguration
            ),
            (
                SourceRequest(
                    extractName: "E",
                    source: .table(schema: "t_resolver", name: "events"),
                    datastoreId: "wh",
                    incremental: IncrementalWindow(column: "nope", after: nil, since: nil, filters: true)
                ), .notFound
            ),
            (
                SourceRequest(
                    extractName: "E",
                    source: .procedure(schema: "t_resolver", name: "sp_events"),
                    datastoreId: "wh",
                    incremental: IncrementalWindow(column: "id", after: nil, since: nil, filters: true)
                ), .unsupported
            ),
        ]
        for (request, code) in cases {
            do {
                _ = try await r.resolve(request)
                Issue.record("\(request) must fail")
            } catch let error as ExtractError {
                #expect(error.code == code, "\(error)")
                #expect(error.context.job == "E")
            }
        }
        #expect(r.handles(SourceRequest(extractName: "E", source: .sql("x"), datastoreId: "wh", incremental: nil)))
        #expect(!r.handles(SourceRequest(extractName: "E", source: .sql("x"), datastoreId: "lite", incremental: nil)))
    }
}

/// A stand-in for another datastore's resolver.
struct RecordingResolver: SourceResolver {
    func resolve(_ request: SourceRequest) async throws -> ResolvedSource {
        throw ExtractError(.unsupported, "fallback resolver called", context: .init(job: request.extractName))
    }
}

extension PostgresSourceResolverTests {
    @Test func dispatchingByDatastoreKind() async throws {
        try PG.script(Self.setup)
        let pgResolver = try resolver()
        let dispatcher = DatastoreRouter(
            datastores: Array(pgResolver.datastores.values),
            resolvers: ["postgresql": pgResolver],
            storeResolver: RecordingResolver()
        )
        let pg = try await dispatcher.resolve(
            SourceRequest(
                extractName: "E",
                source: .table(schema: "t_resolver", name: "events"),
                datastoreId: "wh",
                incremental: nil
            )
        )
        #expect(pg.source is PostgresSource)
        for datastore in ["lite", nil] as [String?] {
            do {
                _ = try await dispatcher.resolve(
                    SourceRequest(
                        extractName: "E",
                        source: .table(schema: nil, name: "t"),
                        datastoreId: datastore,
                        incremental: nil
                    )
                )
                Issue.record("must go to the fallback")
            } catch let error as ExtractError {
                #expect(error.message == "fallback resolver called")
            }
        }
    }
}
