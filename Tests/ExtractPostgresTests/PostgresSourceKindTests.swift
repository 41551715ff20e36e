import ExtractCore
import ExtractPostgres
import ExtractTestSupport
import Foundation
import Testing

@Suite(.serialized, .enabled(if: PG.enabled))
struct PostgresSourceKindTests {
    static let setup = """
        DROP SCHEMA IF EXISTS t_dbo CASCADE;
        DROP SCHEMA IF EXISTS t_reporting CASCADE;
        DROP SCHEMA IF EXISTS t_finance CASCADE;
        CREATE SCHEMA t_dbo; CREATE SCHEMA t_reporting; CREATE SCHEMA t_finance;
        CREATE TYPE t_dbo.status AS ENUM ('open', 'closed');
        CREATE TABLE t_dbo."Orders" (
            id bigint PRIMARY KEY, customer text NOT NULL, amount numeric(12,2), placed date,
            status t_dbo.status, took interval
        );
        INSERT INTO t_dbo."Orders"
        SELECT g, 'customer ' || (g % 7), (g * 1.25)::numeric(12,2), date '2024-01-01' + (g % 30),
               CASE WHEN g % 2 = 0 THEN 'open' ELSE 'closed' END::t_dbo.status, make_interval(mins => g)
        FROM generate_series(1, 1000) g;
        CREATE VIEW t_reporting.customer_totals AS
            SELECT customer, count(*) AS orders, sum(amount) AS total FROM t_dbo."Orders" GROUP BY customer;
        CREATE FUNCTION t_finance.orders_since(since date, min_amount numeric)
            RETURNS TABLE (id bigint, amount numeric(12,2), placed date)
            LANGUAGE sql STABLE AS $$
                SELECT id, amount, placed FROM t_dbo."Orders" WHERE placed >= since AND amount >= min_amount ORDER BY id
            $$;
        CREATE PROCEDURE t_finance.sp_orders_report(IN wanted t_dbo.status, INOUT result refcursor)
            LANGUAGE plpgsql AS $$
            BEGIN
                OPEN result FOR SELECT id, customer, amount, status FROM t_dbo."Orders" WHERE status = wanted ORDER BY id;
            END $$;
        CREATE PROCEDURE t_finance.sp_with_interval(INOUT result refcursor)
            LANGUAGE plpgsql AS $$
            BEGIN
                OPEN result FOR SELECT id, took FROM t_dbo."Orders";
            END $$;
        CREATE PROCEDURE t_finance.sp_no_cursor(INOUT n integer)
            LANGUAGE plpgsql AS $$ BEGIN n := 1; END $$;
        CREATE PROCEDURE t_dbo.sp_validate_orders(min_rows integer)
            LANGUAGE plpgsql AS $$
            DECLARE n bigint;
            BEGIN
                SELECT count(*) INTO n FROM t_dbo."Orders";
                IF n < min_rows THEN
                    RAISE EXCEPTION 'orders table has only % rows, expected at least %', n, min_rows;
                END IF;
            END $$;
        """

    func source(_ object: PostgresSource.Object, validation: PostgresRoutine? = nil) throws -> PostgresSource {
        PostgresSource(
            connectionString: try PostgresConnectionString(try PG.url()),
            object: object,
            validation: validation
        )
    }

