import ExtractCore
import ExtractPostgres
import ExtractTestSupport
import Foundation
import Testing

@Suite(.serialized, .enabled(if: PG.enabled))
struct PostgresFailureTests {
    static func createWideTable() throws {
        try PG.script(
            """
            CREATE SCHEMA IF NOT EXISTS t_failure;
            DROP TABLE IF EXISTS t_failure.wide;
            CREATE TABLE t_failure.wide AS
            SELECT g AS id, repeat(md5(g::text), 8) AS payload FROM generate_series(1, 300000) g;
            """
        )
    }

    /// Reads one batch, kills the reader's backends from another session, and expects a clean
    /// `source` error (not a hang, not a crash, not a silent short read).
    func killMidExtract(connections: Int) throws {
        let application = "kill-\(UUID().uuidString.prefix(8))"
        let source = PostgresSource(
            connectionString: try PostgresConnectionString(try PG.url(applicationName: application)),
            object: .table("t_failure.wide"),
            maxConnections: connections,
            batchRowCount: 4096
        )
        let reader = try source.makeReader()
        defer { reader.close() }
        var rowsRead = 0
        rowsRead += try #require(try reader.next()).rowCount
        let killed = try PG.psql(
            "SELECT count(pg_terminate_backend(pid)) FROM pg_stat_activity WHERE application_name = '\(application)'"
        )
        #expect(killed == String(connections))
        do {
            while let batch = try reader.next() { rowsRead += batch.rowCount }
            Issue.record("the read ended normally after its server processes were terminated (\(rowsRead) rows)")
        } catch let error as ExtractError {
            #expect(error.code == .source)
            #expect(error.context.object == "t_failure.wide")
            #expect(error.description.contains("terminat") || error.description.contains("closed"), "\(error)")
        }
        #expect(rowsRead < 300_000)
        // Afterwards the reader stays finished.
        #expect(try reader.next() == nil)
    }

    @Test(.timeLimit(.minutes(1)))
    func serverGoingAwayMidExtractIsACleanError() throws {
        try Self.createWideTable()
        try killMidExtract(connections: 1)
    }

    @Test(.timeLimit(.minutes(1)))
    func serverGoingAwayMidParallelExtractIsACleanError() throws {
        try Self.createWideTable()
        try killMidExtract(connections: 3)
    }

    @Test func unreachableServerIsASourceError() throws {
        let source = try PostgresSource(
            url: "postgresql://someone:pw-unreachable@127.0.0.1:1/nowhere?connect_timeout=5",
            table: "t"
        )
        #expect(throws: ExtractError.self) { _ = try source.makeReader() }
    }

    @Test func passwordsNeverAppearInDescriptionsOrErrors() throws {
        let secret = "S3cr3t-Pa55word"
        let forms = [
            "postgresql://alice:\(secret)@127.0.0.1:1/warehouse?connect_timeout=5",
            "host=127.0.0.1 port=1 dbname=warehouse user=alice password=\(secret) connect_timeout=5",
            "postgresql://alice@127.0.0.1:1/warehouse?password=\(secret)&connect_timeout=5",
        ]
        for form in forms {
            let source = try PostgresSource(url: form, table: "dbo.orders")
            var dumped = ""
            dump(source, to: &dumped)
            let texts = [
                source.displayName, source.description, String(describing: source), String(reflecting: source), dumped,
                String(describing: source.connectionString), String(reflecting: source.connectionString),
            ]
            for text in texts {
                #expect(!text.contains(secret), "\(text)")
            }
            #expect(source.displayName == "postgresql://alice@127.0.0.1:1/warehouse table dbo.orders")
            do {
                _ = try source.makeReader()
                Issue.record("nothing listens on port 1")
            } catch let error as ExtractError {
                #expect(!error.description.contains(secret), "\(error)")
                #expect(error.description.contains("postgresql://alice@127.0.0.1:1/warehouse"))
            }
        }
        // Against the real server (trust authentication ignores the password): a failing read's error
        // and the connection's description hide it too, even where the server echoes it back.
        var components = URLComponents(string: try PG.url())!
        components.password = secret
        let url = components.string!
        let connection = try PostgresConnection(try PostgresConnectionString(url))
        #expect(!connection.redactedDescription.contains(secret))
        do {
            try connection.execute("SELECT * FROM \"\(secret)\"")
            Issue.record("the table does not exist")
        } catch let error as ExtractError {
            #expect(!error.description.contains(secret), "\(error)")
            #expect(error.description.contains("***"))
        }
        // A resolver holding datastores with passwords does not show them either.
        let resolver = PostgresSourceResolver(
            datastores: [DatastoreRecord(id: "wh", kind: "postgresql", location: forms[0])],
            defaultConnection: try PostgresConnectionString(forms[1])
        )
        var dumpedResolver = ""
        dump(resolver, to: &dumpedResolver)
        for text in [String(describing: resolver), String(reflecting: resolver), dumpedResolver] {
            #expect(!text.contains(secret), "\(text)")
        }
        // A malformed string is refused without quoting it.
        do {
            _ = try PostgresConnectionString("host=x password='\(secret)")
            Issue.record("an unterminated quote must be refused")
        } catch let error as ExtractError {
            #expect(!error.description.contains(secret), "\(error)")
        }
    }
}

