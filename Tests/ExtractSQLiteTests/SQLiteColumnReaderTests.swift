import ExtractCore
import ExtractSQLite
import ExtractTestSupport
import Testing

/// Value conversions, end to end: tables with declared types, read through ``SQLiteSource``.
@Suite struct SQLiteColumnReaderTests {
    @Test func integers() throws {
        let db = try TestDatabase(
            """
            CREATE TABLE t(id INTEGER PRIMARY KEY, v BIGINT);
            INSERT INTO t(v) VALUES (0), (-1), (9223372036854775807), (-9223372036854775808), (NULL), ('42');
            """
        )
        let result = try readAll(try db.source(table: "t"))
        #expect(result.type("v") == .int64)
        // '42' is well-formed integer text: INTEGER affinity stored it as 42.
        #expect(result.cells("v") == [.int64(0), .int64(-1), .int64(.max), .int64(.min), .null, .int64(42)])
        #expect(result.cells("id") == (1...6).map { .int64($0) })
    }

    @Test(arguments: [
        ("2.5", "REAL", "2.5"), ("1e20", "REAL", "1e+20"), ("'abc'", "TEXT", "abc"), ("x'00'", "BLOB", "X'00'"),
    ])
    func integerColumnRejects(_ literal: String, _ storage: String, _ rendered: String) throws {
        let db = try TestDatabase("CREATE TABLE t(v INTEGER); INSERT INTO t VALUES (1), (\(literal));")
        let error = try #require(readError(try db.source(table: "t")))
        #expect(error.code == .typeMismatch)
        #expect(error.context.object == "t")
        #expect(error.context.column == "v")
        #expect(error.context.row == 2)
        #expect(error.context.value == rendered)
        #expect(
            error.message.hasPrefix(
                "value at rowid 2 does not fit column int64 (declared type INTEGER): a \(storage) value where an INTEGER"
            )
        )
    }

    @Test func doubles() throws {
        let db = try TestDatabase(
            """
            CREATE TABLE t(v REAL);
            INSERT INTO t VALUES (0.1), (-0.0), (5), (1e308), (4.9e-324), (NULL), (9007199254740993);
            """
        )
        let result = try readAll(try db.source(table: "t"))
        #expect(result.type("v") == .double)
        // REAL affinity turns the integers 5 and 2^53+1 into doubles itself (the latter rounded).
        #expect(
            result.cells("v") == [
                .double(0.1), .double(-0.0), .double(5), .double(1e308), .double(.leastNonzeroMagnitude), .null,
                .double(9007199254740992),
            ]
        )
        let bad = try TestDatabase("CREATE TABLE t(v DOUBLE); INSERT INTO t VALUES ('n/a');")
        let error = try #require(readError(try bad.source(table: "t")))
        #expect(error.code == .typeMismatch)
        #expect(error.context.value == "n/a")
    }

    @Test func inferredColumnsKeepTheirFirstTypeAndCheckTheRest() throws {
        // No declared type: BLOB affinity, values stored as given.
        let db = try TestDatabase(
            """
            CREATE TABLE t(id INTEGER PRIMARY KEY, n, r, s, b, empty);
            INSERT INTO t VALUES (1, NULL, NULL, NULL, NULL, NULL), (2, 5, 1.5, 'x', x'0001', NULL),
                                 (3, 4.0, 3, 7, x'', NULL), (4, -2, 9007199254740992, 'é', x'ff', NULL);
            """
        )
        let result = try readAll(try db.source(table: "t"))
        #expect(result.type("n") == .int64)
        #expect(result.type("r") == .double)
        #expect(result.type("s") == .string)
        #expect(result.type("b") == .binary)
        #expect(result.type("empty") == .string)
        #expect(result.cells("n") == [.null, .int64(5), .int64(4), .int64(-2)])
        #expect(result.cells("r") == [.null, .double(1.5), .double(3), .double(9007199254740992)])
        #expect(result.cells("s") == [.null, .text("x"), .text("7"), .text("é")])
        #expect(result.cells("b") == [.null, .bytes([0, 1]), .bytes([]), .bytes([255])])
        #expect(result.cells("empty") == [.null, .null, .null, .null])

        let bad = try TestDatabase(
            """
            CREATE TABLE t(id INTEGER PRIMARY KEY, n);
            INSERT INTO t VALUES (1, NULL), (2, 5), (3, 4.5);
            """
        )
        let error = try #require(readError(try bad.source(table: "t")))
        #expect(
            error.description == """
                value at rowid 3 does not fit column int64 (type inferred from the first value): a REAL value where an INTEGER (or a REAL without fractional part) is expected (the REAL has a fractional part or is out of the int64 range); fix the data, convert the column in a query, or use the mismatch policy renderAsText (object t, column n, row 3, value "4.5")
                """
        )
    }

    @Test func inferredDoubleRejectsIntegersItCannotHoldExactly() throws {
        let db = try TestDatabase("CREATE TABLE t(v); INSERT INTO t VALUES (0.5), (9007199254740993);")
        let error = try #require(readError(try db.source(table: "t")))
        #expect(error.context.value == "9007199254740993")
        #expect(error.message.contains("more digits than a double holds exactly"))
    }

    @Test func booleans() throws {
        let db = try TestDatabase(
            """
            CREATE TABLE t(id INTEGER PRIMARY KEY, v BOOLEAN);
            INSERT INTO t(v) VALUES (0), (1), ('true'), ('FALSE'), ('True'), (NULL), (1.0), ('0');
            """
        )
        let result = try readAll(try db.source(table: "t"))
        #expect(result.type("v") == .bool)
        #expect(
            result.cells("v") == [
                .bool(false), .bool(true), .bool(true), .bool(false), .bool(true), .null,
                .bool(true), .bool(false),
            ]
        )
        for bad in ["2", "'yes'", "''", "-1", "0.5"] {
            let db = try TestDatabase("CREATE TABLE t(v BOOL); INSERT INTO t VALUES (\(bad));")
            let error = try #require(readError(try db.source(table: "t")), "\(bad)")
            #expect(error.code == .typeMismatch)
            #expect(error.message.contains("0 or 1 (or the text true/false)"))
        }
    }

    @Test func dates() throws {
        let db = try TestDatabase(
            """
            CREATE TABLE t(v DATE);
            INSERT INTO t VALUES ('1970-01-01'), ('1969-12-31'), ('2020-02-29'), ('0001-01-01'), ('9999-12-31'),
                                 ('2000-03-01'), (NULL);
            """
        )
        let result = try readAll(try db.source(table: "t"))
        #expect(result.type("v") == .date)
        #expect(
            result.cells("v") == [
                .int32(0), .int32(-1), .int32(18321), .int32(-719162), .int32(2932896),
                .int32(11017), .null,
            ]
        )
    }

    /// Every 97th day from year 1 to 9999, written by SQLite's own date() function.
    @Test func datesAgreeWithSQLiteDateFunctions() throws {
        let db = try TestDatabase(
            """
            CREATE TABLE t(day INTEGER, v DATE);
            WITH RECURSIVE c(x) AS (VALUES(-719162) UNION ALL SELECT x + 97 FROM c WHERE x + 97 <= 2932896)
            INSERT INTO t SELECT x, date(x * 86400, 'unixepoch') FROM c;
            """
        )
        let result = try readAll(try db.source(table: "t"))
        let expected = result.cells("day").map { cell -> Cell in
            if case .int64(let d) = cell { return .int32(Int32(d)) }
            return cell
        }
        #expect(result.rowCount > 37_000)
        #expect(result.cells("v") == expected)
    }

    @Test(arguments: [
        "'2021-02-29'", "'2020-1-01'", "'2020-01-01 00:00:00'", "20200101", "''", "'2020-13-01'",
        "'2020/01/01'", "' 2020-01-01'",
    ])
    func dateRejects(_ literal: String) throws {
        let db = try TestDatabase("CREATE TABLE t(v DATE); INSERT INTO t VALUES (\(literal));")
        let error = try #require(readError(try db.source(table: "t")))
        #expect(error.code == .typeMismatch)
        #expect(error.message.contains("date text YYYY-MM-DD"))
    }

    @Test func timestamps() throws {
        let db = try TestDatabase(
            """
            CREATE TABLE t(v TIMESTAMP);
            INSERT INTO t VALUES ('2020-01-01 00:00:00'), ('2020-01-01T00:00:00'), ('2020-01-01 00:00:00.5'),
              ('2020-01-01 00:00:00.123456789'), ('2020-01-01'), ('2020-01-01 10:30'), (1577836800),
              ('1969-12-31 23:59:59.999999'), ('1900-03-01 12:00:00.000001'), (NULL), (-1);
            """
        )
        let result = try readAll(try db.source(table: "t"))
        #expect(result.type("v") == .timestamp(.microseconds, isAdjustedToUTC: false))
        let base: Int64 = 1_577_836_800_000_000
        #expect(
            result.cells("v") == [
                .int64(base), .int64(base), .int64(base + 500_000), .int64(base + 123_456), .int64(base),
                .int64(base + 37_800_000_000), .int64(base), .int64(-1),
                .int64(-2_203_891_200_000_000 + 43_200_000_001),
                .null, .int64(-1_000_000),
            ]
        )
    }

    /// Timestamps SQLite's datetime()/strftime() write, every 7777777 seconds from 1900 to 2100.
    @Test func timestampsAgreeWithSQLiteDateFunctions() throws {
        let db = try TestDatabase(
            """
            CREATE TABLE t(s INTEGER, v DATETIME, f DATETIME);
            WITH RECURSIVE c(x) AS (VALUES(-2208988800) UNION ALL SELECT x + 7777777 FROM c WHERE x < 4102444800)
            INSERT INTO t SELECT x, datetime(x, 'unixepoch'), strftime('%Y-%m-%dT%H:%M:%f', x + 0.25, 'unixepoch') FROM c;
            """
        )
        let result = try readAll(try db.source(table: "t"))
        let seconds = result.cells("s").compactMap { cell -> Int64? in
            if case .int64(let s) = cell { return s }
            return nil
        }
        #expect(seconds.count == result.rowCount)
        #expect(result.cells("v") == seconds.map { .int64($0 * 1_000_000) })
        #expect(result.cells("f") == seconds.map { .int64($0 * 1_000_000 + 250_000) })
    }

    @Test func timestampsWithZoneAreRefused() throws {
        for zoned in [
            "2020-01-01 00:00:00Z", "2020-01-01T10:00:00+02:00", "2020-01-01 10:00:00.5-0500", "2020-01-01 10:00+01",
        ] {
            let db = try TestDatabase("CREATE TABLE t(v TIMESTAMP); INSERT INTO t VALUES ('\(zoned)');")
            let error = try #require(readError(try db.source(table: "t")), "\(zoned)")
            #expect(error.code == .typeMismatch)
            #expect(error.context.value == zoned)
            #expect(error.message.contains("the text has a time zone, but the column holds timestamps without zone"))
        }
    }

    @Test(arguments: [
        "'2020-01-01 24:00:00'", "'2020-01-01 10:60'", "'2020-01-01 10:00:00.'", "'2020-01-01 10:00:00.1234567890'",
        "'2020-01-01  10:00'", "1.5", "'now'", "x'01'",
    ])
    func timestampRejects(_ literal: String) throws {
        let db = try TestDatabase("CREATE TABLE t(v TIMESTAMP); INSERT INTO t VALUES (\(literal));")
        let error = try #require(readError(try db.source(table: "t")))
        #expect(error.code == .typeMismatch)
    }

    @Test func times() throws {
        let db = try TestDatabase(
            """
            CREATE TABLE t(v TIME);
            INSERT INTO t VALUES ('00:00:00'), ('23:59:59.999999'), ('12:30'), ('01:02:03.4'), (NULL);
            """
        )
        let result = try readAll(try db.source(table: "t"))
        #expect(result.type("v") == .time(.microseconds))
        #expect(
            result.cells("v") == [
                .int64(0), .int64(86_399_999_999), .int64(45_000_000_000), .int64(3_723_400_000), .null,
            ]
        )
        for bad in ["'24:00:00'", "'1:00:00'", "3600", "'12:00:00Z'"] {
            let db = try TestDatabase("CREATE TABLE t(v TIME); INSERT INTO t VALUES (\(bad));")
            #expect(readError(try db.source(table: "t"))?.code == .typeMismatch, "\(bad)")
        }
    }

    @Test func decimals() throws {
        // NUMERIC affinity stores numeric text as INTEGER or REAL; the conversion works from the
        // shortest decimal text of a REAL, rounding half away from zero at the scale.
        let db = try TestDatabase(
            """
            CREATE TABLE t(v DECIMAL(12,2));
            INSERT INTO t VALUES (5), (0.1), (1.005), (2.675), ('123.455'), (-0.005), ('1e3'), (-7.125), (NULL),
                                 (9999999999.99), (0), (-0.0), (1e-7);
            """
        )
        let result = try readAll(try db.source(table: "t"))
        #expect(result.type("v") == .decimal(precision: 12, scale: 2))
        #expect(
            result.cells("v") == [
                .int64(500), .int64(10), .int64(101), .int64(268), .int64(12346), .int64(-1),
                .int64(100_000), .int64(-713), .null, .int64(999_999_999_999), .int64(0), .int64(0),
                .int64(0),
            ]
        )
    }

    @Test func wideDecimalsUseInt128() throws {
        let db = try TestDatabase(
            """
            CREATE TABLE t(v NUMERIC(38,10), w DECIMAL(20));
            INSERT INTO t VALUES (9223372036854775807, 9223372036854775807), (-0.1, -1), (12345.6789012345, 0.5), (NULL, NULL);
            """
        )
        let result = try readAll(try db.source(table: "t"))
        #expect(result.type("v") == .decimal(precision: 38, scale: 10))
        #expect(result.type("w") == .decimal(precision: 20, scale: 0))
        #expect(
            result.cells("v") == [
                .int128(Int128(Int64.max) * 10_000_000_000), .int128(-1_000_000_000),
                .int128(123_456_789_012_345), .null,
            ]
        )
        #expect(result.cells("w") == [.int128(Int128(Int64.max)), .int128(-1), .int128(1), .null])

        // Exponent forms of a double's shortest text ("1e+20", "5e-09") stay exact.
        let exponents = try TestDatabase(
            """
            CREATE TABLE t(x DECIMAL(38,8));
            INSERT INTO t VALUES (1e20), (5e-09), (-5e-09), (4.9e-09), (123456789012345678), (1.5e-300), (-1e29);
            """
        )
        let exact = try readAll(try exponents.source(table: "t"))
        #expect(
            exact.cells("x") == [
                .int128(Int128(10).power(28)), .int128(1), .int128(-1), .int128(0),
                .int128(12_345_678_901_234_567_800_000_000), .int128(0), .int128(-Int128(10).power(37)),
            ]
        )
        let overflow = try TestDatabase("CREATE TABLE t(x DECIMAL(38,8)); INSERT INTO t VALUES (1e30);")
        let error = try #require(readError(try overflow.source(table: "t")))
        #expect(error.context.value == "1e+30")
        #expect(error.message.contains("more than 30 digits before the decimal point"))
    }

    @Test(arguments: [
        ("12345678901", "more than 10 digits before the decimal point"),
        ("99999999999.995", "more than 10 digits before the decimal point"),
        ("'abc'", "a number that fits decimal(12,2)"), ("'1,5'", "a number that fits decimal(12,2)"),
        ("x'31'", "a number that fits decimal(12,2)"), ("9e999", "a number that fits decimal(12,2)"),
    ])
    func decimalRejects(_ literal: String, _ reason: String) throws {
        let db = try TestDatabase("CREATE TABLE t(v DECIMAL(12,2)); INSERT INTO t VALUES (\(literal));")
        let error = try #require(readError(try db.source(table: "t")))
        #expect(error.code == .typeMismatch)
        #expect(error.message.contains(reason), "\(error)")
    }

    @Test func textKeepsBytesExactly() throws {
        let precomposed = "Caf\u{00E9}"
        let decomposed = "Cafe\u{0301}"
        #expect(precomposed == decomposed)  // Swift calls them equal; the bytes differ.
        let db = try TestDatabase(
            """
            CREATE TABLE t(id INTEGER PRIMARY KEY, v TEXT);
            INSERT INTO t(v) VALUES ('\(precomposed)'), ('\(decomposed)'), (''), (NULL), ('日本語のメモ 👨‍👩‍👧 🇯🇵'),
                                    ('a' || char(0) || 'b'), ('line1' || char(13, 10) || 'line2'), (42), (2.5);
            """
        )
        let result = try readAll(try db.source(table: "t"))
        #expect(result.type("v") == .string)
        let cells = result.cells("v")
        #expect(cells[0] == .bytes([0x43, 0x61, 0x66, 0xC3, 0xA9]))
        #expect(cells[1] == .bytes([0x43, 0x61, 0x66, 0x65, 0xCC, 0x81]))
        #expect(cells[0] != cells[1])
        #expect(cells[2] == .text(""))
        #expect(cells[3] == .null)
        #expect(cells[4] == .text("日本語のメモ 👨‍👩‍👧 🇯🇵"))
        #expect(cells[5] == .bytes([0x61, 0, 0x62]))
        #expect(cells[6] == .text("line1\r\nline2"))
        #expect(cells[7] == .text("42"))  // TEXT affinity stored the number as text
        #expect(cells[8] == .text("2.5"))
    }

    @Test func textColumnRejectsBlobs() throws {
        let db = try TestDatabase("CREATE TABLE t(v VARCHAR(10)); INSERT INTO t VALUES ('ok'), (x'00ff');")
        let error = try #require(readError(try db.source(table: "t")))
        #expect(error.code == .typeMismatch)
        #expect(error.context.value == "X'00FF'")
        #expect(error.message.contains("a BLOB is not text"))
    }

    @Test func blobsKeepZeroBytes() throws {
        let db = try TestDatabase(
            """
            CREATE TABLE t(v BLOB);
            INSERT INTO t VALUES (x'00'), (x''), (x'000102ff00'), (NULL), ('text'), (zeroblob(3));
            """
        )
        let result = try readAll(try db.source(table: "t"))
        #expect(result.type("v") == .binary)
        #expect(
            result.cells("v") == [
                .bytes([0]), .bytes([]), .bytes([0, 1, 2, 255, 0]), .null, .text("text"), .bytes([0, 0, 0]),
            ]
        )
        let bad = try TestDatabase("CREATE TABLE t(v BLOB); INSERT INTO t VALUES (1);")
        #expect(readError(try bad.source(table: "t"))?.code == .typeMismatch)
    }

    @Test func bareDecimalIsDouble() throws {
        let db = try TestDatabase("CREATE TABLE t(v NUMERIC); INSERT INTO t VALUES (1), (2.5), ('3.25'), (NULL);")
        let result = try readAll(try db.source(table: "t"))
        #expect(result.type("v") == .double)
        #expect(result.cells("v") == [.double(1), .double(2.5), .double(3.25), .null])
    }
}

extension Int128 {
    func power(_ exponent: Int) -> Int128 {
        (0..<exponent).reduce(Int128(1)) { result, _ in result * self }
    }
}
