/// A slice of rows in columnar form: the unit that flows from a ``DataSource`` to a ``DataSink``.
///
/// Sources produce batches of about ``defaultRowCount`` rows; nothing in the pipeline holds more
/// than a few batches at a time, so memory stays flat whatever the size of the table.
public struct ColumnBatch: Sendable {
    /// The columns' names and types.
    public let schema: Schema
    /// One column per field of ``schema``, each with ``rowCount`` rows.
    public let columns: [Column]
    /// The number of rows.
    public let rowCount: Int

    /// The batch size sources aim for.
    public static let defaultRowCount = 65_536

    /// Creates a batch; every column must have `rowCount` rows and match its field's type.
    public init(schema: Schema, columns: [Column]) {
        precondition(schema.count == columns.count, "one column per field")
        let rows = columns.first?.count ?? 0
        for (field, column) in zip(schema.fields, columns) {
            precondition(column.count == rows, "column \(field.name) has \(column.count) rows, expected \(rows)")
            precondition(column.type == field.type, "column \(field.name) is \(column.type), field says \(field.type)")
        }
        self.schema = schema
        self.columns = columns
        self.rowCount = rows
    }

    /// An empty batch of `schema` (zero rows).
    public init(emptyOf schema: Schema) {
        self.init(
            schema: schema,
            columns: schema.fields.map { field in
                var builder = ColumnBuilder(type: field.type, capacity: 0)
                return builder.finish()
            }
        )
    }

    /// The rows `range` as a new batch.
    public func slice(_ range: Range<Int>) -> ColumnBatch {
        ColumnBatch(schema: schema, columns: columns.map { $0.slice(range) })
    }
}
