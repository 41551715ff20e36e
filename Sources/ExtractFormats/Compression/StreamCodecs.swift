import ExtractCore

/// Makes the whole-file ``StreamCodec`` of a compression.
///
/// ```swift
/// let codec = try StreamCodecs.make(.zstd(level: .maximum))
/// let sink = try codec.map { try $0.makeCompressor(writingTo: file) } ?? file
/// ```
///
/// Names as users write them (`gz`, `ZSTD`, `lz4_raw`) parse with
/// ``ExtractCore/OutputCompression/Kind/init(parsing:)``.
public enum StreamCodecs {
    /// The codec of `compression`, or `nil` for none.
    ///
    /// - Parameter parallelism: compression threads for gzip (independent 1 MiB members) and
    ///   zstd (libzstd workers); the others ignore it.
    /// - Throws: ``ExtractError`` (`invalidArgument`) for `zip` (a container: use
    ///   ``ZipArchiveWriter`` or ``ZipStreamCodec``), or for a level the codec does not accept.
    public static func make(_ compression: OutputCompression, parallelism: Int = 1) throws -> (any StreamCodec)? {
        let level = compression.level
        switch compression.kind {
        case .none: return nil
        case .gzip: return try GzipStreamCodec(level: level, parallelism: parallelism)
        case .zstd: return try ZstdStreamCodec(level: level, parallelism: parallelism)
        case .lz4: return try LZ4FrameStreamCodec(level: level)
        case .snappy:
            _ = try compression.resolvedLevel(for: .csv)
            return SnappyFramedStreamCodec()
        case .zip:
            throw ExtractError(
                .invalidArgument,
                "zip is an archive, not a stream compression; write it with ZipArchiveWriter (or ZipStreamCodec for one entry)",
                context: .init(value: "zip")
            )
        }
    }
}
