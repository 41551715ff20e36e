import ExtractCore
import ExtractPostgres
import ExtractTestSupport
import Foundation
import Testing

/// The shared benchmark dataset (`tools/make_dataset.py`, 100K rows of `orders_bench`,
/// with non-ASCII, quotes, CR/LF, NULL vs '') loaded into PostgreSQL and read back.
@Suite(.serialized, .enabled(if: PG.enabled))
struct PostgresDatasetTests {
    static func load() throws {
        let out = TestEnvironment.dataDirectory.appendingPathComponent("orders_bench_100000.sqlite")
        let result = try run(
            "python3",
            [
                TestEnvironment.datasetGenerator,
                "--rows", "100000", "--out", out.path, "--postgres", try PG.url(), "--quiet",
            ]
        )
        guard result.status == 0 else { throw TestFailure("make_dataset.py failed: \(result.output)") }
    }

    @Test(arguments: [1, 2])
    func fullReadOfOrdersBenchMatchesPsql(connections: Int) throws {
        try Self.load()
        let source = PostgresSource(
            connectionString: try PostgresConnectionString(try PG.url()),
            object: .table("orders_bench"),
            maxConnections: connections
        )
        let (schema, batches) = try readAll(source)
        #expect(
            schema.fields.map(\.type) == [
                .int64, .int64, .date, .timestamp(.microseconds, isAdjustedToUTC: false), .string, .string, .string,
                .int32,
                .decimal(precision: 12, scale: 2), .decimal(precision: 12, scale: 2), .bool, .string,
            ]
        )
        #expect(
            schema.fields.map(\.nullable) == [
                false, false, false, false, false, false, false, false, false, true, false, true,
            ]
        )
        let got = rows(batches)

        // Aggregates computed by the server, printed by psql.
        let sums = try PG.psql(
            """
            SELECT count(*), sum(order_id), sum(customer_id), sum(order_date - date '1970-01-01'),
                   sum((extract(epoch from order_ts) * 1000000)::bigint), sum(quantity), sum(unit_price * 100)::bigint,
                   count(discount), sum(discount * 100)::bigint, count(*) FILTER (WHERE is_gift),
                   count(notes), sum(octet_length(notes)), sum(octet_length(product_name))
            FROM orders_bench
            """
        )
        func sum(_ column: Int) -> Int128 { got.reduce(0) { $0 + ($1[column] == "∅" ? 0 : Int128($1[column])!) } }
        func count(_ column: Int) -> Int { got.filter { $0[column] != "∅" }.count }
        func bytes(_ column: Int) -> Int { got.reduce(0) { $0 + ($1[column] == "∅" ? 0 : $1[column].utf8.count) } }
        let mine = [
            Int128(got.count), sum(0), sum(1), sum(2), sum(3), sum(7), sum(8), Int128(count(9)), sum(9),
            Int128(got.filter { $0[10] == "true" }.count), Int128(count(11)), Int128(bytes(11)), Int128(bytes(6)),
        ]
        .map { String($0) }.joined(separator: "|")
        #expect(mine == sums)
        #expect(got.count == 100_000)

        // Every row, exactly, in physical order: psql with unit/record separators that the data never holds.
        let result = try run(
            "psql",
            [
                "-X", "-At", "-F", "\u{1F}", "-R", "\u{1E}", "-P", "null=∅", "-d", try PG.url(), "-c",
                """
                SELECT order_id, customer_id, order_date - date '1970-01-01', (extract(epoch from order_ts) * 1000000)::bigint,
                       status, channel, product_name, quantity, (unit_price * 100)::bigint, (discount * 100)::bigint,
                       CASE WHEN is_gift THEN 'true' ELSE 'false' END, notes
                FROM orders_bench
                """,
            ]
        )
        #expect(result.status == 0)
        var text = Substring(result.stdout)
        if text.hasSuffix("\n") { text.removeLast() }  // psql ends its output with a newline
        let expected = text.split(separator: "\u{1E}", omittingEmptySubsequences: true)
            .map { $0.split(separator: "\u{1F}", omittingEmptySubsequences: false).map(String.init) }
        #expect(expected.count == 100_000)
        let identical = got == expected
        let firstDifference = got.indices.first { $0 >= expected.count || got[$0] != expected[$0] }
        #expect(
            identical,
            "rows differ from psql's, first at row \(firstDifference.map { "\($0): \(got[$0]) vs \($0 < expected.count ? expected[$0] : [])" } ?? "none")"
        )
        // The dataset's traps are really in there.
        #expect(got.contains { $0[11] == "" })
        #expect(got.contains { $0[11].contains("\r\n") })
        #expect(got.contains { $0[6].unicodeScalars.contains { $0.value > 0x1F000 } })
    }
}
