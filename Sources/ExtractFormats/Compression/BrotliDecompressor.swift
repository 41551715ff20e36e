import CExtractBrotli
import ExtractCore

/// Parquet `BROTLI` pages (read only: the writer offers the codecs of ``BlockCompression``).
/// Each page is one brotli stream, decoded in one call of libbrotlidec.
struct BrotliDecompressor: BlockDecompressor {
    func decompress(_ input: UnsafeRawBufferPointer, uncompressedCount: Int, into output: inout [UInt8]) throws {
        try input.withNonNullBase { source in
            try output.appendDecompressed(count: uncompressedCount) { destination in
                var placeholder: UInt8 = 0
                var size = destination.count
                let result = withUnsafeMutableBytes(of: &placeholder) { spare in
                    BrotliDecoderDecompress(
                        input.count,
                        source.assumingMemoryBound(to: UInt8.self),
                        &size,
                        (destination.baseAddress ?? spare.baseAddress!).assumingMemoryBound(to: UInt8.self)
                    )
                }
                guard result == BROTLI_DECODER_RESULT_SUCCESS else {
                    throw ExtractError.decompressionFailed(
                        "brotli",
                        "the block does not decode to \(uncompressedCount) bytes"
                    )
                }
                return size
            }
        }
    }
}
