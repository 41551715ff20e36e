import ExtractCore
import ExtractSQLite
import ExtractTestSupport
import Testing

/// Tables, views and queries; names, schemas and quoting; missing objects; the mismatch policy.
@Suite struct SQLiteSourceTests {
    static let script = """
        CREATE TABLE orders(id INTEGER PRIMARY KEY, day DATE NOT NULL, amount DECIMAL(10,2), note TEXT);
        INSERT INTO orders VALUES (1, '2024-01-31', 10.5, 'a'), (2, '2024-02-01', NULL, NULL), (3, '2024-02-29', 0.07, '');
        CREATE VIEW big_orders AS SELECT id, day, amount * 2 AS doubled, upper(note) AS shout FROM orders;
        CREATE TABLE order_items(id INTEGER);
        CREATE TABLE customers(id INTEGER);
        """

    @Test func tableViewAndQueryReadTheSameRows() throws {
        let db = try TestDatabase(Self.script)
        let table = try readAll(try db.source(table: "orders"))
        #expect(table.schema.fields.map(\.name) == ["id", "day", "amount", "note"])
        #expect(table.type("amount") == .decimal(precision: 10, scale: 2))
        #expect(table.schema.fields.map(\.nullable) == [false, false, true, true])
        #expect(table.cells("amount") == [.int64(1050), .null, .int64(7)])
        #expect(table.cells("note") == [.text("a"), .null, .text("")])

        // A view keeps the declared types of plain column references; expressions are inferred.
        let view = try readAll(try db.source(table: "big_orders"))
        #expect(view.schema.fields.map(\.name) == ["id", "day", "doubled", "shout"])
        #expect(view.type("id") == .int64)
        #expect(view.type("day") == .date)
        #expect(view.type("doubled") == .double)
        #expect(view.type("shout") == .string)
        #expect(view.cells("day") == [.int32(19753), .int32(19754), .int32(19782)])
        #expect(view.cells("doubled") == [.double(21), .null, .double(0.14)])
        #expect(view.cells("shout") == [.text("A"), .null, .text("")])

        let query = try readAll(db.source(query: "SELECT id, day, amount, note FROM orders ORDER BY id"))
        #expect(query.schema.fields.map(\.type) == table.schema.fields.map(\.type))
        #expect(query.schema.fields.allSatisfy { $0.nullable })
        for name in ["id", "day", "amount", "note"] {
            #expect(query.cells(name) == table.cells(name))
        }
    }

