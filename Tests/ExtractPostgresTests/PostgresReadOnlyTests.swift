import ExtractCore
import ExtractPostgres
import ExtractTestSupport
import Foundation
import Testing

/// An extract never writes to its source: every statement a read sends (the query, a function, a
/// procedure, the validation call, the incremental watermark query) runs read-only on the real
/// server, and the rows are still there afterwards.
@Suite(.serialized, .enabled(if: PG.enabled))
struct PostgresReadOnlyTests {
    static let setup = """
        DROP SCHEMA IF EXISTS t_readonly CASCADE;
        CREATE SCHEMA t_readonly;
        CREATE TABLE t_readonly.victim (id int PRIMARY KEY, note text NOT NULL);
        INSERT INTO t_readonly.victim SELECT g, 'row ' || g FROM generate_series(1, 5) g;
        CREATE FUNCTION t_readonly.fn_deletes() RETURNS SETOF t_readonly.victim LANGUAGE sql
            AS 'DELETE FROM t_readonly.victim RETURNING *';
        CREATE PROCEDURE t_readonly.sp_inserts(INOUT result refcursor) LANGUAGE plpgsql AS $$
            BEGIN INSERT INTO t_readonly.victim VALUES (99, 'staged'); OPEN result FOR SELECT * FROM t_readonly.victim; END $$;
        CREATE PROCEDURE t_readonly.sp_validation_writes() LANGUAGE plpgsql AS $$
            BEGIN UPDATE t_readonly.victim SET note = 'changed'; END $$;
        """

    /// The table as `psql` (an independent client) sees it.
    func snapshot() throws -> String {
        try PG.psql("SELECT string_agg(id || ':' || note, ',' ORDER BY id) FROM t_readonly.victim")
    }

    static let original = "1:row 1,2:row 2,3:row 3,4:row 4,5:row 5"

    /// Reads `source` and returns the error it fails with.
    func failure(_ source: PostgresSource) throws -> ExtractError {
        do {
            _ = try readAll(source)
        } catch let error as ExtractError {
            return error
        }
        throw TestFailure("the read of \(source.displayName) succeeded; it must fail")
    }

    static let writingQueries = [
        "DELETE FROM t_readonly.victim RETURNING *",
        "WITH d AS (DELETE FROM t_readonly.victim RETURNING *) SELECT * FROM d",
        "UPDATE t_readonly.victim SET note = 'x' RETURNING *",
        "INSERT INTO t_readonly.victim VALUES (6, 'new') RETURNING *",
        "SELECT set_config('transaction_read_only', 'off', true), * FROM t_readonly.victim",
    ]

    @Test(arguments: writingQueries)
    func writingQueriesFailAndChangeNothing(sql: String) throws {
        try PG.script(Self.setup)
        let error = try failure(try PostgresSource(url: try PG.url(), query: sql))
        #expect(error.message.contains("read-only") || error.message.contains("read-write"), "\(error)")
        #expect(try snapshot() == Self.original)
    }

    @Test func writingFunctionProcedureAndValidationFailAndChangeNothing() throws {
        try PG.script(Self.setup)
        let url = try PostgresConnectionString(try PG.url())
        let function = PostgresSource(
            connectionString: url,
            object: .function(PostgresRoutine("t_readonly.fn_deletes"))
        )
        #expect(try failure(function).message.contains("read-only"))
        let procedure = PostgresSource(
            connectionString: url,
            object: .procedure(PostgresRoutine("t_readonly.sp_inserts"))
        )
        #expect(try failure(procedure).message.contains("read-only"))
        let validated = PostgresSource(
            connectionString: url,
            object: .table("t_readonly.victim"),
            validation: PostgresRoutine("t_readonly.sp_validation_writes")
        )
        #expect(try failure(validated).message.contains("read-only"))
        #expect(try snapshot() == Self.original)
        // Reading is unaffected, over one connection and over a shared snapshot.
        for connections in [1, 2] {
            var table = PostgresSource(connectionString: url, object: .table("t_readonly.victim"))
            table.maxConnections = connections
            #expect(rows(try readAll(table).batches).count == 5)
        }
    }

    /// The watermark query of an incremental job runs the job's SQL: it is read-only too.
    @Test func incrementalWatermarkQueryOfAWritingJobChangesNothing() async throws {
        try PG.script(Self.setup)
        let resolver = PostgresSourceResolver(
            datastores: [DatastoreRecord(id: "wh", kind: "postgresql", location: try PG.url())]
        )
        await #expect(throws: ExtractError.self) {
            _ = try await resolver.resolve(
                SourceRequest(
                    extractName: "DELETER",
                    source: .sql("WITH d AS (DELETE FROM t_readonly.victim RETURNING *) SELECT * FROM d"),
                    datastoreId: "wh",
                    incremental: IncrementalWindow(column: "id", after: nil, since: nil, filters: true)
                )
            )
        }
        #expect(try snapshot() == Self.original)
    }

    @Test func statementTimeoutCancelsALongRead() throws {
        var source = try PostgresSource(url: try PG.url(), query: "SELECT pg_sleep(30) AS slept")
        source.statementTimeout = .milliseconds(300)
        let start = ContinuousClock.now
        let error = try failure(source)
        #expect(ContinuousClock.now - start < .seconds(10))
        #expect(error.message.contains("statement timeout"), "\(error)")
    }
}
