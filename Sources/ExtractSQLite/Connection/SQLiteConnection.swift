import CExtractSQLite
import ExtractCore
#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// One open SQLite database: a thin owner of a `sqlite3*` handle.
///
/// A connection is deliberately not `Sendable`: it is opened with `SQLITE_OPEN_NOMUTEX` and must
/// stay confined to the task that uses it (open one connection per task). Extract readers open
/// it ``SQLiteOpenMode/readOnly``; other users (a config store, a run log) open it read-write.
///
/// ```swift
/// let db = try SQLiteConnection(path: "jobs.sqlite", mode: .readWriteCreate)
/// try db.execute("CREATE TABLE IF NOT EXISTS t(id INTEGER PRIMARY KEY, name TEXT)")
/// try db.transaction(.immediate) {
///     let insert = try db.prepare("INSERT INTO t(name) VALUES (?)")
///     try insert.bind("a", at: 1)
///     try insert.run()
/// }
/// let rowid = db.lastInsertRowID
/// ```
///
/// Every failure is an ``ExtractError`` (code ``ExtractError/Code/source``, or
/// ``ExtractError/Code/notFound`` for a missing file) whose ``ExtractError/underlying`` error is a
/// ``SQLiteError`` carrying SQLite's code, message and the SQL.
public final class SQLiteConnection {
    /// The raw `sqlite3*` handle: an escape hatch for C APIs this wrapper does not cover
    /// (`sqlite3_create_function_v2`, backups, …). It stays owned by this object: do not close
    /// it, and do not use it after the connection is closed or from another task.
    public private(set) var handle: OpaquePointer?
    /// The path the connection was opened with.
    public let path: String
    /// The mode the connection was opened with.
    public let mode: SQLiteOpenMode

    /// Opens the database at `path`.
    ///
    /// - Parameters:
    ///   - path: a file path, or `":memory:"` for a private in-memory database.
    ///   - mode: read-only (the default, for extracts) or read-write.
    ///   - busyTimeoutMilliseconds: how long a statement waits for another connection's lock
    ///     before it fails with `SQLITE_BUSY` (0: fail at once).
    /// - Throws: ``ExtractError`` ``ExtractError/Code/notFound`` when the file does not exist
    ///   (and the mode does not create it), ``ExtractError/Code/source`` for anything else.
    public init(path: String, mode: SQLiteOpenMode = .readOnly, busyTimeoutMilliseconds: Int = 5_000) throws {
        self.path = path
        self.mode = mode
        if mode != .readWriteCreate, path != ":memory:", !path.isEmpty, access(path, F_OK) != 0 {
            throw ExtractError(
                .notFound,
                "SQLite database file does not exist; check the path",
                context: .init(path: path)
            )
        }
        var db: OpaquePointer?
        let rc = sqlite3_open_v2(path, &db, mode.flags, nil)
        guard rc == SQLITE_OK, let db else {
            let error = ExtractError.sqlite(
                rc,
                db: db,
                "cannot open the SQLite database; check the path and its permissions",
                context: .init(path: path)
            )
            sqlite3_close_v2(db)
            throw error
        }
        handle = db
        sqlite3_extended_result_codes(db, 1)
        sqlite3_busy_timeout(db, Int32(clamping: busyTimeoutMilliseconds))
    }

    deinit {
        if let handle { sqlite3_close_v2(handle) }
    }

    /// Closes the connection now (it is also closed on deinit). Statements still alive keep the
    /// underlying handle open until they are finalized (`sqlite3_close_v2`). Safe to call twice.
    public func close() {
        if let handle { sqlite3_close_v2(handle) }
        handle = nil
    }

    /// The open handle, or an error when the connection was closed.
    func openHandle() throws -> OpaquePointer {
        guard let handle else {
            throw ExtractError(.invalidArgument, "the SQLite connection is closed", context: .init(path: path))
        }
        return handle
    }

