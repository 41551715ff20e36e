import ExtractCore
import ExtractPostgres
import ExtractTestSupport
import Foundation
import Testing

@Suite(.serialized, .enabled(if: PG.enabled))
struct PostgresTypeTests {
    static let setup = """
        DROP SCHEMA IF EXISTS t_types CASCADE;
        CREATE SCHEMA t_types;
        CREATE TYPE t_types.mood AS ENUM ('happy', 'sad', 'ça va');
        CREATE TABLE t_types.all_types (
            id int NOT NULL,
            i2 smallint, i4 integer, i8 bigint,
            f4 real, f8 double precision,
            n12 numeric(12,2), n38 numeric(38,10), n30 numeric(30,0), nplain numeric, nhuge numeric(50,5),
            t text, vc varchar(10), bc char(5), nm name,
            by bytea, b boolean,
            d date, tm time, ts timestamp, tstz timestamptz,
            u uuid, j json, jb jsonb,
            iv interval, e t_types.mood, ai int[], at text[], ttz timetz
        );
        INSERT INTO t_types.all_types VALUES
          (1, -32768, -2147483648, -9223372036854775808, -3.4028235e38, -1.7976931348623157e308,
           -9999999999.99, -1234567890123456789012345678.0123456789, -999999999999999999999999999999, -123.25, 12345678901234567890123456789012345678901234.12345,
           'héllo 日本 😀', 'naïve', 'ab', 'a_name',
           '\\x00ff10'::bytea, false,
           '1900-03-01', '00:00:00', '1969-12-31 23:59:59.999999', '2024-02-29 12:34:56.789012+05:30',
           'a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11', '{"b": [1, 2],  "a": "x"}', '{"b": [1, 2],  "a": "ünï"}',
           '1 year 2 mons 3 days 04:05:06.5', 'ça va', '{1,NULL,3}', '{"a b","ç",NULL}', '12:00:00+02'),
          (2, 32767, 2147483647, 9223372036854775807, 'Infinity', 'NaN',
           9999999999.99, 1234567890123456789012345678.0123456789, 999999999999999999999999999999, 0.0000000001, 0,
           '', '', 'abcde', 'n',
           ''::bytea, true,
           '2000-01-01', '23:59:59.999999', '2262-04-11 23:47:16.854775', '1970-01-01 00:00:00+00',
           '00000000-0000-0000-0000-000000000000', '[]', '{}',
           '-00:00:01', 'happy', '{}', '{}', '00:00:00-11'),
          (3, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL,
           NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL),
          (4, 0, 0, 0, '-0', 1e-300, 0, 0, 0, 5, -0.00001,
           E'line1\\nline2\\t"quoted", comma', 'x', ' ', '', '\\x'::bytea, NULL,
           '1970-01-01', '12:34:56.5', '0001-01-01 00:00:00', '0001-01-01 00:00:00+00',
           'FFFFFFFF-FFFF-FFFF-FFFF-FFFFFFFFFFFF', 'null', '"str"', '0', 'sad', '{{1,2},{3,4}}', '{"\\""}', NULL);
        """

