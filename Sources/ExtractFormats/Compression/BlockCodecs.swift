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

    /// The numeric levels `kind` accepts, or `nil` when it has no levels.
    public static func levels(for kind: BlockCompression) -> ClosedRange<Int>? {
        switch kind {
        case .gzip: GzipCodec.levels
        case .zstd: ZstdCodec.levels
        case .uncompressed, .snappy, .lz4Raw: nil
        }
    }
}
