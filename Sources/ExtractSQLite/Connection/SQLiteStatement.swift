import CExtractSQLite
import ExtractCore

/// One compiled SQL statement (`sqlite3_stmt*`) of a ``SQLiteConnection``.
///
/// Bind parameters (1-based, as in SQLite), then ``step()`` through the rows and read columns
/// (0-based) with the accessors. Like its connection, a statement is confined to one task. It
/// keeps its connection alive and is finalized on deinit or ``close()``.
///
/// ```swift
/// let query = try db.prepare("SELECT id, name FROM t WHERE id > ?")
/// try query.bind(Int64(10), at: 1)
/// while try query.step() {
///     let id = query.int64(at: 0)
///     query.withBytes(at: 1) { bytes in /* zero-copy UTF-8 */ }
/// }
/// ```
public final class SQLiteStatement {
    /// The raw `sqlite3_stmt*`: an escape hatch for the hot path of readers and for C APIs not
    /// wrapped here. Owned by this object: never finalize it yourself. `nil` after ``close()``.
    public private(set) var handle: OpaquePointer?
    /// The SQL text the statement was compiled from.
    public let sql: String
    /// The connection the statement belongs to (kept alive while the statement lives).
    public let connection: SQLiteConnection

    init(connection: SQLiteConnection, sql: String) throws {
        self.connection = connection
        self.sql = sql
        let db = try connection.openHandle()
        var statement: OpaquePointer?
        var trailingText = ""
        let rc = sql.withCString { text -> Int32 in
            var tail: UnsafePointer<CChar>?
            let rc = sqlite3_prepare_v3(db, text, -1, 0, &statement, &tail)
            if rc == SQLITE_OK, let tail { trailingText = String(cString: tail) }
            return rc
        }
        guard rc == SQLITE_OK else {
            sqlite3_finalize(statement)
            throw ExtractError.sqlite(
                rc,
                db: db,
                "SQLite cannot compile the statement; check the SQL",
                sql: sql,
                context: .init(path: connection.path)
            )
        }
        guard let statement else {
            throw ExtractError(
                .invalidArgument,
                "the SQL text holds no statement (only spaces or comments)",
                context: .init(value: sql, path: connection.path)
            )
        }
        handle = statement
        if !SQLiteStatement.isBlank(trailingText) {
            sqlite3_finalize(statement)
            handle = nil
            throw ExtractError(
                .invalidArgument,
                "the SQL text holds more than one statement; pass exactly one (execute() runs scripts)",
                context: .init(value: sql, path: connection.path)
            )
        }
    }

    deinit {
        if let handle { sqlite3_finalize(handle) }
    }

    /// Finalizes the statement now (it is also finalized on deinit). Safe to call twice.
    public func close() {
        if let handle { sqlite3_finalize(handle) }
        handle = nil
    }

    /// Whether `text` holds only whitespace and SQL comments.
    static func isBlank(_ text: String) -> Bool {
        var bytes = Substring(text).utf8[...]
        while let first = bytes.first {
            if first == UInt8(ascii: " ") || first == UInt8(ascii: "\t") || first == UInt8(ascii: "\n")
                || first == UInt8(ascii: "\r") || first == UInt8(ascii: "\u{0C}") || first == UInt8(ascii: ";")
            {
                bytes = bytes.dropFirst()
            } else if bytes.starts(with: "--".utf8) {
                guard let end = bytes.firstIndex(of: UInt8(ascii: "\n")) else { return true }
                bytes = bytes[end...]
            } else if bytes.starts(with: "/*".utf8) {
                let rest = bytes.dropFirst(2)
                var index = rest.startIndex
                var closed = false
                while index < rest.endIndex {
                    if rest[index] == UInt8(ascii: "*"), rest.index(after: index) < rest.endIndex,
                        rest[rest.index(after: index)] == UInt8(ascii: "/")
                    {
                        bytes = rest[rest.index(index, offsetBy: 2)...]
                        closed = true
                        break
                    }
                    index = rest.index(after: index)
                }
                if !closed { return true }
            } else {
                return false
            }
        }
        return true
    }

    private func liveHandle() throws -> OpaquePointer {
        guard let handle else {
            throw ExtractError(.invalidArgument, "the SQLite statement is closed", context: .init(value: sql))
        }
        return handle
    }

