import ExtractCore
import ExtractPostgres
import ExtractTestSupport
import Foundation
import Testing

@Suite(.serialized, .enabled(if: PG.enabled))
struct PostgresParallelTests {
    static let rowCount = 200_000

    static func createTable(_ name: String) throws {
        try PG.script(
            """
            CREATE SCHEMA IF NOT EXISTS t_parallel;
            DROP TABLE IF EXISTS t_parallel.\(name) CASCADE;
            CREATE TABLE t_parallel.\(name) (id bigint PRIMARY KEY, amount bigint NOT NULL, label text, price numeric(12,2), at timestamp);
            INSERT INTO t_parallel.\(name)
            SELECT g, 1000, CASE WHEN g % 10 = 0 THEN NULL ELSE 'row ' || g || repeat('x', g % 50) END,
                   (g % 100000) / 100.0, timestamp '2024-01-01' + g * interval '1 second'
            FROM generate_series(1, \(rowCount)) g;
            ANALYZE t_parallel.\(name);
            """
        )
    }

    func source(_ table: String, connections: Int, url: String? = nil) throws -> PostgresSource {
        PostgresSource(
            connectionString: try PostgresConnectionString(url ?? (try PG.url())),
            object: .table(table),
            maxConnections: connections,
            batchRowCount: 8192
        )
    }

    @Test func parallelReadEqualsSingleConnectionRead() throws {
        try Self.createTable("equal")
        // Updates leave dead tuples and move rows to other pages: the physical order is no longer the id order.
        try PG.psql("UPDATE t_parallel.equal SET amount = amount + 1 WHERE id % 3 = 0")
        let (singleSchema, single) = try readAll(try source("t_parallel.equal", connections: 1))
        let application = "par-\(UUID().uuidString.prefix(8))"
        let parallelSource = try source(
            "t_parallel.equal",
            connections: 4,
            url: try PG.url(applicationName: application)
        )
        let reader = try parallelSource.makeReader()
        defer { reader.close() }
        var parallel: [ColumnBatch] = []
        while let batch = try reader.next() {
            if parallel.isEmpty {
                // Four backends are reading right now.
                let backends = try PG.psql(
                    "SELECT count(*) FROM pg_stat_activity WHERE application_name = '\(application)'"
                )
                #expect(backends == "4")
            }
            parallel.append(batch)
        }
        #expect(reader.schema == singleSchema)
        let singleRows = rows(single)
        let parallelRows = rows(parallel)
        #expect(singleRows.count == Self.rowCount)
        #expect(parallelRows.count == Self.rowCount)
        // Same content, and the same order too (block order = a sequential scan's order).
        // (Compared as Bools: a failure must not print 200K rows.)
        let sameContent =
            parallelRows.sorted { $0.lexicographicallyPrecedes($1) }
            == singleRows.sorted { $0.lexicographicallyPrecedes($1) }
        #expect(sameContent, "parallel and single-connection reads differ in content")
        let sameOrder = parallelRows == singleRows
        #expect(sameOrder, "parallel read is not in block order")
        #expect(Set(parallelRows.map { $0[0] }).count == Self.rowCount)
        // And the sums agree with the server's.
        let sums = try PG.psql("SELECT sum(amount), sum(price * 100) FROM t_parallel.equal")
        let amountSum = parallelRows.reduce(0) { $0 + Int($1[1])! }
        let priceSum = parallelRows.reduce(0) { $0 + Int($1[3])! }
        #expect("\(amountSum)|\(priceSum)" == sums.replacingOccurrences(of: ".00", with: ""))
    }

    @Test func viewsAndQueriesFallBackToOneConnection() throws {
        try Self.createTable("fallback")
        try PG.psql(
            "CREATE OR REPLACE VIEW t_parallel.fallback_view AS SELECT id, amount FROM t_parallel.fallback WHERE id <= 1000"
        )
        let (_, batches) = try readAll(try source("t_parallel.fallback_view", connections: 4))
        #expect(rows(batches).count == 1000)
    }

    @Test(.timeLimit(.minutes(2)))
    func parallelReadIsConsistentWhileOtherSessionsWrite() throws {
        try Self.createTable("accounts")
        let before = try PG.psql("SELECT count(*), sum(amount), sum(id) FROM t_parallel.accounts")
        let reader = try source("t_parallel.accounts", connections: 3).makeReader()
        defer { reader.close() }
        let writer = try PostgresConnection(try PostgresConnectionString(try PG.url()))
        var extracted: [[String]] = []
        var round = 0
        while let batch = try reader.next() {
            extracted += rows([batch])
            // Between batches (while the workers read ahead), another session commits transfers that keep
            // the sum, moves rows to new pages, and inserts new rows.
            if round < 12 {
                let first = 1 + (round * 15_731) % (Self.rowCount - 2_000)
                try writer.execute(
                    """
                    BEGIN;
                    UPDATE t_parallel.accounts SET amount = amount + CASE WHEN id % 2 = 0 THEN 250 ELSE -250 END
                        WHERE id BETWEEN \(first) AND \(first + 1_999);
                    UPDATE t_parallel.accounts SET amount = amount + 7 WHERE id = \(Self.rowCount - round);
                    UPDATE t_parallel.accounts SET amount = amount - 7 WHERE id = \(round + 1);
                    INSERT INTO t_parallel.accounts SELECT g, 5, 'new', 1, now() FROM generate_series(\(1_000_000 + round * 1_000), \(1_000_000 + round * 1_000 + 999)) g;
                    COMMIT;
                    """
                )
                round += 1
            }
        }
        #expect(round == 12)  // the writes really happened during the read
        let after = try PG.psql("SELECT count(*), sum(amount), sum(id) FROM t_parallel.accounts")
        #expect(after != before)
        let count = extracted.count
        let amountSum = extracted.reduce(0) { $0 + Int($1[1])! }
        let idSum = extracted.reduce(0) { $0 + Int($1[0])! }
        #expect("\(count)|\(amountSum)|\(idSum)" == before)
        #expect(Set(extracted.map { $0[0] }).count == Self.rowCount)
        // Every row carries the amount of the snapshot (the original 1000), none a later one.
        #expect(extracted.allSatisfy { $0[1] == "1000" })
    }

