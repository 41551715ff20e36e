extension SQLiteSource {
    /// What a ``SQLiteSource`` reads.
    public enum Object: Sendable, Hashable, CustomStringConvertible {
        /// A table or a view, by name. `schema` is `main`, `temp`, an attached name, or `nil`
        /// to search as SQLite does (`temp`, `main`, then attached databases). Both parts are
        /// taken literally (quoted when put into SQL).
        case table(schema: String?, name: String)
        /// One SQL statement returning rows (a `SELECT`, `WITH … SELECT`, `VALUES`, …), with
        /// values for its parameters (`?`, `?NNN`, `:name`, in order), so that values are bound,
        /// never pasted into the SQL.
        case query(String, parameters: [SQLiteValue] = [])

        /// `schema.name`, or `query: <SQL>` (cut to 100 characters).
        public var description: String {
            switch self {
            case .table(let schema, let name):
                return SQLiteIdentifier(schema: schema, name: name).description
            case .query(let sql, _):
                let oneLine = String(sql.map { $0 == "\n" || $0 == "\r" || $0 == "\r\n" ? " " : $0 })
                return "query: " + (oneLine.count > 100 ? String(oneLine.prefix(100)) + "…" : oneLine)
            }
        }
    }
}
