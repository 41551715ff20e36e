import ExtractCore

/// Makes the ``Codec`` for a Parquet page compression.
///
/// ```swift
/// let codec = BlockCodecs.make(.zstd, level: 5)
/// var page: [UInt8] = []
/// try values.withUnsafeBytes { try codec.compress($0, into: &page) }
/// ```
public enum BlockCodecs {
    /// The codec for `kind`. `level` applies to gzip (0...9, default 6) and zstd (default 3) and
    /// is clamped into their range; snappy, lz4_raw and uncompressed ignore it. Validate a
    /// user-given level first with ``levels(for:)`` or ``CompressionLevel``.
    public static func make(_ kind: BlockCompression, level: Int? = nil) -> any Codec {
        switch kind {
        case .uncompressed: UncompressedCodec()
        case .snappy: SnappyCodec()
        case .gzip: GzipCodec(level: level ?? GzipCodec.defaultLevel)
        case .zstd: ZstdCodec(level: level ?? ZstdCodec.defaultLevel)
        case .lz4Raw: LZ4RawCodec()
        }
    }

    /// The codec for `kind` at a user-given level: gzip takes minimum = 1, normal = 6,
    /// maximum = 9 or 0...9; zstd minimum = 1, normal = 3, maximum = 19 or 1...22 (see
    /// ``CompressionLevel``). Snappy, lz4_raw and uncompressed have no levels: the names are
    /// accepted and change nothing, a number is refused.
    ///
    /// - Throws: ``ExtractError`` (`invalidArgument`) for a number out of range or given to a
    ///   compression without levels.
    public static func make(_ kind: BlockCompression, compressionLevel: CompressionLevel?) throws -> any Codec {
        guard let compressionLevel else { return make(kind, level: nil) }
        switch kind {
        case .gzip: return make(kind, level: try compressionLevel.resolved(for: "gzip"))
        case .zstd: return make(kind, level: try compressionLevel.resolved(for: "zstd"))
        case .uncompressed, .snappy, .lz4Raw:
            if case .number = compressionLevel {
                throw ExtractError(
                    .invalidArgument,
                    "Parquet \(kind.rawValue) pages have no compression level; leave the level out (levels apply to gzip and zstd)",
                    context: .init(value: compressionLevel.description)
                )
            }
            return make(kind, level: nil)
        }
    }

    /// The numeric levels `kind` accepts, or `nil` when it has no levels.
    public static func levels(for kind: BlockCompression) -> ClosedRange<Int>? {
        switch kind {
        case .gzip: GzipCodec.levels
        case .zstd: ZstdCodec.levels
        case .uncompressed, .snappy, .lz4Raw: nil
        }
    }
}
