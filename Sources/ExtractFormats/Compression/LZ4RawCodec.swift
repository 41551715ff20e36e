import CExtractLZ4
import ExtractCore

/// Parquet `LZ4_RAW`: each page is one LZ4 *block* (`LZ4_compress_default`), without the
/// frame format and without the Hadoop framing of the deprecated Parquet `LZ4` codec.
/// Readers need the uncompressed page size, which the page header carries.
public struct LZ4RawCodec: Codec {
    /// Creates the codec; the LZ4 block API is used at its default (fast) setting.
    public init() {}

    public var kind: BlockCompression { .lz4Raw }

    /// Appends the LZ4 block for `input` to `output`, compressing straight into the array's
    /// spare capacity. Blocks are limited to `LZ4_MAX_INPUT_SIZE` (about 2 GB).
    public func compress(_ input: UnsafeRawBufferPointer, into output: inout [UInt8]) throws {
        guard input.count <= Int(LZ4_MAX_INPUT_SIZE) else {
            throw ExtractError.blockTooLarge("lz4", size: input.count, limit: Int(LZ4_MAX_INPUT_SIZE))
        }
        let bound = Int(LZ4_compressBound(Int32(input.count)))
        try output.appendCompressed(maximumCount: bound) { destination in
            let written = input.withNonNullBase { source in
                LZ4_compress_default(
                    source.assumingMemoryBound(to: CChar.self),
                    destination.baseAddress!.assumingMemoryBound(to: CChar.self),
                    Int32(input.count),
                    Int32(destination.count)
                )
            }
            guard written > 0 else {
                throw ExtractError.compressionFailed("lz4", "LZ4_compress_default returned \(written)")
            }
            return Int(written)
        }
    }

    /// Restores one LZ4 block of exactly `uncompressedCount` bytes.
    public func decompress(_ input: UnsafeRawBufferPointer, uncompressedCount: Int, into output: inout [UInt8]) throws {
        guard input.count <= Int(Int32.max), uncompressedCount <= Int(Int32.max) else {
            throw ExtractError.decompressionFailed("lz4", "a block of \(input.count) bytes is too large")
        }
        try input.withNonNullBase { source in
            try output.appendDecompressed(count: uncompressedCount) { destination in
                let written = LZ4_decompress_safe(
                    source.assumingMemoryBound(to: CChar.self),
                    destination.baseAddress?.assumingMemoryBound(to: CChar.self),
                    Int32(input.count),
                    Int32(destination.count)
                )
                guard written >= 0 else {
                    throw ExtractError.decompressionFailed(
                        "lz4",
                        "the block is corrupt (LZ4_decompress_safe returned \(written))"
                    )
                }
                return Int(written)
            }
        }
    }
}