    private func check(_ rc: Int32, _ what: String) throws {
        guard rc == SQLITE_OK else {
            throw ExtractError.sqlite(rc, db: connection.handle, what, sql: sql, context: .init(path: connection.path))
        }
    }

    // MARK: Parameters

    /// The number of parameters (`?`, `?NNN`, `:name`, `@name`, `$name`).
    public var parameterCount: Int {
        guard let handle else { return 0 }
        return Int(sqlite3_bind_parameter_count(handle))
    }

    /// The 1-based index of the parameter spelled `name` (with its prefix, such as `:id`), or `nil`.
    public func parameterIndex(_ name: String) -> Int? {
        guard let handle else { return nil }
        let index = sqlite3_bind_parameter_index(handle, name)
        return index == 0 ? nil : Int(index)
    }

    /// Binds an integer to parameter `index` (1-based).
    public func bind(_ value: Int64, at index: Int) throws {
        try check(sqlite3_bind_int64(try liveHandle(), Int32(index), value), "cannot bind parameter \(index)")
    }

    /// Binds an integer to parameter `index` (1-based).
    public func bind(_ value: Int, at index: Int) throws {
        try bind(Int64(value), at: index)
    }

    /// Binds a double to parameter `index` (1-based).
    public func bind(_ value: Double, at index: Int) throws {
        try check(sqlite3_bind_double(try liveHandle(), Int32(index), value), "cannot bind parameter \(index)")
    }

    /// Binds text (its UTF-8 bytes, copied) to parameter `index` (1-based).
    public func bind(_ value: String, at index: Int) throws {
        let handle = try liveHandle()
        var value = value
        try value.withUTF8 { utf8 in
            try bind(textBytes: UnsafeRawBufferPointer(utf8), at: index)
        }
    }

    /// Binds raw UTF-8 bytes as text (copied) to parameter `index` (1-based); the bytes are not
    /// validated or normalised.
    public func bind(textBytes value: UnsafeRawBufferPointer, at index: Int) throws {
        let handle = try liveHandle()
        let rc: Int32
        if let base = value.baseAddress {
            rc = sqlite3_bind_text64(
                handle,
                Int32(index),
                base.assumingMemoryBound(to: CChar.self),
                sqlite3_uint64(value.count),
                sqliteTransient,
                UInt8(SQLITE_UTF8)
            )
        } else {
            rc = sqlite3_bind_text64(handle, Int32(index), "", 0, sqliteTransient, UInt8(SQLITE_UTF8))
        }
        try check(rc, "cannot bind parameter \(index)")
    }

    /// Binds a blob (copied) to parameter `index` (1-based). An empty buffer binds a zero-length blob.
    public func bind(blob value: UnsafeRawBufferPointer, at index: Int) throws {
        let handle = try liveHandle()
        if let base = value.baseAddress, value.count > 0 {
            try check(
                sqlite3_bind_blob64(handle, Int32(index), base, sqlite3_uint64(value.count), sqliteTransient),
                "cannot bind parameter \(index)"
            )
        } else {
            try check(sqlite3_bind_zeroblob(handle, Int32(index), 0), "cannot bind parameter \(index)")
        }
    }

    /// Binds a blob (copied) to parameter `index` (1-based).
    public func bind(blob value: [UInt8], at index: Int) throws {
        try value.withUnsafeBytes { try bind(blob: $0, at: index) }
    }

    /// Binds NULL to parameter `index` (1-based).
    public func bindNull(at index: Int) throws {
        try check(sqlite3_bind_null(try liveHandle(), Int32(index)), "cannot bind parameter \(index)")
    }

    /// Binds any ``SQLiteValue`` to parameter `index` (1-based).
    public func bind(_ value: SQLiteValue, at index: Int) throws {
        switch value {
        case .integer(let v): try bind(v, at: index)
        case .real(let v): try bind(v, at: index)
        case .text(let v): try bind(v, at: index)
        case .blob(let v): try bind(blob: v, at: index)
        case .null: try bindNull(at: index)
        }
    }

    /// Binds `values` to parameters 1, 2, …; their count must equal ``parameterCount``.
    public func bind(_ values: [SQLiteValue]) throws {
        guard values.count == parameterCount else {
            throw ExtractError(
                .invalidArgument,
                "the statement has \(parameterCount) parameters but \(values.count) values were given",
                context: .init(value: sql)
            )
        }
        for (offset, value) in values.enumerated() { try bind(value, at: offset + 1) }
    }

