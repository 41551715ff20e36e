import CExtractSQLite
import ExtractCore

/// What SQLite itself reported: its (extended) result code, its message, and the SQL it was
/// working on. It travels as the ``ExtractError/underlying`` error of the ``ExtractError`` that
/// this module throws, so callers can react to a specific code (`SQLITE_BUSY`,
/// `SQLITE_CONSTRAINT_UNIQUE`, …) without parsing text.
public struct SQLiteError: Error, Sendable, Hashable, CustomStringConvertible {
    /// The extended result code (`sqlite3_extended_errcode`), for example 2067 for
    /// `SQLITE_CONSTRAINT_UNIQUE`.
    public var extendedCode: Int32
    /// SQLite's own message (`sqlite3_errmsg`).
    public var message: String
    /// The statement being prepared or run, when there was one.
    public var sql: String?

    /// The primary result code (`extendedCode & 0xff`), for example `SQLITE_CONSTRAINT` (19).
    public var code: Int32 { extendedCode & 0xff }

    /// An error as SQLite reported it.
    public init(extendedCode: Int32, message: String, sql: String? = nil) {
        self.extendedCode = extendedCode
        self.message = message
        self.sql = sql
    }

    /// `SQLite error 19 (constraint failed): UNIQUE constraint failed: t.x; SQL: INSERT …`.
    public var description: String {
        let name = String(cString: sqlite3_errstr(extendedCode))
        var text = "SQLite error \(extendedCode) (\(name)): \(message)"
        if let sql { text += "; SQL: \(sql.count > 300 ? String(sql.prefix(300)) + "…" : sql)" }
        return text
    }
}

extension ExtractError {
    /// An ``ExtractError`` with code ``ExtractError/Code/source`` wrapping what `db` reports
    /// for result code `code`.
    static func sqlite(
        _ code: Int32,
        db: OpaquePointer?,
        _ message: String,
        sql: String? = nil,
        context: Context = Context()
    ) -> ExtractError {
        let detail: String
        let extended: Int32
        if let db {
            detail = String(cString: sqlite3_errmsg(db))
            extended = sqlite3_extended_errcode(db)
        } else {
            detail = String(cString: sqlite3_errstr(code))
            extended = code
        }
        // sqlite3_extended_errcode can lag behind when the error came from an API that does not
        // set it (misuse); trust the returned code then.
        let reported = (extended & 0xff) == (code & 0xff) ? extended : code
        return ExtractError(
            .source,
            message,
            context: context,
            underlying: SQLiteError(extendedCode: reported, message: detail, sql: sql)
        )
    }
}
