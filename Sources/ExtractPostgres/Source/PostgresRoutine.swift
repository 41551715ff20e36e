/// A function or procedure call: `[schema.]name(arguments…)`.
///
/// Arguments are passed as SQL literals (quoted with `PQescapeLiteral`), so the server converts
/// each one to the declared parameter type (`'2024-01-31'` to a `date`, `'10'` to an `integer`);
/// `nil` passes NULL.
public struct PostgresRoutine: Sendable, Hashable {
    /// `name` or `schema.name`, exactly as spelled in the catalog (case-sensitive; quote parts
    /// that contain a dot: `"odd.schema".fn`).
    public var name: String
    /// The argument values, in order.
    public var arguments: [String?]

    /// A call of `name` with `arguments`.
    public init(_ name: String, arguments: [String?] = []) {
        self.name = name
        self.arguments = arguments
    }
}