    /// Sets every parameter back to NULL.
    public func clearBindings() {
        if let handle { sqlite3_clear_bindings(handle) }
    }

    // MARK: Running

    /// Advances to the next row: `true` when a row is available, `false` when the statement is
    /// done. Errors carry SQLite's message and the SQL.
    public func step() throws -> Bool {
        let handle = try liveHandle()
        let rc = sqlite3_step(handle)
        switch rc {
        case SQLITE_ROW: return true
        case SQLITE_DONE: return false
        default:
            throw ExtractError.sqlite(
                rc,
                db: connection.handle,
                "SQLite statement failed",
                sql: sql,
                context: .init(path: connection.path)
            )
        }
    }

    /// Runs the statement to completion, ignoring rows (for `INSERT`, `UPDATE`, DDL, …), then
    /// resets it so it can run again with new bindings.
    public func run() throws {
        defer { reset() }
        while try step() {}
    }

    /// Resets the statement to run again (bindings are kept).
    public func reset() {
        if let handle { sqlite3_reset(handle) }
    }

    // MARK: Columns (0-based)

    /// The number of result columns.
    public var columnCount: Int {
        guard let handle else { return 0 }
        return Int(sqlite3_column_count(handle))
    }

    /// The name of result column `index` (its `AS` alias, else SQLite's choice).
    public func columnName(_ index: Int) -> String {
        guard let handle, let name = sqlite3_column_name(handle, Int32(index)) else { return "" }
        return String(cString: name)
    }

    /// The declared type of result column `index` when it is a direct reference to a table
    /// column (`sqlite3_column_decltype`); `nil` for expressions.
    public func declaredType(_ index: Int) -> String? {
        guard let handle, let type = sqlite3_column_decltype(handle, Int32(index)) else { return nil }
        return String(cString: type)
    }

    /// The storage class of column `index` in the current row.
    @inlinable
    public func valueType(at index: Int) -> SQLiteValueType {
        guard let handle else { return .null }
        return SQLiteValueType(rawValue: sqlite3_column_type(handle, Int32(index))) ?? .null
    }

    /// Whether column `index` of the current row is NULL.
    public func isNull(at index: Int) -> Bool { valueType(at: index) == .null }

    /// Column `index` of the current row as an integer (SQLite converts other storage classes).
    public func int64(at index: Int) -> Int64 {
        guard let handle else { return 0 }
        return sqlite3_column_int64(handle, Int32(index))
    }

    /// Column `index` of the current row as a double (SQLite converts other storage classes).
    public func double(at index: Int) -> Double {
        guard let handle else { return 0 }
        return sqlite3_column_double(handle, Int32(index))
    }

    /// Column `index` of the current row as text, or `nil` when NULL. Invalid UTF-8 is repaired
    /// by `String`; use ``withBytes(at:_:)`` to see the exact bytes.
    public func string(at index: Int) -> String? {
        guard let handle, sqlite3_column_type(handle, Int32(index)) != SQLITE_NULL else { return nil }
        return withBytes(at: index) { String(decoding: $0, as: UTF8.self) }
    }

    /// Column `index` of the current row as bytes, or `nil` when NULL.
    public func blob(at index: Int) -> [UInt8]? {
        guard let handle, sqlite3_column_type(handle, Int32(index)) != SQLITE_NULL else { return nil }
        return withBytes(at: index) { Array($0) }
    }

    /// Calls `body` with the bytes of column `index` of the current row without copying: text
    /// as UTF-8, a blob as is, numbers as SQLite's text rendering of them, NULL as no bytes. The
    /// buffer is valid only inside `body`.
    public func withBytes<R>(at index: Int, _ body: (UnsafeRawBufferPointer) throws -> R) rethrows -> R {
        guard let handle else { return try body(UnsafeRawBufferPointer(start: nil, count: 0)) }
        let column = Int32(index)
        // _text/_blob first, then _bytes: the size is only right after the conversion.
        let pointer: UnsafeRawPointer? =
            sqlite3_column_type(handle, column) == SQLITE_BLOB
            ? sqlite3_column_blob(handle, column)
            : sqlite3_column_text(handle, column).map { UnsafeRawPointer($0) }
        let count = Int(sqlite3_column_bytes(handle, column))
        return try body(UnsafeRawBufferPointer(start: pointer, count: pointer == nil ? 0 : count))
    }
}