    @Test func blockRangesCoverTheTable() throws {
        try Self.createTable("ranges")
        // A small batch size forces many ranges; the result still equals the table.
        let source = PostgresSource(
            connectionString: try PostgresConnectionString(try PG.url()),
            object: .table("t_parallel.ranges"),
            maxConnections: 2,
            batchRowCount: 1000
        )
        let (_, batches) = try readAll(source)
        let got = rows(batches)
        #expect(got.count == Self.rowCount)
        #expect(batches.count > 100)
        let (_, single) = try readAll(try self.source("t_parallel.ranges", connections: 1))
        let sameRows = got == rows(single)
        #expect(sameRows, "the parallel read over many small ranges differs from the single-connection read")
    }
}

extension PostgresParallelTests {
    @Test(.timeLimit(.minutes(1)))
    func closingEarlyReleasesEveryConnection() throws {
        try Self.createTable("early")
        let application = "early-\(UUID().uuidString.prefix(8))"
        let reader = try source("t_parallel.early", connections: 3, url: try PG.url(applicationName: application))
            .makeReader()
        _ = try #require(try reader.next())
        #expect(try PG.psql("SELECT count(*) FROM pg_stat_activity WHERE application_name = '\(application)'") == "3")
        reader.close()
        #expect(try reader.next() == nil)
        var remaining = "3"
        for _ in 0..<100 where remaining != "0" {
            usleep(100_000)
            remaining = try PG.psql("SELECT count(*) FROM pg_stat_activity WHERE application_name = '\(application)'")
        }
        #expect(remaining == "0")
    }
}

extension PostgresParallelTests {
    @Test func rangesOfAnUnanalyzedTableHoldAboutOneBatchEach() throws {
        try PG.script(
            """
            CREATE SCHEMA IF NOT EXISTS t_parallel;
            DROP TABLE IF EXISTS t_parallel.wide;
            CREATE TABLE t_parallel.wide (id int, payload text) WITH (autovacuum_enabled = false);
            INSERT INTO t_parallel.wide SELECT g, repeat('x', 400) FROM generate_series(1, 20000) g;
            """
        )
        #expect(try PG.psql("SELECT reltuples < 0 FROM pg_class WHERE oid = 't_parallel.wide'::regclass") == "t")
        // ~19 rows per block: a blind guess of 50 would cut ranges of ~40% of a batch.
        let source = PostgresSource(
            connectionString: try PostgresConnectionString(try PG.url()),
            object: .table("t_parallel.wide"),
            maxConnections: 2,
            batchRowCount: 1000
        )
        let (_, batches) = try readAll(source)
        #expect(batches.reduce(0) { $0 + $1.rowCount } == 20_000)
        #expect(batches.count <= 30, "\(batches.count) batches for 20 batches' worth of rows")
    }
}

extension PostgresParallelTests {
    @Test func aConnectionLimitGivesFewerWorkersNotAFailure() throws {
        try Self.createTable("limited")
        try PG.script(
            """
            DO $$ BEGIN
                IF EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 't_limited_reader') THEN
                    EXECUTE 'DROP OWNED BY t_limited_reader';
                    EXECUTE 'DROP ROLE t_limited_reader';
                END IF;
            END $$;
            CREATE ROLE t_limited_reader LOGIN CONNECTION LIMIT 2;
            GRANT USAGE ON SCHEMA t_parallel TO t_limited_reader;
            GRANT SELECT ON t_parallel.limited TO t_limited_reader;
            """
        )
        var components = URLComponents(string: try PG.url())!
        components.user = "t_limited_reader"
        let limited = PostgresSource(
            connectionString: try PostgresConnectionString(components.string!),
            object: .table("t_parallel.limited"),
            maxConnections: 4,
            batchRowCount: 8192
        )
        let (_, batches) = try readAll(limited)
        let (_, single) = try readAll(try source("t_parallel.limited", connections: 1))
        let same = rows(batches) == rows(single)
        #expect(same)
    }
}

extension PostgresParallelTests {
    @Test(arguments: [1, 3])
    func emptyTablesGiveNoBatchesButASchema(connections: Int) throws {
        try PG.script(
            """
            CREATE SCHEMA IF NOT EXISTS t_parallel;
            DROP TABLE IF EXISTS t_parallel.empty, t_parallel.no_columns;
            CREATE TABLE t_parallel.empty (id bigint, name text);
            CREATE TABLE t_parallel.no_columns ();
            INSERT INTO t_parallel.no_columns DEFAULT VALUES;
            """
        )
        let (schema, batches) = try readAll(try source("t_parallel.empty", connections: connections))
        #expect(schema.fields.map(\.name) == ["id", "name"])
        #expect(batches.isEmpty)
        do {
            _ = try readAll(try source("t_parallel.no_columns", connections: connections))
            Issue.record("a table without columns must be refused")
        } catch let error as ExtractError {
            #expect(error.code == .invalidArgument)
        }
    }
}