    /// Sets how long statements wait for another connection's lock before failing with `SQLITE_BUSY`.
    public func setBusyTimeout(milliseconds: Int) throws {
        let db = try openHandle()
        let rc = sqlite3_busy_timeout(db, Int32(clamping: milliseconds))
        guard rc == SQLITE_OK else { throw ExtractError.sqlite(rc, db: db, "cannot set the busy timeout") }
    }

    /// Runs one or more SQL statements separated by `;`, discarding any rows (DDL, PRAGMAs,
    /// scripts). Use ``prepare(_:)`` for anything with parameters or results.
    public func execute(_ sql: String) throws {
        let db = try openHandle()
        var errorMessage: UnsafeMutablePointer<CChar>?
        let rc = sqlite3_exec(db, sql, nil, nil, &errorMessage)
        defer { sqlite3_free(errorMessage) }
        guard rc == SQLITE_OK else {
            throw ExtractError.sqlite(rc, db: db, "SQLite statement failed", sql: sql, context: .init(path: path))
        }
    }

    /// Compiles one SQL statement. Text after the first statement (other than spaces and
    /// comments) is an error, so that a second statement is never silently ignored.
    public func prepare(_ sql: String) throws -> SQLiteStatement {
        try SQLiteStatement(connection: self, sql: sql)
    }

    /// Runs `body` inside a transaction: `BEGIN <kind>` … `COMMIT`, or `ROLLBACK` when `body`
    /// throws (the error is rethrown). Called inside another transaction, it nests as a
    /// `SAVEPOINT` that is released or rolled back to.
    public func transaction<Result>(
        _ kind: SQLiteTransactionKind = .deferred,
        _ body: () throws -> Result
    ) throws -> Result {
        let db = try openHandle()
        let nested = sqlite3_get_autocommit(db) == 0
        let savepoint = "extract_sp_\(savepointCounter)"
        savepointCounter += 1
        try execute(nested ? "SAVEPOINT \(savepoint)" : "BEGIN \(kind.rawValue)")
        let result: Result
        do {
            result = try body()
        } catch {
            if nested {
                try? execute("ROLLBACK TO \(savepoint); RELEASE \(savepoint)")
            } else if sqlite3_get_autocommit(db) == 0 {
                // SQLite may already have rolled back by itself (for example after SQLITE_FULL).
                try? execute("ROLLBACK")
            }
            throw error
        }
        do {
            try execute(nested ? "RELEASE \(savepoint)" : "COMMIT")
        } catch {
            if !nested, sqlite3_get_autocommit(db) == 0 { try? execute("ROLLBACK") }
            throw error
        }
        return result
    }
    private var savepointCounter = 0

    /// Whether a transaction is open (`sqlite3_get_autocommit` is off).
    public var isInTransaction: Bool {
        guard let handle else { return false }
        return sqlite3_get_autocommit(handle) == 0
    }

    /// The rowid of the most recent successful `INSERT` on this connection.
    public var lastInsertRowID: Int64 {
        guard let handle else { return 0 }
        return sqlite3_last_insert_rowid(handle)
    }

    /// Rows changed by the most recent `INSERT`, `UPDATE` or `DELETE`.
    public var changes: Int {
        guard let handle else { return 0 }
        return Int(sqlite3_changes64(handle))
    }

    /// Attaches another database file under `schema` (`ATTACH DATABASE ? AS "schema"`). On a
    /// read-only connection the attached database is read-only too.
    public func attach(path: String, as schema: String) throws {
        if path != ":memory:", access(path, F_OK) != 0 {
            throw ExtractError(
                .notFound,
                "SQLite database file to attach does not exist; check the path",
                context: .init(object: schema, path: path)
            )
        }
        let statement = try prepare("ATTACH DATABASE ? AS \(SQLiteIdentifier.quoteName(schema))")
        try statement.bind(path, at: 1)
        try statement.run()
    }

    /// The version of the SQLite library in use, such as `3.40.1`.
    public static var libraryVersion: String { String(cString: sqlite3_libversion()) }
}
