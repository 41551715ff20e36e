import CExtractLZ4
import ExtractCore

extension BlockCodecs {
    /// Every page codec this build decompresses: UNCOMPRESSED, SNAPPY, GZIP, ZSTD, LZ4_RAW,
    /// BROTLI and the deprecated LZ4 (Hadoop framing or a raw block). LZO is refused by name.
    public static let decompressors: any ParquetDecompressorProvider = StandardDecompressors()
}

/// The decompressors of ``BlockCodecs/decompressors``.
struct StandardDecompressors: ParquetDecompressorProvider {
    func decompressor(for codec: ParquetCompressionCodec) -> (any BlockDecompressor)? {
        switch codec {
        case .uncompressed: UncompressedCodec()
        case .snappy: SnappyCodec()
        case .gzip: GzipCodec()
        case .zstd: ZstdCodec()
        case .lz4Raw: LZ4RawCodec()
        case .lz4: LegacyLZ4Decompressor()
        case .brotli: BrotliDecompressor()
        case .lzo: nil
        }
    }
}

/// Parquet's deprecated `LZ4` codec. parquet-mr wrote Hadoop's framing (repeated big-endian
/// uncompressed length, compressed length, LZ4 block); other writers wrote one raw LZ4 block.
/// Like Arrow, try the Hadoop framing first and fall back to a raw block.
struct LegacyLZ4Decompressor: BlockDecompressor {
    func decompress(_ input: UnsafeRawBufferPointer, uncompressedCount: Int, into output: inout [UInt8]) throws {
        let start = output.count
        if (try? hadoop(input, uncompressedCount: uncompressedCount, into: &output)) != nil { return }
        output.removeSubrange(start...)
        try LZ4RawCodec().decompress(input, uncompressedCount: uncompressedCount, into: &output)
    }

    private func hadoop(_ input: UnsafeRawBufferPointer, uncompressedCount: Int, into output: inout [UInt8]) throws {
        func be32(_ at: Int) -> Int {
            Int(input[at]) << 24 | Int(input[at + 1]) << 16 | Int(input[at + 2]) << 8 | Int(input[at + 3])
        }
        var position = 0
        var produced = 0
        while position < input.count {
            guard input.count - position >= 8 else { throw ExtractError.decompressionFailed("lz4", "no Hadoop frame") }
            let expected = be32(position)
            let compressed = be32(position + 4)
            position += 8
            guard compressed <= input.count - position, expected <= uncompressedCount - produced else {
                throw ExtractError.decompressionFailed("lz4", "no Hadoop frame")
            }
            try LZ4RawCodec().decompress(
                UnsafeRawBufferPointer(rebasing: input[position..<(position + compressed)]),
                uncompressedCount: expected,
                into: &output
            )
            position += compressed
            produced += expected
        }
        guard produced == uncompressedCount else { throw ExtractError.decompressionFailed("lz4", "no Hadoop frame") }
    }
}
