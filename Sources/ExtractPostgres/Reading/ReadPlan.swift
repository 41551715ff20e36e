import ExtractCore

/// What one extract reads: its columns (types decided) and the SELECT that produces them in
/// binary-decodable form (columns without a binary decoder cast to text).
struct ReadPlan: Sendable {
    var columns: [PostgresColumn]
    /// The SELECT statement whose rows are copied (no trailing semicolon).
    var select: String
    /// For a table read whole: the quoted relation and facts for a parallel read.
    var relation: Relation?
    /// Name for messages.
    var object: String

    struct Relation: Sendable {
        var quotedName: String
        /// `pg_class.relkind`: r table, v view, m materialized view, p partitioned, f foreign.
        var kind: String
        /// The quoted select list (with casts).
        var selectList: String
        /// A row filter (SQL boolean expression) every read of the table applies.
        var filter: String?
        /// Heap blocks of the main fork (`pg_relation_size / block_size`).
        var blocks: Int
        /// The planner's row estimate (`reltuples`, −1 when never analyzed).
        var estimatedRows: Double
        /// Whether ctid page ranges can split it (a plain table or materialized view with storage).
        var supportsPageRanges: Bool { kind == "r" || kind == "m" }
    }

    /// `COPY (select) TO STDOUT (FORMAT binary)`, optionally restricted to a block range of the table.
    func copyStatement(blocks range: (start: Int, end: Int?)? = nil) -> String {
        var sql = select
        if let range, let relation {
            sql = "SELECT \(relation.selectList) FROM \(relation.quotedName) WHERE ctid >= '(\(range.start),0)'::tid"
            if let end = range.end { sql += " AND ctid < '(\(end),0)'::tid" }
            if let filter = relation.filter { sql += " AND (\(filter))" }
        }
        return "COPY (\(sql)) TO STDOUT (FORMAT binary)"
    }

    var schema: Schema { Schema(columns.map(\.field)) }

    // MARK: - Building plans

    /// The plan for a table, view or materialized view read whole.
    static func table(
        _ nameText: String,
        filter: String? = nil,
        on connection: PostgresConnection,
        rule: UnconstrainedNumericRule
    ) throws -> ReadPlan {
        let name = try PostgresObjectName(parsing: nameText)
        let quoted = try name.quoted(on: connection)
        let rows = try connection.execute(
            """
            SELECT c.oid, c.relkind, pg_relation_size(c.oid) / current_setting('block_size')::bigint, c.reltuples
            FROM pg_class c WHERE c.oid = to_regclass(\(try connection.quoteLiteral(quoted)))
            """
        )
        guard let row = rows.first, let oid = row[0] else {
            throw ExtractError(
                .notFound,
                "table or view \(name) does not exist in \(connection.redactedDescription) (or is not visible to this user); check the schema and the exact, case-sensitive name",
                context: .init(object: name.description)
            )
        }
        var columns = try connection.describe(query: "SELECT * FROM \(quoted)").map {
            PostgresTypeMapping.column(
                name: $0.name,
                typeOID: $0.typeOID,
                typeModifier: $0.typeModifier,
                unconstrainedNumeric: rule
            )
        }
        guard !columns.isEmpty else {
            throw ExtractError(
                .invalidArgument,
                "table or view \(name) has no columns; there is nothing to extract",
                context: .init(object: name.description)
            )
        }
        let notNull = try connection.execute(
            "SELECT attname FROM pg_attribute WHERE attrelid = \(oid) AND attnum > 0 AND NOT attisdropped AND attnotnull"
        )
        let notNullNames = Set(notNull.compactMap { $0[0] })
        for i in columns.indices where notNullNames.contains(columns[i].name) { columns[i].nullable = false }
        let selectList = try columns.map { column in
            try connection.quoteIdentifier(column.name) + (column.castToText ? "::text" : "")
        }.joined(separator: ", ")
        let relation = Relation(
            quotedName: quoted,
            kind: row[1] ?? "r",
            selectList: selectList,
            filter: filter,
            blocks: Int(row[2] ?? "0") ?? 0,
            estimatedRows: Double(row[3] ?? "-1") ?? -1
        )
        var select = "SELECT \(selectList) FROM \(quoted)"
        if let filter { select += " WHERE (\(filter))" }
        return ReadPlan(columns: columns, select: select, relation: relation, object: name.description)
    }

    /// The plan for a custom query (or a set-returning function call).
    static func query(_ text: String, object: String, on connection: PostgresConnection, rule: UnconstrainedNumericRule)
        throws -> ReadPlan
    {
        var sql = Substring(text)
        while let last = sql.last, last == ";" || last.isWhitespace { sql.removeLast() }
        guard !sql.isEmpty else {
            throw ExtractError(.invalidArgument, "the source query is empty", context: .init(object: object))
        }
        let described: [PostgresConnection.ColumnDescription]
        do {
            described = try connection.describe(query: String(sql))
        } catch var error as ExtractError {
            if error.context.object == nil { error.context.object = object }
            throw error
        }
        guard !described.isEmpty else {
            throw ExtractError(
                .invalidArgument,
                "the source query returns no columns (is it a SELECT?)",
                context: .init(object: object)
            )
        }
        let columns = described.map {
            PostgresTypeMapping.column(
                name: $0.name,
                typeOID: $0.typeOID,
                typeModifier: $0.typeModifier,
                unconstrainedNumeric: rule
            )
        }
        var select = String(sql)
        if columns.contains(where: \.castToText) {
            // Positional aliases keep duplicate or unnamed output columns addressable.
            let aliases = columns.indices.map { "c\($0 + 1)" }
            let list = zip(aliases, columns).map { alias, column in "q.\(alias)" + (column.castToText ? "::text" : "") }
            select = "SELECT \(list.joined(separator: ", ")) FROM (\(sql)) AS q(\(aliases.joined(separator: ", ")))"
        }
        return ReadPlan(columns: columns, select: select, relation: nil, object: object)
    }
}
