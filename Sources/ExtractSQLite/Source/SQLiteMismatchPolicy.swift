/// What ``SQLiteSource`` does about values that do not fit their column's declared type
/// (SQLite lets any column hold any value).
public enum SQLiteMismatchPolicy: String, Sendable, Hashable, CaseIterable {
    /// Stop with ``ExtractCore/ExtractError/Code/typeMismatch`` naming the object, column,
    /// rowid (or row number) and value. The default.
    case fail
    /// Never fail on a value: every column whose type would be anything but `string` or
    /// `binary` (from its declared type or inferred) becomes a `string` column holding SQLite's
    /// own text of each value (`sqlite3_column_text`: TEXT as stored, INTEGER in decimal, REAL
    /// as SQLite prints it, BLOB bytes as they are). `binary` columns keep blobs as they are and
    /// hold other values as that text. The choice is made per column from the declared types,
    /// before any row is read, so every batch has the same schema.
    case renderAsText
}
