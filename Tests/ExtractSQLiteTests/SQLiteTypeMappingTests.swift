import ExtractCore
import ExtractSQLite
import Testing

@Suite struct SQLiteTypeMappingTests {
    static let cases: [(String?, SQLiteTypeMapping)] = [
        ("INTEGER", .declared(.int64)), ("INT", .declared(.int64)), ("BIGINT", .declared(.int64)),
        ("SMALLINT", .declared(.int64)), ("TINYINT", .declared(.int64)), ("MEDIUMINT", .declared(.int64)),
        ("INT2", .declared(.int64)), ("INT8", .declared(.int64)), ("UNSIGNED BIG INT", .declared(.int64)),
        ("integer", .declared(.int64)), ("TINYINT(1)", .declared(.int64)),
        ("REAL", .declared(.double)), ("DOUBLE", .declared(.double)), ("DOUBLE PRECISION", .declared(.double)),
        ("FLOAT", .declared(.double)), ("float(24)", .declared(.double)),
        ("TEXT", .declared(.string)), ("VARCHAR(255)", .declared(.string)), ("CHAR(3)", .declared(.string)),
        ("CLOB", .declared(.string)), ("NCHAR(55)", .declared(.string)), ("NVARCHAR(100)", .declared(.string)),
        ("VARYING CHARACTER(255)", .declared(.string)), ("NATIVE CHARACTER(70)", .declared(.string)),
        ("BLOB", .declared(.binary)), ("LONGBLOB", .declared(.binary)),
        ("BOOLEAN", .declared(.bool)), ("BOOL", .declared(.bool)), ("boolean", .declared(.bool)),
        ("DATE", .declared(.date)),
        ("DATETIME", .declared(.timestamp(.microseconds, isAdjustedToUTC: false))),
        ("TIMESTAMP", .declared(.timestamp(.microseconds, isAdjustedToUTC: false))),
        ("timestamp  without   time zone", .declared(.timestamp(.microseconds, isAdjustedToUTC: false))),
        ("TIME", .declared(.time(.microseconds))),
        ("DECIMAL(12,2)", .declared(.decimal(precision: 12, scale: 2))),
        ("NUMERIC(38, 10)", .declared(.decimal(precision: 38, scale: 10))),
        ("decimal( 5 )", .declared(.decimal(precision: 5, scale: 0))),
        ("NUMERIC(18,18)", .declared(.decimal(precision: 18, scale: 18))),
        ("DECIMAL", .declared(.double)), ("NUMERIC", .declared(.double)),
        // SQLite's affinity rules for other names: INT wins, even inside another word.
        ("POINT", .declared(.int64)), ("CHARINT", .declared(.int64)),
        ("MONEY", .inferred), ("JSON", .inferred), ("", .inferred), (nil, .inferred),
    ]

    @Test(arguments: cases.indices)
    func mapsDeclaredTypes(_ index: Int) throws {
        let (declared, expected) = Self.cases[index]
        #expect(try SQLiteTypeMapping.forDeclaredType(declared) == expected, "\(declared ?? "nil")")
    }

    @Test(arguments: ["DECIMAL(50,2)", "NUMERIC(5,7)", "DECIMAL(0)", "DECIMAL(x,2)", "DECIMAL(10,2"])
    func rejectsDecimalsOutOfRange(_ declared: String) {
        let error = #expect(throws: ExtractError.self) { try SQLiteTypeMapping.forDeclaredType(declared) }
        #expect(error?.code == .unsupported)
        #expect(error?.message.contains(declared) == true)
    }

    /// Every declared type, end to end: the schema a table with all of them produces.
    @Test func tableSchemaFollowsDeclaredTypes() throws {
        let db = try TestDatabase(
            """
            CREATE TABLE all_types(
              id INTEGER PRIMARY KEY, i INT NOT NULL, big BIGINT, small SMALLINT, tiny TINYINT,
              r REAL, d DOUBLE, f FLOAT, t TEXT, vc VARCHAR(20), c CHAR(2), cl CLOB, b BLOB,
              flag BOOLEAN, flag2 BOOL, day DATE, dt DATETIME, ts TIMESTAMP, tm TIME,
              money DECIMAL(12,2), wide NUMERIC(30,4), bare DECIMAL, untyped, other JSON);
            INSERT INTO all_types(i) VALUES (1);
            """
        )
        let result = try readAll(try db.source(table: "all_types"))
        let expected: [(String, ColumnType, Bool)] = [
            ("id", .int64, false), ("i", .int64, false), ("big", .int64, true), ("small", .int64, true),
            ("tiny", .int64, true), ("r", .double, true), ("d", .double, true), ("f", .double, true),
            ("t", .string, true), ("vc", .string, true), ("c", .string, true), ("cl", .string, true),
            ("b", .binary, true), ("flag", .bool, true), ("flag2", .bool, true), ("day", .date, true),
            ("dt", .timestamp(.microseconds, isAdjustedToUTC: false), true),
            ("ts", .timestamp(.microseconds, isAdjustedToUTC: false), true),
            ("tm", .time(.microseconds), true), ("money", .decimal(precision: 12, scale: 2), true),
            ("wide", .decimal(precision: 30, scale: 4), true), ("bare", .double, true),
            ("untyped", .string, true),  // all NULL in the first batch: string
            ("other", .string, true),
        ]
        #expect(result.schema.fields.map { $0.name } == expected.map { $0.0 })
        for (field, (name, type, nullable)) in zip(result.schema.fields, expected) {
            #expect(field.type == type, "\(name)")
            #expect(field.nullable == nullable, "\(name)")
        }
        #expect(result.rowCount == 1)
    }

    @Test func outOfRangeDecimalColumnFailsAtOpenUnlessRenderedAsText() throws {
        let db = try TestDatabase("CREATE TABLE t(x DECIMAL(50,2)); INSERT INTO t VALUES (1.5);")
        let error = try #require(readError(try db.source(table: "t")))
        #expect(error.code == .unsupported)
        #expect(error.context.column == "x")
        #expect(error.context.object == "t")
        let text = try readAll(try db.source(table: "t", .init(mismatchPolicy: .renderAsText)))
        #expect(text.type("x") == .string)
        #expect(text.cells("x") == [.text("1.5")])
    }
}