    @Test func tableWithQuotedMixedCaseNameAndTextFormTypes() throws {
        try PG.script(Self.setup)
        let (schema, batches) = try readAll(try source(.table(#"t_dbo."Orders""#)))
        #expect(schema.fields.map(\.name) == ["id", "customer", "amount", "placed", "status", "took"])
        #expect(schema.fields.map(\.nullable) == [false, false, true, true, true, true])
        let got = rows(batches)
        #expect(got.count == 1000)
        #expect(got[0] == ["1", "customer 1", "125", String(19723 + 1), "closed", "00:01:00"])
        #expect(got[999][5] == "16:40:00")
        // The same table read with another spelling: t_dbo.Orders names the table "Orders" exactly.
        let (_, again) = try readAll(try source(.table("t_dbo.Orders")))
        #expect(rows(again) == got)
    }

    @Test func viewAndQuery() throws {
        try PG.script(Self.setup)
        let (viewSchema, view) = try readAll(try source(.table("t_reporting.customer_totals")))
        #expect(viewSchema.fields.map(\.type) == [.string, .int64, .decimal(precision: 38, scale: 10)])
        let expected = try PG.psql(
            "SELECT customer || '|' || orders || '|' || (total * 10000000000)::numeric(60,0) FROM t_reporting.customer_totals ORDER BY customer"
        )
        #expect(
            rows(view).map { $0.joined(separator: "|") }.sorted() == expected.split(separator: "\n").map(String.init)
        )

        // Duplicate and unnamed output columns plus a text-form type (the query is wrapped with positional aliases).
        let query = "SELECT id, id, took, 1 + 1, status FROM t_dbo.\"Orders\" WHERE id <= 3 ORDER BY id;  "
        let (schema, batches) = try readAll(try source(.query(query)))
        #expect(schema.fields.map(\.name) == ["id", "id", "took", "?column?", "status"])
        #expect(
            rows(batches) == [
                ["1", "1", "00:01:00", "2", "closed"], ["2", "2", "00:02:00", "2", "open"],
                ["3", "3", "00:03:00", "2", "closed"],
            ]
        )
    }

    @Test func setReturningFunctionWithArguments() throws {
        try PG.script(Self.setup)
        let routine = PostgresRoutine("t_finance.orders_since", arguments: ["2024-01-29", "1000"])
        let (schema, batches) = try readAll(try source(.function(routine)))
        // A function's result columns carry no type modifier, so numeric(12,2) arrives as plain numeric.
        #expect(schema.fields.map(\.type) == [.int64, .decimal(precision: 38, scale: 10), .date])
        let got = rows(batches)
        let expected = try PG.psql("SELECT count(*), sum(id) FROM t_finance.orders_since('2024-01-29', 1000)")
        #expect("\(got.count)|\(got.map { Int($0[0])! }.reduce(0, +))" == expected)
        #expect(got.count > 0)
    }

    @Test func procedureReturningACursor() throws {
        try PG.script(Self.setup)
        let routine = PostgresRoutine("t_finance.sp_orders_report", arguments: ["open"])
        let source = PostgresSource(
            connectionString: try PostgresConnectionString(try PG.url()),
            object: .procedure(routine),
            batchRowCount: 128
        )
        let (schema, batches) = try readAll(source)
        #expect(schema.fields.map(\.name) == ["id", "customer", "amount", "status"])
        #expect(schema.fields.map(\.type) == [.int64, .string, .decimal(precision: 12, scale: 2), .string])
        #expect(batches.count == 4)  // 500 rows in batches of 128
        let got = rows(batches)
        #expect(got.count == 500)
        #expect(got.first == ["2", "customer 2", "250", "open"])
        #expect(got.allSatisfy { $0[3] == "open" })
        #expect(got.map { Int($0[0])! } == Array(stride(from: 2, through: 1000, by: 2)))
    }

    @Test func procedureErrors() throws {
        try PG.script(Self.setup)
        do {
            _ = try readAll(try source(.procedure(PostgresRoutine("t_finance.sp_with_interval"))))
            Issue.record("a cursor with an interval column must be refused")
        } catch let error as ExtractError {
            #expect(error.code == .unsupported)
            #expect(error.message.contains("took::text"))
        }
        do {
            _ = try readAll(try source(.procedure(PostgresRoutine("t_finance.sp_no_cursor"))))
            Issue.record("a procedure without a refcursor must be refused")
        } catch let error as ExtractError {
            #expect(error.message.contains("refcursor"))
        }
        do {
            _ = try readAll(try source(.procedure(PostgresRoutine("t_finance.sp_missing"))))
            Issue.record("a missing procedure must fail")
        } catch let error as ExtractError {
            #expect(error.code == .notFound)
        }
    }

    @Test func validationProcedureRaisingFailsBeforeAnythingIsRead() throws {
        try PG.script(Self.setup)
        let failing = PostgresRoutine("t_dbo.sp_validate_orders", arguments: ["5000"])
        do {
            _ = try (try source(.table(#"t_dbo."Orders""#), validation: failing)).makeReader()
            Issue.record("the validation procedure raised; makeReader must throw")
        } catch let error as ExtractError {
            #expect(error.message.contains("orders table has only 1000 rows, expected at least 5000"))
            #expect(error.message.contains("t_dbo.sp_validate_orders"))
            #expect(error.context.object == #"t_dbo."Orders""#)
        }
        // The same procedure with a threshold the table meets lets the read go on. (It cannot
        // count its calls in a table: sources are read-only, PostgresReadOnlyTests.)
        let passing = PostgresRoutine("t_dbo.sp_validate_orders", arguments: ["10"])
        let (_, batches) = try readAll(try source(.table(#"t_dbo."Orders""#), validation: passing))
        #expect(rows(batches).count == 1000)
    }

    @Test func missingObjectsAreNotFound() throws {
        try PG.script(Self.setup)
        for object in [
            PostgresSource.Object.table("t_dbo.nope"), .table("nope_schema.x"), .query("SELECT * FROM t_dbo.nope"),
        ] {
            do {
                _ = try readAll(try source(object))
                Issue.record("reading \(object) must fail")
            } catch let error as ExtractError {
                #expect(error.code == .notFound, "\(error)")
            }
        }
        do {
            _ = try readAll(try source(.table("a.b.c")))
            Issue.record("a three-part name must be refused")
        } catch let error as ExtractError {
            #expect(error.code == .invalidArgument)
        }
    }

    @Test func manyRandomNumericsDecodeExactly() throws {
        try PG.script(
            """
            DROP SCHEMA IF EXISTS t_num_random CASCADE;
            CREATE SCHEMA t_num_random;
            CREATE TABLE t_num_random.n AS
            SELECT g AS id,
                   (random() * 1e10 - 5e9)::numeric(12,2) AS a,
                   (random() * 1e14 - 5e13)::numeric(18,4) AS b,
                   ((random() - 0.5) * 1e27)::numeric(38,10) AS c,
                   round((random() - 0.5)::numeric * 10::numeric ^ (g % 20), g % 9) AS d
            FROM generate_series(1, 5000) g;
            """
        )
        let (schema, batches) = try readAll(try source(.table("t_num_random.n")))
        #expect(
            schema.fields.map(\.type) == [
                .int32, .decimal(precision: 12, scale: 2), .decimal(precision: 18, scale: 4),
                .decimal(precision: 38, scale: 10), .decimal(precision: 38, scale: 10),
            ]
        )
        let expected = try PG.psql(
            """
            SELECT id || '|' || (a * 100)::numeric(60,0) || '|' || (b * 10000)::numeric(60,0) || '|' ||
                   (c * 1e10)::numeric(60,0) || '|' || (d * 1e10)::numeric(60,0) FROM t_num_random.n ORDER BY id
            """
        )
        #expect(rows(batches).map { $0.joined(separator: "|") } == expected.split(separator: "\n").map(String.init))
    }
}
