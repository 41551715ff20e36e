/// One column of a table or view as `PRAGMA table_xinfo` describes it.
struct SQLiteTableColumn: Sendable, Hashable {
    /// The column name.
    var name: String
    /// The declared type (empty when none).
    var declaredType: String
    /// Whether the column is declared `NOT NULL`.
    var notNull: Bool
    /// 1-based position in the primary key, 0 when not part of it.
    var primaryKeyPosition: Int
    /// 0: ordinary, 1: hidden column of a virtual table, 2/3: generated column.
    var hidden: Int
}
