/// A table or view found in the catalog, with what reading it needs.
struct SQLiteResolvedObject: Sendable, Hashable {
    /// The schema it lives in (`main`, `temp`, an attached name).
    var schema: String
    /// Its name as the catalog spells it.
    var name: String
    /// Whether it is a view (views have no rowid).
    var isView: Bool
    /// The columns `SELECT *` would return, in order (hidden virtual-table columns left out).
    var columns: [SQLiteTableColumn]
    /// A spelling of the rowid usable in the select list (`rowid`, `_rowid_` or `oid`, one that
    /// no column shadows), or `nil` for views, `WITHOUT ROWID` tables, and tables that shadow all three.
    var rowidAlias: String?

    /// Whether the table has an `INTEGER PRIMARY KEY` column (an alias of the rowid, never NULL):
    /// its index in ``columns``.
    var rowidAliasColumn: Int? {
        guard rowidAlias != nil else { return nil }
        let keyColumns = columns.indices.filter { columns[$0].primaryKeyPosition > 0 }
        guard keyColumns.count == 1, columns[keyColumns[0]].declaredType.uppercased() == "INTEGER" else { return nil }
        return keyColumns[0]
    }
}
