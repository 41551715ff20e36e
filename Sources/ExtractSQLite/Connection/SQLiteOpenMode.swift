import CExtractSQLite

/// How ``SQLiteConnection`` opens a database file.
///
/// Every mode adds `SQLITE_OPEN_NOMUTEX`: a connection is confined to one task, so SQLite's
/// per-call mutex (Debian builds it `THREADSAFE=1`) is pure cost (about a third of the
/// instructions per row when reading).
public enum SQLiteOpenMode: Sendable, Hashable {
    /// `SQLITE_OPEN_READONLY`: for extracts. The file must exist; databases attached later are
    /// read-only too.
    case readOnly
    /// `SQLITE_OPEN_READWRITE`: the file must exist.
    case readWrite
    /// `SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE`: creates the file when missing.
    case readWriteCreate

    /// The flags passed to `sqlite3_open_v2`.
    var flags: Int32 {
        switch self {
        case .readOnly: return SQLITE_OPEN_READONLY | SQLITE_OPEN_NOMUTEX
        case .readWrite: return SQLITE_OPEN_READWRITE | SQLITE_OPEN_NOMUTEX
        case .readWriteCreate: return SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_NOMUTEX
        }
    }
}
