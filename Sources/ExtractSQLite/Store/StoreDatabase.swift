import CExtractSQLite
import ExtractCore

/// A small read-write connection for the store's own tables (config, log, watermarks, samples).
/// Confined to one task; the store opens one per operation, so concurrent extracts never share
/// a handle (SQLite's locking plus a busy timeout serialise the writers).
final class StoreDatabase {
    let handle: OpaquePointer
    let path: String

    /// Opens (and with `create`, creates) the store at `path`.
    init(path: String, create: Bool = false) throws {
        self.path = path
        var db: OpaquePointer?
        var flags = SQLITE_OPEN_READWRITE | SQLITE_OPEN_NOMUTEX
        if create { flags |= SQLITE_OPEN_CREATE }
        let rc = sqlite3_open_v2(path, &db, flags, nil)
        guard rc == SQLITE_OK, let db else {
            let message = db.map { String(cString: sqlite3_errmsg($0)) } ?? "out of memory"
            sqlite3_close_v2(db)
            throw ExtractError(create ? .io : .notFound,
                create ? "cannot create the store: \(message)"
                       : "cannot open the store (\(message)); run `extract init` first or pass --store PATH",
                context: .init(path: path))
        }
        handle = db
        sqlite3_extended_result_codes(db, 1)
        sqlite3_busy_timeout(db, 30_000)
    }

    deinit { sqlite3_close_v2(handle) }

    /// Runs one or more statements without results.
    func execute(_ sql: String) throws {
        var message: UnsafeMutablePointer<CChar>?
        let rc = sqlite3_exec(handle, sql, nil, nil, &message)
        if rc != SQLITE_OK {
            let text = message.map { String(cString: $0) } ?? String(cString: sqlite3_errstr(rc))
            sqlite3_free(message)
            throw ExtractError(.source, "store statement failed: \(text)", context: .init(path: path))
        }
    }

    /// Prepares one statement.
    func prepare(_ sql: String) throws -> StoreStatement {
        var stmt: OpaquePointer?
        let rc = sqlite3_prepare_v2(handle, sql, -1, &stmt, nil)
        guard rc == SQLITE_OK, let stmt else {
            throw ExtractError(.source, "store statement failed: \(String(cString: sqlite3_errmsg(handle)))",
                               context: .init(path: path))
        }
        return StoreStatement(stmt, db: self)
    }

    /// Runs `body` in a transaction (`BEGIN IMMEDIATE`), committing on success, rolling back on error.
    func transaction<R>(_ body: () throws -> R) throws -> R {
        try execute("BEGIN IMMEDIATE")
        do {
            let r = try body()
            try execute("COMMIT")
            return r
        } catch {
            try? execute("ROLLBACK")
            throw error
        }
    }

    var lastInsertRowID: Int64 { sqlite3_last_insert_rowid(handle) }

    /// Runs `sql` with `values` bound to `?1...`.
    func run(_ sql: String, _ values: [StoreValue] = []) throws {
        let s = try prepare(sql)
        try s.bind(values)
        while try s.step() {}
    }

    /// The rows of `sql` with `values` bound, each mapped by `row`.
    func query<T>(_ sql: String, _ values: [StoreValue] = [], _ row: (StoreStatement) throws -> T) throws -> [T] {
        let s = try prepare(sql)
        try s.bind(values)
        var out: [T] = []
        while try s.step() { out.append(try row(s)) }
        return out
    }
}

/// A value bound to or read from a store statement.
enum StoreValue: Sendable, Hashable {
    case null
    case integer(Int64)
    case real(Double)
    case text(String)

    static func of(_ v: String?) -> StoreValue { v.map { .text($0) } ?? .null }
    static func of(_ v: Int64?) -> StoreValue { v.map { .integer($0) } ?? .null }
    static func of(_ v: Int?) -> StoreValue { v.map { .integer(Int64($0)) } ?? .null }
    static func of(_ v: Double?) -> StoreValue { v.map { .real($0) } ?? .null }
    static func of(_ v: Bool?) -> StoreValue { v.map { .integer($0 ? 1 : 0) } ?? .null }
}

