/// A compression level as a user writes it: `minimum`, `normal`, `maximum` or a number.
///
/// The names map to each codec's own numbers (``resolved(for:)``):
///
/// | codec | minimum | normal | maximum | numbers |
/// |---|---|---|---|---|
/// | gzip, zip | 1 | 6 | 9 | 0...9 (0 = stored blocks) |
/// | zstd | 1 | 3 | 19 | 1...22 (20...22 are zstd's "ultra" levels: slow, and up to 128 MiB of window) |
/// | lz4 | 1 | 1 | 12 | 1...12 (1, 2 = fast mode; 3...12 = LZ4 HC) |
/// | snappy | - | - | - | none: the names are accepted and change nothing, a number is refused |
///
/// "minimum" means the least compression (the fastest), "maximum" the most (the smallest output).
public enum CompressionLevel: Sendable, Hashable, CustomStringConvertible, ExpressibleByIntegerLiteral {
    /// The fastest level of the codec.
    case minimum
    /// The codec's usual default.
    case normal
    /// The level that compresses best (without extreme memory use).
    case maximum
    /// A number in the codec's own scale.
    case number(Int)

    /// A number in the codec's own scale: `.gzip(level: 6)`.
    public init(integerLiteral value: Int) {
        self = .number(value)
    }

    /// The names ``init(parsing:)`` accepts for each named level, first the one to write.
    public static let names: [(level: CompressionLevel, names: [String])] = [
        (.minimum, ["minimum", "min", "fastest"]),
        (.normal, ["normal", "default"]),
        (.maximum, ["maximum", "max", "best"]),
    ]

    /// Parses `minimum` (also `min`, `fastest`), `normal` (`default`), `maximum` (`max`,
    /// `best`), in any letter case, or a whole number. The one parser of levels: config rows
    /// (`compressed_level`), `--compression-level` and library callers. Whether a number fits
    /// the codec is checked when the codec is known (``resolved(for:)``,
    /// ``OutputCompression/problems(for:)``).
    ///
    /// - Throws: ``ExtractError`` with code `invalidArgument` naming the text and the accepted forms.
    public init(parsing text: String) throws {
        let trimmed = text.trimmingSpaces()
        let lowered = trimmed.lowercased()
        if let named = Self.names.first(where: { $0.names.contains(lowered) }) {
            self = named.level
            return
        }
        guard let number = Int(trimmed) else {
            throw ExtractError(
                .invalidArgument,
                "compression level is not valid; use minimum, normal, maximum or a number (gzip 0-9, zstd 1-22, lz4 1-12)",
                context: .init(value: text)
            )
        }
        self = .number(number)
    }

    public var description: String {
        switch self {
        case .minimum: "minimum"
        case .normal: "normal"
        case .maximum: "maximum"
        case .number(let number): String(number)
        }
    }

    /// The codec's own level for this one.
    ///
    /// - Parameter codec: `gzip`, `zip`, `zstd`, `lz4` or `snappy` (snappy gives 0: it has no levels).
    /// - Throws: ``ExtractError`` (`invalidArgument`) for a number outside the codec's range, saying the range,
    ///   or for a codec name that has no levels table.
    public func resolved(for codec: String) throws -> Int {
        let table: (minimum: Int, normal: Int, maximum: Int, range: ClosedRange<Int>)
        switch codec.lowercased() {
        case "gzip", "zip", "deflate": table = (1, 6, 9, 0...9)
        case "zstd": table = (1, 3, 19, 1...22)
        case "lz4": table = (1, 1, 12, 1...12)
        case "snappy":
            if case .number = self {
                throw ExtractError(
                    .invalidArgument,
                    "snappy has no compression levels; leave the level out (or use normal)",
                    context: .init(value: description)
                )
            }
            return 0
        default:
            throw ExtractError(
                .invalidArgument,
                "compression \(codec) has no levels",
                context: .init(value: description)
            )
        }
        switch self {
        case .minimum: return table.minimum
        case .normal: return table.normal
        case .maximum: return table.maximum
        case .number(let number):
            guard table.range.contains(number) else {
                throw ExtractError(
                    .invalidArgument,
                    "\(codec) compression level is out of range; use \(table.range.lowerBound) to \(table.range.upperBound), or minimum, normal or maximum",
                    context: .init(value: description)
                )
            }
            return number
        }
    }
}

extension String {
    /// The string without leading and trailing spaces and tabs (no Foundation here).
    package func trimmingSpaces() -> String {
        let isSpace: (Character) -> Bool = { $0 == " " || $0 == "\t" }
        guard let first = firstIndex(where: { !isSpace($0) }), let last = lastIndex(where: { !isSpace($0) }) else {
            return ""
        }
        return String(self[first...last])
    }
}
