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
