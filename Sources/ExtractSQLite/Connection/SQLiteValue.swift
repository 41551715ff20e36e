/// One SQLite value, owned: for binding parameters (``SQLiteStatement/bind(_:at:)-(SQLiteValue,_)``)
/// and for queries that a ``SQLiteSource`` runs with parameters. Not used on the read hot path.
public enum SQLiteValue: Sendable, Hashable {
    /// An INTEGER.
    case integer(Int64)
    /// A REAL.
    case real(Double)
    /// TEXT (bound as its UTF-8 bytes).
    case text(String)
    /// A BLOB.
    case blob([UInt8])
    case null
}
