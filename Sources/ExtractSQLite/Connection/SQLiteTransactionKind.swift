/// How ``SQLiteConnection/transaction(_:_:)`` begins its transaction.
public enum SQLiteTransactionKind: String, Sendable, Hashable {
    /// `BEGIN DEFERRED`: takes locks only when the first statement needs them.
    case deferred = "DEFERRED"
    /// `BEGIN IMMEDIATE`: takes the write lock at once (the usual choice for a writer, so that a
    /// busy database fails or waits at the start rather than halfway).
    case immediate = "IMMEDIATE"
    /// `BEGIN EXCLUSIVE`.
    case exclusive = "EXCLUSIVE"
}
