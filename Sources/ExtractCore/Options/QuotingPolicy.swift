/// When a delimited writer puts a value between quote characters.
public enum QuotingPolicy: String, Sendable, Hashable, CaseIterable, Codable {
    /// Quote only what needs it (RFC 4180): a value holding the column delimiter, the quote
    /// character, the escape character, CR or LF, and a value equal to the NULL token (so the
    /// empty string is written `""` when NULL is written as nothing). For a multi-character
    /// delimiter, a value that begins with its end or ends with its start is quoted too (with
    /// `||`: `a|`, `|a`; but not `a|b`). Leading and trailing spaces are not a reason to quote.
    /// This is the default.
    case minimal
    /// Quote every non-NULL value, numbers included; NULL is still the bare NULL token.
    case all
    /// Never quote; a value that cannot be written unquoted (it holds the delimiter, CR, LF,
    /// the quote or escape character, or equals the NULL token) is refused with an error.
    case none

    /// Parses `minimal`, `all` or `none` (case-insensitive).
    /// - Throws: ``ExtractError`` (`.invalidArgument`) naming the accepted values.
    public init(name: String) throws {
        guard let policy = QuotingPolicy(rawValue: name.lowercased()) else {
            throw ExtractError(
                .invalidArgument,
                "unknown quoting policy; use minimal, all or none",
                context: .init(value: name)
            )
        }
        self = policy
    }
}
