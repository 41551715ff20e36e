/// The ordered list of columns a ``DataSource`` produces and a ``DataSink`` consumes.
public struct Schema: Sendable, Hashable {
    public var fields: [Field]

    public init(_ fields: [Field]) {
        self.fields = fields
    }

    /// The number of columns.
    @inlinable
    public var count: Int { fields.count }

    /// The index of the column named `name` (exact, case-sensitive match), or `nil`.
    public func index(of name: String) -> Int? {
        fields.firstIndex { $0.name == name }
    }
}
