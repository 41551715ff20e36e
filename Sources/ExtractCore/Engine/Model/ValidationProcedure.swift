/// A job's pre-extract validation procedure (`validation_table_sp_name` /
/// `validation_table_sp_schema`): called before any row is read; if it raises, the extract is
/// FAILED with the procedure's message and nothing is written. PostgreSQL only.
public struct ValidationProcedure: Sendable, Hashable {
    /// The schema, or `nil` for the search path.
    public var schema: String?
    /// The procedure's name.
    public var name: String

    public init(schema: String?, name: String) {
        self.schema = schema
        self.name = name
    }

    /// `schema.name` or `name`, for messages.
    public var displayName: String { (schema.map { $0 + "." } ?? "") + name }
}
