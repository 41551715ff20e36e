/// A named, typed column of a ``Schema``.
public struct Field: Sendable, Hashable {
    /// The column name exactly as the source spells it.
    public var name: String
    /// The logical type of every value.
    public var type: ColumnType
    /// Whether the column may hold NULLs.
    public var nullable: Bool

    public init(_ name: String, _ type: ColumnType, nullable: Bool = true) {
        self.name = name
        self.type = type
        self.nullable = nullable
    }
}
