import CExtractSQLite

/// The storage class of one SQLite value (`sqlite3_column_type`). SQLite is dynamically typed:
/// any value of any column may have any of these, whatever the column's declared type.
public enum SQLiteValueType: Int32, Sendable, Hashable, CustomStringConvertible {
    case integer = 1  // SQLITE_INTEGER
    case real = 2  // SQLITE_FLOAT
    case text = 3  // SQLITE_TEXT
    case blob = 4  // SQLITE_BLOB
    case null = 5  // SQLITE_NULL

    /// `INTEGER`, `REAL`, `TEXT`, `BLOB` or `NULL`, as SQLite's `typeof()` spells them (upper case).
    public var description: String {
        switch self {
        case .integer: return "INTEGER"
        case .real: return "REAL"
        case .text: return "TEXT"
        case .blob: return "BLOB"
        case .null: return "NULL"
        }
    }
}
