/// The file formats an extract can produce.
public enum OutputFormat: String, Sendable, Hashable, CaseIterable, Codable {
    /// Comma-separated values (RFC 4180 by default).
    case csv
    /// Tab-separated values.
    case tsv
    /// Pipe-delimited values.
    case dat
    /// Apache Parquet.
    case parquet

    /// Parses `csv`, `tsv`, `dat` or `parquet` in any letter case.
    /// - Throws: ``ExtractError`` (`invalidArgument`) naming the formats.
    public init(parsing text: String) throws {
        guard let format = OutputFormat(rawValue: text.trimmingSpaces().lowercased()) else {
            throw ExtractError(
                .invalidArgument,
                "unknown output format; use csv, tsv, dat or parquet",
                context: .init(value: text)
            )
        }
        self = format
    }

    /// Whether the format is delimited text.
    public var isDelimited: Bool { self != .parquet }

    /// The default column delimiter of a delimited format.
    public var defaultDelimiter: UInt8 {
        switch self {
        case .csv, .parquet: return UInt8(ascii: ",")
        case .tsv: return UInt8(ascii: "\t")
        case .dat: return UInt8(ascii: "|")
        }
    }

    /// The default file extension, without dot.
    public var defaultExtension: String { rawValue }
}
