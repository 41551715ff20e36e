/// One column of a ``ColumnBatch``: typed values plus, when any row is NULL, a validity bitmap.
public struct Column: Sendable, Hashable {
    /// The logical type of the values.
    public let type: ColumnType
    /// The values, one per row (NULL rows hold a placeholder).
    public let values: ColumnValues
    /// Which rows are valid; `nil` when no row is NULL.
    public let validity: ValidityBitmap?

    /// Creates a column. `values` must use the storage of `type`, and `validity`, when given,
    /// must cover exactly `values.count` rows.
    public init(type: ColumnType, values: ColumnValues, validity: ValidityBitmap? = nil) {
        precondition(validity == nil || validity!.count == values.count, "validity must cover every row")
        self.type = type
        self.values = values
        self.validity = (validity?.nullCount ?? 0) == 0 ? nil : validity
    }

    /// The number of rows.
    @inlinable
    public var count: Int { values.count }

    /// The number of NULL rows.
    @inlinable
    public var nullCount: Int { validity?.nullCount ?? 0 }

    /// Whether row `index` is NULL.
    @inlinable
    public func isNull(_ index: Int) -> Bool {
        guard let validity else { return false }
        return !validity.isValid(index)
    }

    /// The rows `range` as a new column.
    public func slice(_ range: Range<Int>) -> Column {
        Column(type: type, values: values.slice(range), validity: validity?.slice(range))
    }
}
