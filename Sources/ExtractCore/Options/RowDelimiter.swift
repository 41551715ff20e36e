/// What ends each record of a delimited file.
public enum RowDelimiter: String, Sendable, Hashable, CaseIterable, Codable {
    /// `\n` (LF), the default.
    case lf
    /// `\r\n` (CR LF), as RFC 4180 and Windows tools expect.
    case crlf

    /// The bytes written after each record.
    public var bytes: [UInt8] {
        switch self {
        case .lf: return [0x0A]
        case .crlf: return [0x0D, 0x0A]
        }
    }

    /// Parses `lf` or `crlf` (case-insensitive), the characters themselves, or their escaped
    /// spellings `\n` and `\r\n` (the original configuration stores the two-character text `\n`).
    /// - Throws: ``ExtractError`` (`.invalidArgument`) naming the accepted values.
    public init(name: String) throws {
        switch name.lowercased() {
        case "lf", "\n", "\\n": self = .lf
        case "crlf", "\r\n", "\\r\\n": self = .crlf
        default:
            throw ExtractError(
                .invalidArgument,
                "unknown row delimiter; use lf or crlf",
                context: .init(value: name)
            )
        }
    }
}
