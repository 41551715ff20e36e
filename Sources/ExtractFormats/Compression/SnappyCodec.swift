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
                snappy_compress(source.assumingMemoryBound(to: CChar.self), input.count,
                                destination.baseAddress!.assumingMemoryBound(to: CChar.self), &length)
            }
            guard status == SNAPPY_OK else {
                throw ExtractError.compressionFailed("snappy", "snappy_compress returned status \(status.rawValue)")
            }
            return length
        }
    }
}
