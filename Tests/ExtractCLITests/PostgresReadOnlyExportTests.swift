import ExtractTestSupport
import Foundation
import Testing

/// `extract export` with a query that would write: exit 1 naming the cause, no file, the rows
/// still there (checked with psql).
@Suite(.serialized, .enabled(if: ProcessInfo.processInfo.environment["EXTRACT_SKIP_PG"] != "1"))
struct PostgresReadOnlyExportTests {
    @Test func aDeletingQueryIsRefusedAndTheRowsStay() throws {
        let url = try PostgresExportTests.serverURL()
        func psql(_ sql: String) throws -> String {
            let result = try run("psql", ["-X", "-q", "-At", "-v", "ON_ERROR_STOP=1", "-d", url, "-c", sql])
            guard result.status == 0 else { throw TestFailure("psql failed: \(result.output)") }
            return result.stdout.trimmingCharacters(in: .whitespacesAndNewlines)
        }
        _ = try psql(
            "DROP TABLE IF EXISTS cli_readonly; CREATE TABLE cli_readonly AS SELECT g AS id FROM generate_series(1, 10) g"
        )
        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        for query in [
            "DELETE FROM cli_readonly RETURNING *",
            "WITH d AS (DELETE FROM cli_readonly RETURNING *) SELECT * FROM d",
        ] {
            let output = dir.file("out.csv")
            let result = try run(
                TestEnvironment.extractExecutable,
                ["export", "--source", url, "--query", query, "--format", "csv", "--output", output.path]
            )
            #expect(result.status == 1, "\(result.output)")
            #expect(result.stderr.contains("read-only"), "\(result.output)")
            #expect(!FileManager.default.fileExists(atPath: output.path))
            #expect(try psql("SELECT count(*) FROM cli_readonly") == "10")
        }
        // --statement-timeout: the server cancels the statement; exit 1 with its message.
        let slow = try run(
            TestEnvironment.extractExecutable,
            [
                "export", "--source", url, "--query", "SELECT pg_sleep(30) AS s", "--format", "csv",
                "--statement-timeout", "0.3", "--output", dir.file("slow.csv").path,
            ]
        )
        #expect(slow.status == 1, "\(slow.output)")
        #expect(slow.stderr.contains("statement timeout"), "\(slow.output)")
        let bad = try run(
            TestEnvironment.extractExecutable,
            [
                "export", "--source", url, "--query", "SELECT 1", "--format", "csv", "--statement-timeout", "-1",
                "--output", dir.file("bad.csv").path,
            ]
        )
        #expect(bad.status == 2, "\(bad.output)")
    }
}
