/// What a job reads: exactly one of a table, a view, a custom query or a stored procedure.
public enum JobSource: Sendable, Hashable {
    /// A table, optionally in a schema (for SQLite: an attached database name).
    case table(schema: String?, name: String)
    /// A view, optionally in a schema.
    case view(schema: String?, name: String)
    /// A custom `SELECT` statement.
    case sql(String)
    /// A stored procedure (PostgreSQL; SQLite has none).
    case procedure(schema: String?, name: String)

    /// `TABLE`, `VIEW`, `SQL` or `PROCEDURE`: the log's `source_type`.
    public var kindName: String {
        switch self {
        case .table: return "TABLE"
        case .view: return "VIEW"
        case .sql: return "SQL"
        case .procedure: return "PROCEDURE"
        }
    }

    /// The schema, when the source names one.
    public var schema: String? {
        switch self {
        case .table(let schema, _), .view(let schema, _), .procedure(let schema, _): return schema
        case .sql: return nil
        }
    }

    /// The object name, or the query text for SQL sources.
    public var objectName: String {
        switch self {
        case .table(_, let name), .view(_, let name), .procedure(_, let name): return name
        case .sql(let text): return text
        }
    }

    /// `schema.name`, `name`, or `custom SQL` for messages.
    public var displayName: String {
        switch self {
        case .sql: return "custom SQL"
        default: return (schema.map { $0 + "." } ?? "") + objectName
        }
    }
}
