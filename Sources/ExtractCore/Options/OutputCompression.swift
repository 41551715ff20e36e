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

        /// Every spelling ``init(parsing:)`` accepts, first the canonical one (lower-cased; any
        /// letter case is accepted): the union of what config rows, `extract export` and the
        /// codec tables ever took.
        public var aliases: [String] {
            switch self {
            case .none: return ["none", "uncompressed"]
            case .gzip: return ["gzip", "gz"]
            case .zip: return ["zip"]
            case .snappy: return ["snappy", "sz"]
            case .lz4: return ["lz4", "lz4_raw", "lz4raw"]
            case .zstd: return ["zstd", "zst"]
            }
        }

        /// The canonical lower-case name (`gzip`).
        public var name: String { aliases[0] }

        /// Parses a compression name or alias (``aliases``), in any letter case; empty text is `none`.
        ///
        /// - Throws: ``ExtractError`` (`invalidArgument`) naming the accepted names; `BROTLI`
        ///   (in the original configuration's vocabulary) is refused as unsupported.
        public init(parsing text: String) throws {
            let lowered = text.trimmingSpaces().lowercased()
            if lowered.isEmpty { self = .none; return }
            if let kind = Kind.allCases.first(where: { $0.aliases.contains(lowered) }) { self = kind; return }
            if lowered == "brotli" {
                throw ExtractError(
                    .unsupported,
                    "BROTLI is not supported; use GZIP, ZIP, SNAPPY, LZ4 or ZSTD",
                    context: .init(value: text)
                )
            }
            throw ExtractError(
                .invalidArgument,
                "unknown compression; use one of none, gzip, zip, zstd, lz4, snappy",
                context: .init(value: text)
            )
        }
    }

    /// How hard to compress: `compressed_level` (MINIMUM, NORMAL, MAXIMUM or a codec's number).
    public typealias Level = CompressionLevel

    public var kind: Kind
    public var level: Level
    /// The suffix of compressed text files, with its dot (`.gz`); `nil` for the codec's default.
    public var fileExtension: String?

    public init(kind: Kind, level: Level = .normal, fileExtension: String? = nil) {
        self.kind = kind
        self.level = level
        self.fileExtension = fileExtension
    }

    /// No compression.
    public static let none = OutputCompression(kind: .none)
    /// gzip (whole-file for text, pages for Parquet), level 0...9.
    public static func gzip(level: Level = .normal) -> OutputCompression {
        OutputCompression(kind: .gzip, level: level)
    }
    /// zstd (whole-file for text, pages for Parquet), level 1...22.
    public static func zstd(level: Level = .normal) -> OutputCompression {
        OutputCompression(kind: .zstd, level: level)
    }
    /// LZ4 (frame format for text, level 1...12; LZ4_RAW pages for Parquet, no levels).
    public static func lz4(level: Level = .normal) -> OutputCompression { OutputCompression(kind: .lz4, level: level) }
    /// Snappy (framed for text, raw pages for Parquet); no levels.
    public static let snappy = OutputCompression(kind: .snappy)
    /// A ZIP archive (deflate, level 0...9) holding the file or every part.
    public static func zip(level: Level = .normal) -> OutputCompression { OutputCompression(kind: .zip, level: level) }

    /// The codec whose level table applies for `format`: `nil` when the level means nothing
    /// (none; Parquet's snappy and LZ4_RAW pages; snappy text).
    public func levelCodec(for format: OutputFormat) -> String? {
        switch kind {
        case .none: return nil
        case .gzip: return "gzip"
        case .zip: return "zip"
        case .zstd: return "zstd"
        case .lz4: return format == .parquet ? nil : "lz4"
        case .snappy: return nil
        }
    }

    /// The codec's own level number for `format`, or `nil` when the codec has no levels.
    /// - Throws: ``ExtractError`` (`invalidArgument`) for a number outside the codec's range, or a
    ///   number given to a codec without levels (the names are always accepted).
    public func resolvedLevel(for format: OutputFormat) throws -> Int? {
        guard let codec = levelCodec(for: format) else {
            if case .number = level, kind != .none {
                let message =
                    format == .parquet
                    ? "Parquet \(kind.name) pages have no compression level; leave the level out (levels apply to gzip and zstd)"
                    : "\(kind.name) has no compression levels; leave the level out (or use normal)"
                throw ExtractError(.invalidArgument, message, context: .init(value: level.description))
            }
            return nil
        }
        return try level.resolved(for: codec)
    }

    /// Why this compression cannot be used for `format`, or `nil` when it can.
    public func problem(for format: OutputFormat) -> ExtractError? {
        do {
            _ = try resolvedLevel(for: format)
            return nil
        } catch let e as ExtractError {
            return e
        } catch {
            return ExtractError(wrapping: error, code: .invalidArgument, "compression level")
        }
    }

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