    @Test func queriesWithCTEsAndExpressionsInferTypes() throws {
        let db = try TestDatabase(Self.script)
        let result = try readAll(
            db.source(
                query: """
                    WITH recent(id, day) AS (SELECT id, day FROM orders WHERE day >= '2024-02-01')
                    SELECT r.id, r.day, count(*) OVER () AS n, 1.5 * r.id AS scaled, 'x' || r.id AS label,
                           x'00ff' AS raw, NULL AS empty, CASE WHEN r.id = 3 THEN 7 END AS late
                    FROM recent r ORDER BY r.id
                    """
            )
        )
        #expect(result.schema.fields.map(\.name) == ["id", "day", "n", "scaled", "label", "raw", "empty", "late"])
        #expect(
            result.schema.fields.map(\.type) == [.int64, .date, .int64, .double, .string, .binary, .string, .int64]
        )
        #expect(result.cells("day") == [.int32(19754), .int32(19782)])
        #expect(result.cells("n") == [.int64(2), .int64(2)])
        #expect(result.cells("scaled") == [.double(3), .double(4.5)])
        #expect(result.cells("label") == [.text("x2"), .text("x3")])
        #expect(result.cells("raw") == [.bytes([0, 255]), .bytes([0, 255])])
        #expect(result.cells("empty") == [.null, .null])
        #expect(result.cells("late") == [.null, .int64(7)])  // leading NULL, then the type of the first value
    }

    @Test func queryMismatchNamesTheRowNumberAcrossBatches() throws {
        let db = try TestDatabase(
            """
            CREATE TABLE t(id INTEGER PRIMARY KEY, day DATE);
            INSERT INTO t VALUES (10, '2024-01-01'), (20, '2024-01-02'), (30, '2024-01-03'), (40, '2024-01-04'), (50, 'soon');
            """
        )
        let options = SQLiteSource.Options(batchRowCount: 2)
        let error = try #require(readError(db.source(query: "SELECT day FROM t ORDER BY id", options)))
        #expect(
            error.description == """
                value at row 5 of the result does not fit column date (declared type DATE): a TEXT value where date text YYYY-MM-DD is expected; fix the data, convert the column in a query, or use the mismatch policy renderAsText (object query: SELECT day FROM t ORDER BY id, column day, row 5, value "soon")
                """
        )
        // The same through the table names the rowid.
        let tableError = try #require(readError(try db.source(table: "t", options)))
        #expect(tableError.context.row == 50)
        #expect(tableError.message.hasPrefix("value at rowid 50 does not fit"))
    }

    @Test func rowidSpellingsAndTablesWithoutRowid() throws {
        let db = try TestDatabase(
            """
            CREATE TABLE shadow(rowid TEXT, oid TEXT, v DATE);
            INSERT INTO shadow(_rowid_, rowid, oid, v) VALUES (100, 'r', 'o', 'bad');
            CREATE TABLE norow(k TEXT PRIMARY KEY, v DATE) WITHOUT ROWID;
            INSERT INTO norow VALUES ('a', '2024-01-01'), ('b', 'bad');
            """
        )
        let shadow = try #require(readError(try db.source(table: "shadow")))
        #expect(shadow.context.row == 100)
        #expect(shadow.message.hasPrefix("value at rowid 100"))
        let norow = try #require(readError(try db.source(table: "norow")))
        #expect(norow.context.row == 2)
        #expect(norow.message.hasPrefix("value at row 2 of the result"))
        // Columns named rowid/oid are ordinary columns of the result.
        let ok = try readAll(db.source(query: "SELECT rowid, oid FROM shadow"))
        #expect(ok.cells("rowid") == [.text("r")])
    }

    @Test func generatedColumnsAreRead() throws {
        let db = try TestDatabase(
            """
            CREATE TABLE t(a INTEGER, b INTEGER GENERATED ALWAYS AS (a * 2) VIRTUAL, c TEXT AS ('#' || a) STORED);
            INSERT INTO t(a) VALUES (1), (2);
            """
        )
        let result = try readAll(try db.source(table: "t"))
        #expect(result.schema.fields.map(\.name) == ["a", "b", "c"])
        #expect(result.cells("b") == [.int64(2), .int64(4)])
        #expect(result.cells("c") == [.text("#1"), .text("#2")])
    }

    @Test func schemaQualifiedAndAttachedNames() throws {
        let db = try TestDatabase(Self.script)
        let other = try TestDatabase(
            """
            CREATE TABLE archive(id INTEGER, day DATE);
            INSERT INTO archive VALUES (7, '1999-12-31');
            CREATE TABLE orders(id INTEGER, day DATE);
            INSERT INTO orders VALUES (99, '2000-01-01');
            """,
            name: "other.sqlite"
        )
        let main = try readAll(try db.source(table: "main.orders"))
        #expect(main.cells("id") == [.int64(1), .int64(2), .int64(3)])
        #expect(main.schema.fields.map(\.type) == [.int64, .date, .decimal(precision: 10, scale: 2), .string])

        let options = SQLiteSource.Options(attachments: [SQLiteAttachment(schema: "old data", path: other.path)])
        let attached = try readAll(try db.source(table: #""old data".orders"#, options))
        #expect(attached.cells("id") == [.int64(99)])
        let explicit = try readAll(
            SQLiteSource(path: db.path, object: .table(schema: "old data", name: "archive"), options: options)
        )
        #expect(explicit.cells("day") == [.int32(10956)])
        // Unqualified names search main before attached databases, as SQLite does.
        #expect(try readAll(try db.source(table: "orders", options)).rowCount == 3)
        #expect(try readAll(try db.source(table: "archive", options)).cells("id") == [.int64(7)])
        let query = try readAll(
            db.source(query: #"SELECT o.id, a.day FROM main.orders o, "old data".archive a WHERE o.id = 1"#, options)
        )
        #expect(query.schema.fields.map(\.type) == [.int64, .date])
        // Attached read-only, like the main database.
        let write = try #require(
            readError(db.source(query: #"INSERT INTO "old data".archive VALUES (1, 2) RETURNING id"#, options))
        )
        #expect((write.underlying as? SQLiteError)?.code == 8)
    }

    @Test func identifiersNeedingQuotes() throws {
        let db = try TestDatabase(
            """
            CREATE TABLE "weird ""name"(id INTEGER, "my col" TEXT, "semi;colon" INTEGER, "dq""col" DATE);
            INSERT INTO "weird ""name" VALUES (1, 'x', 2, '2024-05-06');
            CREATE TABLE "a.b"(v TEXT);
            INSERT INTO "a.b" VALUES ('dotted');
            CREATE TABLE "Robert'); DROP TABLE x;--"(v INTEGER);
            INSERT INTO "Robert'); DROP TABLE x;--" VALUES (5);
            """
        )
        let parsed = try readAll(try db.source(table: #""weird ""name""#))
        #expect(parsed.schema.fields.map(\.name) == ["id", "my col", "semi;colon", #"dq"col"#])
        #expect(parsed.cells("my col") == [.text("x")])
        #expect(parsed.cells(#"dq"col"#) == [.int32(19849)])
        let literal = try readAll(SQLiteSource(path: db.path, object: .table(schema: nil, name: #"weird "name"#)))
        #expect(literal.rowCount == 1)
        let dotted = try readAll(SQLiteSource(path: db.path, object: .table(schema: "main", name: "a.b")))
        #expect(dotted.cells("v") == [.text("dotted")])
        #expect(try readAll(try db.source(table: #"main."a.b""#)).rowCount == 1)
        let injection = try readAll(
            SQLiteSource(path: db.path, object: .table(schema: nil, name: "Robert'); DROP TABLE x;--"))
        )
        #expect(injection.cells("v") == [.int64(5)])
    }

    @Test func namesAreCaseInsensitiveLikeSQLite() throws {
        let db = try TestDatabase(Self.script)
        #expect(try readAll(try db.source(table: "MAIN.Orders")).rowCount == 3)
    }

    @Test func missingObjectsAreNotFoundWithSimilarNames() throws {
        let db = try TestDatabase(Self.script)
        let typo = try #require(readError(try db.source(table: "ordrs")))
        #expect(typo.code == .notFound)
        #expect(typo.context.object == "ordrs")
        #expect(typo.message == #"table or view "ordrs" not found in the database; similar names: orders"#)

        let partial = try #require(readError(try db.source(table: "main.order")))
        #expect(
            partial.message
                == #"table or view "main.order" not found in the database; similar names: orders, big_orders, order_items"#
        )

        let none = try #require(readError(try db.source(table: "zzz")))
        #expect(none.message == #"table or view "zzz" not found in the database; check the name"#)

        let schema = try #require(readError(try db.source(table: "nodb.orders")))
        #expect(schema.code == .notFound)
        #expect(schema.message.hasPrefix(#"database "nodb" is not attached (known: main"#))

        let file = try #require(
            readError(SQLiteSource(path: db.directory.file("missing.sqlite").path, query: "SELECT 1"))
        )
        #expect(file.code == .notFound)
    }

    @Test func queryParametersAreBound() throws {
        let db = try TestDatabase(Self.script + "INSERT INTO orders VALUES (4, '2024-03-01', 1, 'it''s');")
        let source = SQLiteSource(
            path: db.path,
            query: "SELECT id FROM orders WHERE day > ?1 AND note = ?2 OR id = ?3 ORDER BY id",
            parameters: [.text("2024-01-31"), .text("it's"), .integer(1)]
        )
        #expect(try readAll(source).cells("id") == [.int64(1), .int64(4)])
        let typed = SQLiteSource(
            path: db.path,
            query: "SELECT :r AS r, :b AS b, :n AS n",
            parameters: [.real(0.5), .blob([0, 1]), .null]
        )
        let result = try readAll(typed)
        #expect(result.cells("r") == [.double(0.5)])
        #expect(result.cells("b") == [.bytes([0, 1])])
        #expect(result.cells("n") == [.null])
        let missing = try #require(readError(SQLiteSource(path: db.path, query: "SELECT ?", parameters: [])))
        #expect(missing.code == .invalidArgument)
        #expect(missing.message == "the statement has 1 parameters but 0 values were given")
    }

    @Test func badQueries() throws {
        let db = try TestDatabase(Self.script)
        let syntax = try #require(readError(db.source(query: "SELEC 1")))
        #expect(syntax.code == .source)
        #expect((syntax.underlying as? SQLiteError)?.message == #"near "SELEC": syntax error"#)
        let missing = try #require(readError(db.source(query: "SELECT * FROM nowhere")))
        #expect(missing.description.contains("no such table: nowhere"))
        #expect(readError(db.source(query: "SELECT 1; SELECT 2"))?.code == .invalidArgument)
        #expect(readError(db.source(query: "CREATE TABLE z(y)"))?.code == .invalidArgument)
    }

    @Test func renderAsTextTurnsTypedColumnsIntoSQLiteText() throws {
        let db = try TestDatabase(
            """
            CREATE TABLE t(id INTEGER PRIMARY KEY, n INTEGER, d DATE, r REAL, f BOOLEAN, b BLOB, s TEXT, u);
            INSERT INTO t VALUES (1, 7, '2024-01-01', 0.1, 1, x'00ff', 'é', 5),
                                 (2, 'abc', 'soon', 'n/a', 'maybe', 3, x'41', 2.5),
                                 (3, 2.5, NULL, 1e300, NULL, NULL, NULL, NULL);
            """
        )
        let strict = try #require(readError(try db.source(table: "t")))
        #expect(strict.context.column == "n")
        let result = try readAll(try db.source(table: "t", .init(mismatchPolicy: .renderAsText)))
        #expect(
            result.schema.fields.map(\.type) == [
                .string, .string, .string, .string, .string, .binary, .string, .string,
            ]
        )
        #expect(result.cells("id") == [.text("1"), .text("2"), .text("3")])
        #expect(result.cells("n") == [.text("7"), .text("abc"), .text("2.5")])
        #expect(result.cells("d") == [.text("2024-01-01"), .text("soon"), .null])
        #expect(result.cells("r") == [.text("0.1"), .text("n/a"), .text("1.0e+300")])
        #expect(result.cells("f") == [.text("1"), .text("maybe"), .null])
        #expect(result.cells("b") == [.bytes([0, 255]), .text("3"), .null])
        #expect(result.cells("s") == [.text("é"), .bytes([0x41]), .null])
        #expect(result.cells("u") == [.text("5"), .text("2.5"), .null])
    }

    @Test func displayNames() throws {
        let table = try SQLiteSource(path: "/data/shop.sqlite", table: "main.orders")
        #expect(table.displayName == "sqlite:/data/shop.sqlite main.orders")
        let query = SQLiteSource(path: "x.sqlite", query: "SELECT 1\nFROM t")
        #expect(query.displayName == "sqlite:x.sqlite query: SELECT 1 FROM t")
    }
}
