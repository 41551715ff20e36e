import CExtractSnappy
import ExtractCore

/// Parquet `SNAPPY`: one raw snappy block per page (`snappy_compress`), no framing.
public struct SnappyCodec: Codec {
    /// Creates the codec; snappy has no compression levels.
    public init() {}

    public var kind: BlockCompression { .snappy }

    /// Appends the raw snappy block for `input` to `output`, compressing straight into the
    /// array's spare capacity.
    public func compress(_ input: UnsafeRawBufferPointer, into output: inout [UInt8]) throws {
        let bound = snappy_max_compressed_length(input.count)
        try output.appendCompressed(maximumCount: bound) { destination in
            var length = destination.count
            let status = input.withNonNullBase { source in
                snappy_compress(
                    source.assumingMemoryBound(to: CChar.self),
                    input.count,
                    destination.baseAddress!.assumingMemoryBound(to: CChar.self),
                    &length
                )
            }
            guard status == SNAPPY_OK else {
                throw ExtractError.compressionFailed("snappy", "snappy_compress returned status \(status.rawValue)")
            }
            return length
        }
    }

    /// Restores one raw snappy block; its stated length must be `uncompressedCount`.
    public func decompress(_ input: UnsafeRawBufferPointer, uncompressedCount: Int, into output: inout [UInt8]) throws {
        try input.withNonNullBase { source in
            var stated = 0
            guard
                snappy_uncompressed_length(source.assumingMemoryBound(to: CChar.self), input.count, &stated)
                    == SNAPPY_OK,
                stated == uncompressedCount
            else {
                throw ExtractError.decompressionFailed(
                    "snappy",
                    "the block's header is invalid or states another size than \(uncompressedCount) bytes"
                )
            }
            try output.appendDecompressed(count: uncompressedCount) { destination in
                var length = destination.count
                let status = snappy_uncompress(
                    source.assumingMemoryBound(to: CChar.self),
                    input.count,
                    destination.baseAddress?.assumingMemoryBound(to: CChar.self),
                    &length
                )
                guard status == SNAPPY_OK else {
                    throw ExtractError.decompressionFailed(
                        "snappy",
                        "snappy_uncompress returned status \(status.rawValue)"
                    )
                }
                return length
            }
        }
    }
}
