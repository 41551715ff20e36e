import ExtractCore

/// Looks tables and views up in a database's catalog (`sqlite_master`, `PRAGMA table_xinfo`),
/// and suggests similar names when one is missing.
enum SQLiteCatalog {
    /// The schema names of the connection (`main`, `temp`, attached ones), in SQLite's order.
    static func schemaNames(_ connection: SQLiteConnection) throws -> [String] {
        let list = try connection.prepare("PRAGMA database_list")
        var names: [String] = []
        while try list.step() { names.append(list.string(at: 1) ?? "") }
        return names
    }

    /// Finds the table or view `name` in `schema` (or, when `nil`, in `temp`, `main`, then the
    /// attached databases, as SQLite resolves unqualified names).
    ///
    /// - Throws: ``ExtractError/Code/notFound`` naming the object and listing similar names.
    static func resolve(_ connection: SQLiteConnection, schema: String?, name: String, objectName: String) throws
        -> SQLiteResolvedObject
    {
        let allSchemas = try schemaNames(connection)
        let searched: [String]
        if let schema {
            guard let match = allSchemas.first(where: { $0.lowercased() == schema.lowercased() }) else {
                throw ExtractError(
                    .notFound,
                    "database \"\(schema)\" is not attached (known: \(allSchemas.joined(separator: ", "))); attach it or fix the schema name",
                    context: .init(object: objectName, path: connection.path)
                )
            }
            searched = [match]
        } else {
            searched = allSchemas.filter { $0 == "temp" } + allSchemas.filter { $0 != "temp" }
        }
        for schema in searched {
            let lookup = try connection.prepare(
                "SELECT type, name FROM \(SQLiteIdentifier.quoteName(schema)).sqlite_master WHERE type IN ('table', 'view') AND name = ?1 COLLATE NOCASE"
            )
            try lookup.bind(name, at: 1)
            guard try lookup.step() else { continue }
            let isView = lookup.string(at: 0) == "view"
            let actualName = lookup.string(at: 1) ?? name
            let columns = try tableColumns(connection, schema: schema, name: actualName)
            let rowidAlias =
                isView ? nil : try findRowidAlias(connection, schema: schema, name: actualName, columns: columns)
            return SQLiteResolvedObject(
                schema: schema,
                name: actualName,
                isView: isView,
                columns: columns,
                rowidAlias: rowidAlias
            )
        }
        let similar = (try? similarNames(connection, to: name, in: searched)) ?? []
        var message = "table or view \"\(objectName)\" not found in the database"
        message += similar.isEmpty ? "; check the name" : "; similar names: " + similar.joined(separator: ", ")
        throw ExtractError(.notFound, message, context: .init(object: objectName, path: connection.path))
    }

    /// The columns of `schema.name` (`PRAGMA table_xinfo`), hidden virtual-table columns left out.
    static func tableColumns(_ connection: SQLiteConnection, schema: String, name: String) throws -> [SQLiteTableColumn]
    {
        let pragma = try connection.prepare(
            "SELECT name, type, \"notnull\", pk, hidden FROM pragma_table_xinfo(?1, ?2) ORDER BY cid"
        )
        try pragma.bind(name, at: 1)
        try pragma.bind(schema, at: 2)
        var columns: [SQLiteTableColumn] = []
        while try pragma.step() {
            let column = SQLiteTableColumn(
                name: pragma.string(at: 0) ?? "",
                declaredType: pragma.string(at: 1) ?? "",
                notNull: pragma.int64(at: 2) != 0,
                primaryKeyPosition: Int(pragma.int64(at: 3)),
                hidden: Int(pragma.int64(at: 4))
            )
            if column.hidden != 1 { columns.append(column) }
        }
        return columns
    }

    /// A rowid spelling that no column shadows and that the table accepts (`WITHOUT ROWID`
    /// tables accept none).
    static func findRowidAlias(
        _ connection: SQLiteConnection,
        schema: String,
        name: String,
        columns: [SQLiteTableColumn]
    ) throws -> String? {
        let taken = Set(columns.map { $0.name.lowercased() })
        guard let alias = ["rowid", "_rowid_", "oid"].first(where: { !taken.contains($0) }) else { return nil }
        let probe = try? connection.prepare(
            "SELECT \(alias) FROM \(SQLiteIdentifier.quote(schema: schema, name: name)) LIMIT 0"
        )
        return probe == nil ? nil : alias
    }

    /// Up to five table or view names of `schemas` close to `name` (same letters ignoring case
    /// and `_`, or within a small edit distance, or one containing the other), closest first.
    static func similarNames(_ connection: SQLiteConnection, to name: String, in schemas: [String]) throws -> [String] {
        let target = Array(name.lowercased())
        var scored: [(Int, String)] = []
        for schema in schemas {
            let list = try connection.prepare(
                "SELECT name FROM \(SQLiteIdentifier.quoteName(schema)).sqlite_master WHERE type IN ('table', 'view') AND name NOT LIKE 'sqlite!_%' ESCAPE '!' LIMIT 10000"
            )
            while try list.step() {
                guard let candidate = list.string(at: 0) else { continue }
                let lower = candidate.lowercased()
                let qualified = schema == "main" || schemas.count == 1 ? candidate : "\(schema).\(candidate)"
                let distance = editDistance(target, Array(lower))
                if lower.filter({ $0 != "_" }) == String(target).filter({ $0 != "_" }) {
                    scored.append((0, qualified))
                } else if distance <= max(2, target.count / 3) {
                    scored.append((distance, qualified))
                } else if target.count >= 3, lower.contains(String(target)) || String(target).contains(lower) {
                    scored.append((distance, qualified))
                }
            }
        }
        return scored.sorted { $0.0 != $1.0 ? $0.0 < $1.0 : $0.1 < $1.1 }.prefix(5).map(\.1)
    }

    /// Levenshtein distance between two character arrays.
    static func editDistance(_ a: [Character], _ b: [Character]) -> Int {
        if a.isEmpty { return b.count }
        if b.isEmpty { return a.count }
        var previous = Array(0...b.count)
        var current = [Int](repeating: 0, count: b.count + 1)
        for i in 1...a.count {
            current[0] = i
            for j in 1...b.count {
                current[j] = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1))
            }
            swap(&previous, &current)
        }
        return previous[b.count]
    }
}
