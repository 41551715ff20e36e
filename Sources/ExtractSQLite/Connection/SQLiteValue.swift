/// One SQLite value, owned: for binding parameters (``SQLiteStatement/bind(_:at:)-(SQLiteValue,_)``)
/// and for queries that a ``SQLiteSource`` runs with parameters. Not used on the read hot path.
public enum SQLiteValue: Sendable, Hashable {
    case integer(Int64)
    case real(Double)
    case text(String)
    case blob([UInt8])
    case null
}