    @Test func everyTypeMapsAndDecodesExactly() throws {
        try PG.script(Self.setup)
        let source = try PostgresSource(url: try PG.url(), table: "t_types.all_types")
        let (schema, batches) = try readAll(source)
        let expectedTypes: [(String, ColumnType, Bool)] = [
            ("id", .int32, false),
            ("i2", .int16, true), ("i4", .int32, true), ("i8", .int64, true),
            ("f4", .float, true), ("f8", .double, true),
            ("n12", .decimal(precision: 12, scale: 2), true), ("n38", .decimal(precision: 38, scale: 10), true),
            ("n30", .decimal(precision: 30, scale: 0), true), ("nplain", .decimal(precision: 38, scale: 10), true),
            ("nhuge", .string, true),
            ("t", .string, true), ("vc", .string, true), ("bc", .string, true), ("nm", .string, true),
            ("by", .binary, true), ("b", .bool, true),
            ("d", .date, true), ("tm", .time(.microseconds), true),
            ("ts", .timestamp(.microseconds, isAdjustedToUTC: false), true),
            ("tstz", .timestamp(.microseconds, isAdjustedToUTC: true), true),
            ("u", .string, true), ("j", .string, true), ("jb", .string, true),
            ("iv", .string, true), ("e", .string, true), ("ai", .string, true), ("at", .string, true),
            ("ttz", .string, true),
        ]
        #expect(schema.fields.map(\.name) == expectedTypes.map(\.0))
        #expect(schema.fields.map(\.type) == expectedTypes.map(\.1))
        #expect(schema.fields.map(\.nullable) == expectedTypes.map(\.2))
        let got = rows(batches)
        #expect(got.count == 4)

        // The independent reference: psql's text of every column, with temporal values as
        // epoch units and numerics unscaled, computed by the server.
        let reference = try PG.psql(
            """
            SELECT id, coalesce(i2::text,'∅'), coalesce(i4::text,'∅'), coalesce(i8::text,'∅'),
                   coalesce(n12 * 100, NULL)::numeric(40,0)::text, (n38 * 10000000000)::numeric(60,0)::text, n30::text,
                   (nplain * 10000000000)::numeric(60,0)::text, nhuge::text,
                   t, vc, bc, nm, encode(by, 'hex'), b::text,
                   (d - date '1970-01-01')::text, (extract(epoch from tm) * 1000000)::bigint::text,
                   (extract(epoch from ts) * 1000000)::bigint::text, (extract(epoch from tstz) * 1000000)::bigint::text,
                   u::text, j::text, jb::text, iv::text, e::text, ai::text, at::text, ttz::text
            FROM t_types.all_types ORDER BY id
            """
        )
        let refRows = reference.split(separator: "\n", omittingEmptySubsequences: false).map { String($0) }
        // Multi-line text values break the line split; compare rows 1..3 this way and row 4 separately.
        // Reference column i is extracted column i, or i + 2 after the two float columns (not in the reference).
        let checked: [(Int, Int)] = (0...3).map { ($0, $0) } + (4...26).map { ($0, $0 + 2) }
        for (rowIndex, line) in refRows.prefix(3).enumerated() {
            let fields = line.split(separator: "|", omittingEmptySubsequences: false).map { String($0) }
            for (refIndex, column) in checked {
                let expected = fields[refIndex].isEmpty && got[rowIndex][column] == "∅" ? "∅" : fields[refIndex]
                #expect(got[rowIndex][column] == expected, "row \(rowIndex + 1) column \(schema.fields[column].name)")
            }
        }
        // Spot checks of extremes and exact bytes.
        #expect(got[0][4] == String(Float(-3.4028235e38)))
        #expect(got[0][5] == String(-1.7976931348623157e308))
        #expect(got[1][4] == "inf")
        #expect(got[1][5] == "nan")
        #expect(got[0][6] == "-999999999999")
        #expect(got[0][7] == "-12345678901234567890123456780123456789")
        #expect(got[0][11] == "héllo 日本 😀")
        #expect(got[0][13] == "ab   ")  // char(5) keeps its padding
        #expect(got[0][15] == "00ff10")
        #expect(got[0][17] == String(-25508))  // 1900-03-01
        #expect(got[1][17] == "10957")  // 2000-01-01
        #expect(got[0][20] == "1709190296789012")  // 2024-02-29 07:04:56.789012 UTC
        #expect(got[0][21] == "a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11")
        #expect(got[3][21] == "ffffffff-ffff-ffff-ffff-ffffffffffff")
        #expect(got[0][22] == #"{"b": [1, 2],  "a": "x"}"#)  // json keeps its text
        #expect(got[0][23] == #"{"a": "ünï", "b": [1, 2]}"#)  // jsonb as PostgreSQL prints it
        #expect(got[0][24] == "1 year 2 mons 3 days 04:05:06.5")
        #expect(got[0][25] == "ça va")
        #expect(got[0][26] == "{1,NULL,3}")
        #expect(got[2].dropFirst().allSatisfy { $0 == "∅" })
        // Row 4: empty vs NULL, control characters, -0.0, negative numerics.
        #expect(got[3][11] == "line1\nline2\t\"quoted\", comma")
        #expect(got[3][14] == "")
        #expect(got[3][15] == "")  // empty bytea, not NULL
        #expect(got[3][16] == "∅")
        #expect(got[1][11] == "")  // empty text, not NULL
        #expect(got[3][4] == "-0.0")
        #expect(got[3][9] == "50000000000")  // plain numeric 5 as decimal(38,10)
        #expect(got[3][10] == "-0.00001")
        #expect(got[3][26] == "{{1,2},{3,4}}")
        #expect(got[3][27] == #"{"\""}"#)
        #expect(got[3][18] == "45296500000")  // 12:34:56.5
        #expect(got[3][19] == "-62135596800000000")
    }

