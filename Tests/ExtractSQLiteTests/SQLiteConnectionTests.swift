import ExtractCore
import ExtractSQLite
import ExtractTestSupport
import Foundation
import Testing

@Suite struct SQLiteConnectionTests {
    @Test func bindsAndReadsEveryKindOfValue() throws {
        let db = try SQLiteConnection(path: ":memory:", mode: .readWriteCreate)
        try db.execute("CREATE TABLE t(i INTEGER, r REAL, s TEXT, b BLOB, n)")
        let insert = try db.prepare("INSERT INTO t VALUES (?, ?, ?, ?, ?)")
        #expect(insert.parameterCount == 5)
        try insert.bind(Int64.min, at: 1)
        try insert.bind(-0.25, at: 2)
        try insert.bind("Café\u{0}x", at: 3)
        try insert.bind(blob: [0, 255, 0], at: 4)
        try insert.bindNull(at: 5)
        try insert.run()
        #expect(db.changes == 1)
        #expect(db.lastInsertRowID == 1)

        let select = try db.prepare("SELECT i, r, s, b, n, typeof(s) FROM t")
        #expect(select.columnCount == 6)
        #expect(select.columnName(2) == "s")
        #expect(select.declaredType(1) == "REAL")
        #expect(select.declaredType(5) == nil)
        #expect(try select.step())
        #expect(select.valueType(at: 0) == .integer)
        #expect(select.int64(at: 0) == Int64.min)
        #expect(select.double(at: 1) == -0.25)
        #expect(select.blob(at: 2) == Array("Café\u{0}x".utf8))  // embedded NUL kept
        #expect(select.valueType(at: 3) == .blob)
        #expect(select.blob(at: 3) == [0, 255, 0])
        #expect(select.isNull(at: 4))
        #expect(select.string(at: 4) == nil)
        #expect(select.string(at: 5) == "text")
        #expect(try !select.step())
    }

    @Test func bindsNamedParametersAndEmptyValues() throws {
        let db = try SQLiteConnection(path: ":memory:", mode: .readWriteCreate)
        let select = try db.prepare("SELECT :text, length(:text), typeof(:blob), length(:blob)")
        let text = try #require(select.parameterIndex(":text"))
        let blob = try #require(select.parameterIndex(":blob"))
        try select.bind("", at: text)
        try select.bind(blob: [], at: blob)
        #expect(try select.step())
        #expect(select.string(at: 0) == "")
        #expect(select.valueType(at: 0) == .text)
        #expect(select.int64(at: 1) == 0)
        #expect(select.string(at: 2) == "blob")
        #expect(select.int64(at: 3) == 0)
        #expect(select.parameterIndex(":missing") == nil)
    }