/// A prepared statement of a ``StoreDatabase``.
final class StoreStatement {
    let handle: OpaquePointer
    let db: StoreDatabase

    init(_ handle: OpaquePointer, db: StoreDatabase) {
        self.handle = handle
        self.db = db
    }

    deinit { sqlite3_finalize(handle) }

    func bind(_ values: [StoreValue]) throws {
        sqlite3_reset(handle)
        sqlite3_clear_bindings(handle)
        for (i, v) in values.enumerated() {
            let index = Int32(i + 1)
            let rc: Int32
            switch v {
            case .null: rc = sqlite3_bind_null(handle, index)
            case .integer(let n): rc = sqlite3_bind_int64(handle, index, n)
            case .real(let d): rc = sqlite3_bind_double(handle, index, d)
            case .text(let s): rc = sqlite3_bind_text(handle, index, s, -1, storeTransient)
            }
            guard rc == SQLITE_OK else {
                throw ExtractError(.source, "cannot bind a store value: \(String(cString: sqlite3_errmsg(db.handle)))")
            }
        }
    }

    /// Advances; `true` when a row is available.
    func step() throws -> Bool {
        let rc = sqlite3_step(handle)
        if rc == SQLITE_ROW { return true }
        if rc == SQLITE_DONE { return false }
        throw ExtractError(.source, "store statement failed: \(String(cString: sqlite3_errmsg(db.handle)))",
                           context: .init(path: db.path))
    }

    func isNull(_ i: Int) -> Bool { sqlite3_column_type(handle, Int32(i)) == SQLITE_NULL }
    func text(_ i: Int) -> String? {
        guard !isNull(i), let p = sqlite3_column_text(handle, Int32(i)) else { return nil }
        return String(cString: p)
    }
    func int(_ i: Int) -> Int64? { isNull(i) ? nil : sqlite3_column_int64(handle, Int32(i)) }
    func double(_ i: Int) -> Double? { isNull(i) ? nil : sqlite3_column_double(handle, Int32(i)) }
    /// A boolean stored as 0/1, or as text true/false/Y/N/yes/no.
    func bool(_ i: Int) -> Bool? {
        switch sqlite3_column_type(handle, Int32(i)) {
        case SQLITE_NULL: return nil
        case SQLITE_INTEGER, SQLITE_FLOAT: return sqlite3_column_double(handle, Int32(i)) != 0
        default:
            switch (text(i) ?? "").lowercased() {
            case "1", "true", "t", "y", "yes": return true
            default: return false
            }
        }
    }
    /// The value with its storage class.
    func value(_ i: Int) -> StoreValue {
        switch sqlite3_column_type(handle, Int32(i)) {
        case SQLITE_NULL: return .null
        case SQLITE_INTEGER: return .integer(sqlite3_column_int64(handle, Int32(i)))
        case SQLITE_FLOAT: return .real(sqlite3_column_double(handle, Int32(i)))
        default: return .text(text(i) ?? "")
        }
    }
    var columnCount: Int { Int(sqlite3_column_count(handle)) }
    func columnName(_ i: Int) -> String { String(cString: sqlite3_column_name(handle, Int32(i))) }
}

/// `SQLITE_TRANSIENT` (a cast macro Swift does not import): SQLite copies the bound bytes.
let storeTransient = unsafeBitCast(-1 as Int, to: sqlite3_destructor_type.self)

/// `"name"` with inner quotes doubled: an SQLite identifier that is never pasted raw.
func quoteIdentifier(_ name: String) -> String {
    var out = "\""
    for c in name {
        out.append(c)
        if c == "\"" { out.append(c) }
    }
    return out + "\""
}
