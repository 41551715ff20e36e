import ExtractCore

/// How the store code (config, run log, schema, samples) uses ``SQLiteConnection``: opening the
/// store with its own messages, one-shot statements with bound values, and optional column
/// reads. The store opens one connection per operation, so concurrent extracts never share a
/// handle (SQLite's locking plus a 30 s busy timeout serialise the writers).
enum StoreAccess {
    /// Opens (and with `create`, creates) the store at `path`, read-write.
    /// - Throws: ``ExtractError`` `notFound` (with what to do) when the store does not exist.
    static func open(path: String, create: Bool = false) throws -> SQLiteConnection {
        do {
            return try SQLiteConnection(
                path: path,
                mode: create ? .readWriteCreate : .readWrite,
                busyTimeoutMilliseconds: 30_000
            )
        } catch let error as ExtractError where error.code == .notFound {
            throw ExtractError(
                .notFound,
                "cannot open the store; run `extract init` first or pass --store PATH",
                context: .init(path: path),
                underlying: error
            )
        } catch let error as ExtractError where create {
            throw ExtractError(
                .io,
                "cannot create the store; check the folder and its permissions",
                context: .init(path: path),
                underlying: error
            )
        }
    }
}

extension SQLiteConnection {
    /// Runs `sql` with `values` bound to `?1...`.
    func run(_ sql: String, _ values: [SQLiteValue] = []) throws {
        let s = try prepare(sql)
        try s.bind(values)
        try s.run()
    }

    /// The rows of `sql` with `values` bound, each mapped by `row`.
    func query<T>(_ sql: String, _ values: [SQLiteValue] = [], _ row: (SQLiteStatement) throws -> T) throws -> [T] {
        let s = try prepare(sql)
        try s.bind(values)
        var out: [T] = []
        while try s.step() { out.append(try row(s)) }
        return out
    }
}

extension SQLiteStatement {
    /// Column `i` as text, `nil` when NULL.
    func text(_ i: Int) -> String? { string(at: i) }
    /// Column `i` as an integer, `nil` when NULL.
    func int(_ i: Int) -> Int64? { isNull(at: i) ? nil : int64(at: i) }
    /// Column `i` as a double, `nil` when NULL.
    func double(_ i: Int) -> Double? { isNull(at: i) ? nil : double(at: i) }
    /// A boolean stored as 0/1, or as text true/false/Y/N/yes/no; `nil` when NULL.
    func bool(_ i: Int) -> Bool? {
        switch valueType(at: i) {
        case .null: return nil
        case .integer, .real: return double(at: i) != 0
        default:
            switch (text(i) ?? "").lowercased() {
            case "1", "true", "t", "y", "yes": return true
            default: return false
            }
        }
    }
    /// Column `i` with its storage class (a blob is read as text, as the store never holds blobs).
    func value(_ i: Int) -> SQLiteValue {
        switch valueType(at: i) {
        case .null: return .null
        case .integer: return .integer(int64(at: i))
        case .real: return .real(double(at: i))
        default: return .text(text(i) ?? "")
        }
    }
}

extension SQLiteValue {
    static func of(_ v: String?) -> SQLiteValue { v.map { .text($0) } ?? .null }
    static func of(_ v: Int64?) -> SQLiteValue { v.map { .integer($0) } ?? .null }
    static func of(_ v: Int?) -> SQLiteValue { v.map { .integer(Int64($0)) } ?? .null }
    static func of(_ v: Double?) -> SQLiteValue { v.map { .real($0) } ?? .null }
    static func of(_ v: Bool?) -> SQLiteValue { v.map { .integer($0 ? 1 : 0) } ?? .null }
}