extension PostgresFailureTests {
    /// The connections of `application` still open on the server.
    func backends(_ application: String) throws -> String {
        try PG.psql("SELECT count(*) FROM pg_stat_activity WHERE application_name = '\(application)'")
    }

    @Test(.timeLimit(.minutes(1)), arguments: [true, false])
    func closingOrDroppingAPrefetchingReaderEarlyReleasesItsConnection(explicitClose: Bool) throws {
        try Self.createWideTable()
        let application = "early1-\(UUID().uuidString.prefix(8))"
        var source = PostgresSource(
            connectionString: try PostgresConnectionString(try PG.url(applicationName: application)),
            object: .table("t_failure.wide"),
            batchRowCount: 4096
        )
        source.prefetch = true
        do {
            let reader = try source.makeReader()
            _ = try #require(try reader.next())
            #expect(try backends(application) == "1")
            if explicitClose {
                reader.close()
                #expect(try reader.next() == nil)
            }
        }
        var remaining = "1"
        for _ in 0..<100 where remaining != "0" {
            usleep(100_000)
            remaining = try backends(application)
        }
        #expect(remaining == "0")
    }
}

/// Runs in a child test process whose environment holds PGHOST, PGPORT, PGUSER and PGDATABASE
/// (setting them in this process would race with other tests' connections).
@Suite(.enabled(if: ProcessInfo.processInfo.environment["EXTRACT_PG_ENV_CHILD"] == "1"))
struct PostgresEnvironmentChildTests {
    @Test func emptyConnectionStringChild() throws {
        let env = ProcessInfo.processInfo.environment
        let connection = try PostgresConnection(try PostgresConnectionString(""))
        #expect(
            connection.redactedDescription
                == "postgresql://\(env["PGUSER"]!)@\(env["PGHOST"]!):\(env["PGPORT"]!)/\(env["PGDATABASE"]!)"
        )
        #expect(
            try connection.execute(
                "SELECT current_database(), current_setting('TimeZone'), current_setting('DateStyle')"
            ).first
                == [env["PGDATABASE"]!, "UTC", "ISO, YMD"]
        )
        let (_, batches) = try readAll(try PostgresSource(url: "", query: "SELECT 42 AS answer"))
        #expect(rows(batches) == [["42"]])
    }
}

extension PostgresFailureTests {
    @Test func anEmptyConnectionStringUsesThePGEnvironmentVariables() throws {
        let components = URLComponents(string: try PG.url())!
        let result = try run(
            CommandLine.arguments[0],
            ["--testing-library", "swift-testing", "--filter", "emptyConnectionStringChild"],
            environment: [
                "EXTRACT_PG_ENV_CHILD": "1", "PGHOST": components.host!, "PGPORT": String(components.port!),
                "PGUSER": components.user!, "PGDATABASE": String(components.path.dropFirst()),
            ]
        )
        #expect(result.status == 0, "\(result.output)")
        #expect(result.output.contains("emptyConnectionStringChild() passed"), "\(result.output)")
    }
}

@Test func connectionStringsAreToldApartFromPaths() {
    for text in ["postgresql://u@h/db", "postgres://h", "host=127.0.0.1 dbname=x", "service=wh"] {
        #expect(PostgresConnectionString.looksLikeConnectionString(text), "\(text)")
    }
    for text in ["extract.sqlite", "/data/store.sqlite", "sqlite:shop.sqlite", "my=file.sqlite"] {
        #expect(!PostgresConnectionString.looksLikeConnectionString(text), "\(text)")
    }
}