    @Test func transactionsCommitRollBackAndNest() throws {
        let db = try SQLiteConnection(path: ":memory:", mode: .readWriteCreate)
        try db.execute("CREATE TABLE t(x INTEGER)")
        struct Boom: Error {}
        try db.transaction(.immediate) {
            #expect(db.isInTransaction)
            try db.execute("INSERT INTO t VALUES (1)")
            // A nested transaction is a savepoint: its failure undoes only its own work.
            #expect(throws: Boom.self) {
                try db.transaction {
                    try db.execute("INSERT INTO t VALUES (2)")
                    throw Boom()
                }
            }
            try db.transaction { try db.execute("INSERT INTO t VALUES (3)") }
        }
        #expect(!db.isInTransaction)
        #expect(throws: Boom.self) {
            try db.transaction {
                try db.execute("INSERT INTO t VALUES (4)")
                throw Boom()
            }
        }
        #expect(!db.isInTransaction)
        let rows = try db.prepare("SELECT group_concat(x) FROM (SELECT x FROM t ORDER BY x)")
        #expect(try rows.step())
        #expect(rows.string(at: 0) == "1,3")
    }

    @Test func errorsCarrySQLiteCodeMessageAndSQL() throws {
        let db = try SQLiteConnection(path: ":memory:", mode: .readWriteCreate)
        let error = try #require(throws: ExtractError.self) { try db.prepare("SELECT * FROM nowhere") }
        #expect(error.code == .source)
        let sqlite = try #require(error.underlying as? SQLiteError)
        #expect(sqlite.code == 1)
        #expect(sqlite.message == "no such table: nowhere")
        #expect(sqlite.sql == "SELECT * FROM nowhere")
        #expect(error.description.contains("no such table: nowhere"))
        #expect(error.description.contains("SQL: SELECT * FROM nowhere"))

        try db.execute("CREATE TABLE u(x INTEGER UNIQUE)")
        try db.execute("INSERT INTO u VALUES (1)")
        let duplicate = try #require(throws: ExtractError.self) { try db.execute("INSERT INTO u VALUES (1)") }
        #expect((duplicate.underlying as? SQLiteError)?.extendedCode == 2067)  // SQLITE_CONSTRAINT_UNIQUE
    }

    @Test func refusesSecondStatementInPrepare() throws {
        let db = try SQLiteConnection(path: ":memory:", mode: .readWriteCreate)
        #expect(throws: ExtractError.self) { try db.prepare("SELECT 1; SELECT 2") }
        // Trailing spaces, semicolons and comments are fine.
        let one = try db.prepare("SELECT 1; -- done\n /* really */ ")
        #expect(try one.step())
        #expect(one.int64(at: 0) == 1)
        let empty = try #require(throws: ExtractError.self) { try db.prepare("  -- nothing") }
        #expect(empty.code == .invalidArgument)
    }

    @Test func missingFileIsNotFound() throws {
        let error = try #require(throws: ExtractError.self) {
            try SQLiteConnection(path: "/nonexistent/dir/db.sqlite")
        }
        #expect(error.code == .notFound)
        #expect(error.context.path == "/nonexistent/dir/db.sqlite")
    }

    @Test func readOnlyConnectionRefusesWrites() throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let path = directory.file("ro.sqlite").path
        let writer = try SQLiteConnection(path: path, mode: .readWriteCreate)
        try writer.execute("CREATE TABLE t(x)")
        writer.close()
        let reader = try SQLiteConnection(path: path)
        let error = try #require(throws: ExtractError.self) { try reader.execute("INSERT INTO t VALUES (1)") }
        #expect((error.underlying as? SQLiteError)?.code == 8)  // SQLITE_READONLY
    }

    @Test func busyTimeoutWaitsThenFails() throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let path = directory.file("busy.sqlite").path
        let first = try SQLiteConnection(path: path, mode: .readWriteCreate)
        try first.execute("CREATE TABLE t(x); BEGIN IMMEDIATE; INSERT INTO t VALUES (1)")
        let second = try SQLiteConnection(path: path, mode: .readWrite, busyTimeoutMilliseconds: 0)
        try second.setBusyTimeout(milliseconds: 50)
        let error = try #require(throws: ExtractError.self) { try second.execute("BEGIN IMMEDIATE") }
        #expect((error.underlying as? SQLiteError)?.code == 5)  // SQLITE_BUSY
        try first.execute("COMMIT")
        try second.execute("BEGIN IMMEDIATE; INSERT INTO t VALUES (2); COMMIT")
    }

    @Test func exposesRawHandles() throws {
        let db = try SQLiteConnection(path: ":memory:", mode: .readWriteCreate)
        #expect(db.handle != nil)
        let statement = try db.prepare("SELECT 1")
        #expect(statement.handle != nil)
        statement.close()
        #expect(statement.handle == nil)
        db.close()
        #expect(db.handle == nil)
        #expect(throws: ExtractError.self) { try db.execute("SELECT 1") }
        #expect(SQLiteConnection.libraryVersion.hasPrefix("3."))
    }
}
