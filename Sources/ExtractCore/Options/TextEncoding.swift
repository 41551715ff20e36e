/// The character encoding of a delimited file. Text columns are written byte for byte as the
/// source gave them (UTF-8), so only UTF-8 variants exist; any other encoding is refused rather
/// than written wrongly.
public enum TextEncoding: String, Sendable, Hashable, CaseIterable, Codable {
    /// UTF-8 without a byte order mark, the default.
    case utf8 = "utf-8"
    /// UTF-8 starting with the byte order mark EF BB BF (some spreadsheet programs need it).
    case utf8BOM = "utf-8-bom"

    /// The bytes written at the very start of the file.
    public var preamble: [UInt8] {
        switch self {
        case .utf8: return []
        case .utf8BOM: return [0xEF, 0xBB, 0xBF]
        }
    }

    /// Parses `utf-8` or `utf-8-bom` (also `utf-8-sig`), in any letter case and with or without
    /// `-` / `_` (`UTF8`, `utf_8_bom`).
    /// - Throws: ``ExtractError`` (`.unsupported`) for anything else, naming the accepted values.
    public init(name: String) throws {
        switch name.lowercased().filter({ $0 != "-" && $0 != "_" }) {
        case "utf8": self = .utf8
        case "utf8bom", "utf8sig": self = .utf8BOM
        default:
            throw ExtractError(
                .unsupported,
                "unsupported encoding; delimited files are written as utf-8 or utf-8-bom "
                    + "(text is kept byte for byte as UTF-8, never transcoded)",
                context: .init(value: name)
            )
        }
    }
}