    @Test func decimalValuesThatDoNotFitFailWithColumnAndValue() throws {
        try PG.script(
            """
            DROP SCHEMA IF EXISTS t_numeric CASCADE;
            CREATE SCHEMA t_numeric;
            CREATE TABLE t_numeric.nan (id int, n numeric(10,2));
            INSERT INTO t_numeric.nan VALUES (1, 1.5), (2, 'NaN');
            CREATE TABLE t_numeric.third (id int, n numeric);
            INSERT INTO t_numeric.third VALUES (1, 1.0 / 3);
            CREATE TABLE t_numeric.inf (id int, n numeric);
            INSERT INTO t_numeric.inf VALUES (1, 'Infinity');
            CREATE TABLE t_numeric.big (id int, n numeric);
            INSERT INTO t_numeric.big VALUES (1, 1e30);
            CREATE TABLE t_numeric.dinf (id int, d date, ts timestamp);
            INSERT INTO t_numeric.dinf VALUES (1, 'infinity', '2020-01-01'), (2, '2020-01-01', '-infinity');
            """
        )
        let url = try PG.url()
        func failure(_ table: String, _ rule: UnconstrainedNumericRule = .default) throws -> ExtractError? {
            let source = PostgresSource(
                connectionString: try PostgresConnectionString(url),
                object: .table(table),
                unconstrainedNumeric: rule
            )
            do {
                _ = try readAll(source)
                return nil
            } catch let error as ExtractError {
                return error
            }
        }
        let nan = try #require(try failure("t_numeric.nan"))
        #expect(nan.code == .typeMismatch)
        #expect(nan.context.column == "n")
        #expect(nan.context.row == 2)
        #expect(nan.context.value == "NaN")
        let third = try #require(try failure("t_numeric.third"))
        #expect(third.context.column == "n")
        #expect(third.description.contains("0.3333333333"))
        #expect(third.message.contains("cast the column to numeric(p,s)"))
        let inf = try #require(try failure("t_numeric.inf"))
        #expect(inf.context.value == "Infinity")
        let big = try #require(try failure("t_numeric.big"))
        #expect(big.message.contains("more digits"))
        let dinf = try #require(try failure("t_numeric.dinf"))
        #expect(dinf.context.column == "d" && dinf.context.value == "infinity")

        // The text rule keeps every value exactly as PostgreSQL prints it.
        for (table, expected) in [
            ("t_numeric.third", "0.33333333333333333333"), ("t_numeric.inf", "Infinity"),
            ("t_numeric.big", "1000000000000000000000000000000"),
        ] {
            let source = PostgresSource(
                connectionString: try PostgresConnectionString(url),
                object: .table(table),
                unconstrainedNumeric: .text
            )
            let (schema, batches) = try readAll(source)
            #expect(schema.fields[1].type == .string)
            #expect(rows(batches)[0][1] == expected)
            #expect(try PG.psql("SELECT n::text FROM \(table)") == expected)
        }
        // A wide decimal that does fit.
        let wide = try PostgresSource(
            url: url,
            query: "SELECT 123456789012345678901234567.8901234567::numeric AS n, -0.0000000001::numeric AS m"
        )
        let (_, wideBatches) = try readAll(wide)
        #expect(rows(wideBatches)[0] == ["1234567890123456789012345678901234567", "-1"])
    }
}
