import ExtractTestSupport
import Foundation
import Testing

/// A known password, given in every way libpq accepts (URL user info, `key=value`, `PGPASSWORD`),
/// goes through a whole life cycle of commands on a PostgreSQL store: it appears in no stdout, no
/// stderr and no column of the run log.
@Suite(.serialized, .enabled(if: ProcessInfo.processInfo.environment["EXTRACT_SKIP_PG"] != "1"))
struct SecretsNeverPrintedTests {
    static let password = "K9pw-7731-secret"

    @Test func aKnownPasswordAppearsNowhere() throws {
        let plain = try EnginePostgresEndToEndTests.makeDatabase("extract_secrets")
        // The test server trusts loopback logins, so any password is accepted and the commands succeed.
        let withPassword = plain.replacingOccurrences(of: "://postgres@", with: "://postgres:\(Self.password)@")
        #expect(withPassword != plain)
        let parts = try #require(URL(string: plain))
        let keyValue =
            "host=\(parts.host ?? "127.0.0.1") port=\(parts.port ?? 5432) dbname=extract_secrets user=postgres password='\(Self.password)'"
        let dir = try TemporaryDirectory("secrets")
        defer { dir.remove() }
        var outputs: [(String, ProcessResult)] = []
        func extract(_ args: [String], environment: [String: String] = [:]) throws -> ProcessResult {
            let result = try run(
                TestEnvironment.extractExecutable,
                args,
                environment: environment.merging(["EXTRACT_RUN_TIME": "2024-07-25T14:25:30Z"]) { a, _ in a },
                currentDirectory: dir.url
            )
            outputs.append((args.joined(separator: " "), result))
            return result
        }
        let initialized = try extract(["init", "--samples", "--store", withPassword])
        #expect(initialized.status == 0, "\(initialized.output)")
        #expect(
            initialized.stdout.contains("postgres:***@"),
            "the hint shows where the password was: \(initialized.stdout)"
        )
        for store in [withPassword, keyValue] {
            #expect(try extract(["list", "--store", store]).status == 0)
            _ = try extract(["list", "--store", store, "--json"])
            #expect(try extract(["validate", "--store", store]).status == 0)
            _ = try extract(["run", "--store", store, "--dry-run"])
        }
        #expect(try extract(["run", "--store", withPassword, "--json"]).status == 0)
        _ = try extract(["history", "--store", keyValue])
        _ = try extract(["history", "--store", withPassword, "--json"])
        let csv = dir.file("orders.csv").path
        for source in [withPassword, keyValue] {
            #expect(
                try extract(["export", "--source", source, "--table", "dbo.orders", "--format", "csv", "--output", csv])
                    .status == 0
            )
            // Failures quote the source: a missing table, a bad query, a refused write.
            #expect(
                try extract(["export", "--source", source, "--table", "nope", "--format", "csv", "--output", csv])
                    .status == 1
            )
            _ = try extract([
                "export", "--source", source, "--query", "SELECT nope", "--format", "csv", "--output", csv,
            ])
            _ = try extract([
                "export", "--source", source, "--query", "DELETE FROM dbo.orders RETURNING *", "--format", "csv",
                "--output", csv,
            ])
        }
        // From the environment: the password is not in the arguments but could be echoed from libpq.
        _ = try extract(
            ["export", "--source", plain, "--table", "nope", "--format", "csv", "--output", csv],
            environment: ["PGPASSWORD": Self.password]
        )
        // A wrong user, so the server's own error message is printed.
        let wrongUser = withPassword.replacingOccurrences(of: "://postgres:", with: "://no_such_role:")
        #expect(
            try extract(["export", "--source", wrongUser, "--table", "dbo.orders", "--format", "csv", "--output", csv])
                .status == 1
        )
        #expect(outputs.count >= 20)
        for (command, result) in outputs {
            #expect(!result.stdout.contains(Self.password), "stdout of `\(command)`: \(result.stdout)")
            #expect(!result.stderr.contains(Self.password), "stderr of `\(command)`: \(result.stderr)")
        }
        // Nor in any column of the run log (read with psql, every column as text).
        let log = try run(
            "psql",
            ["-X", "-At", "-d", plain, "-c", "SELECT l::text FROM config.log_extract_generation l"]
        )
        #expect(log.status == 0, "\(log.output)")
        #expect(!log.stdout.isEmpty)
        #expect(!log.stdout.contains(Self.password))
    }
}
