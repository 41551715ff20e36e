/// The compression of an extract's output. For Parquet it is the page codec inside the file; for
/// delimited text it compresses the whole file (`.gz`, `.zst`, `.lz4`, `.sz`) or wraps the
/// file(s) in a ZIP archive, one entry per part.
public struct OutputCompression: Sendable, Hashable {
    /// The algorithms `compressed_type` may name.
    public enum Kind: String, Sendable, Hashable, CaseIterable, Codable {
        case none = "NONE"
        case gzip = "GZIP"
        case zip = "ZIP"
        case snappy = "SNAPPY"
        case lz4 = "LZ4"
        case zstd = "ZSTD"
    }

    /// How hard to compress: `compressed_level` (MINIMUM, NORMAL, MAXIMUM or a codec's number).
    public typealias Level = CompressionLevel

    public var kind: Kind
    /// The level.
    public var level: Level
    /// The suffix of compressed text files, with its dot (`.gz`); `nil` for the codec's default.
    public var fileExtension: String?

    /// Creates a value with the given parts.
    public init(kind: Kind, level: Level = .normal, fileExtension: String? = nil) {
        self.kind = kind
        self.level = level
        self.fileExtension = fileExtension
    }

    /// No compression.
    public static let none = OutputCompression(kind: .none)

    /// Whether any compression applies.
    public var isCompressed: Bool { kind != .none }

    /// The suffix a compressed text file or archive gets (with dot), `nil` for Parquet (page
    /// codecs keep the name) or no compression.
    public func suffix(for format: OutputFormat) -> String? {
        if kind == .none { return nil }
        if format == .parquet && kind != .zip { return nil }
        if let fileExtension { return fileExtension }
        switch kind {
        case .none: return nil
        case .gzip: return ".gz"
        case .zip: return ".zip"
        case .snappy: return ".sz"
        case .lz4: return ".lz4"
        case .zstd: return ".zst"
        }
    }
}
