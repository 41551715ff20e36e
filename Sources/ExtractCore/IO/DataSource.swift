/// Where rows come from: a table, view, query or procedure of some database, or anything else
/// that can produce typed columns.
///
/// A source is a cheap, `Sendable` description; ``makeReader()`` opens it (a connection, a
/// statement) and returns a reader confined to the calling task.
///
/// ```swift
/// let reader = try source.makeReader()
/// while let batch = try reader.next() { try sink.write(batch) }
/// ```
public protocol DataSource: Sendable {
    /// A short human-readable name for messages and logs (`sqlite:db.sqlite main.orders`).
    var displayName: String { get }
    /// Opens the source. The reader knows its ``Schema`` before it yields any row.
    func makeReader() throws -> any BatchReader
}

/// An open stream of ``ColumnBatch``es, consumed by one task.
public protocol BatchReader: AnyObject {
    /// The columns every batch has.
    var schema: Schema { get }
    /// The next batch, or `nil` at the end. Batches are never empty.
    func next() throws -> ColumnBatch?
    /// Releases the connection or statement early (also done on deinit).
    func close()
}
