/// Another database file that ``SQLiteSource`` attaches (`ATTACH DATABASE path AS schema`,
/// read-only) before it reads, so that a table or query can name `schema.table`.
public struct SQLiteAttachment: Sendable, Hashable {
    /// The schema name to attach the file as.
    public var schema: String
    /// The database file.
    public var path: String

    /// Attach the file at `path` as `schema`.
    public init(schema: String, path: String) {
        self.schema = schema
        self.path = path
    }
}
