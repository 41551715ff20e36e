/// Block compressions that Parquet pages may use (the Parquet `CompressionCodec` values we write).
public enum BlockCompression: String, Sendable, Hashable, CaseIterable, Codable {
    case uncompressed
    case snappy
    case gzip
    case zstd
    /// The LZ4 block format without framing (Parquet `LZ4_RAW`); never the deprecated Hadoop `LZ4`.
    case lz4Raw = "lz4_raw"
}

/// Restores independent compressed blocks (one Parquet page each).
public protocol BlockDecompressor: Sendable {
    /// Appends the decompressed form of `input` to `output`. `uncompressedCount` is the size the
    /// block must have (Parquet page headers carry it); any other size is an error, so a corrupt
    /// block can never make the output grow past it.
    func decompress(_ input: UnsafeRawBufferPointer, uncompressedCount: Int, into output: inout [UInt8]) throws
}

/// Compresses and decompresses independent blocks (one Parquet page each). Implementations wrap
/// C libraries and live in ExtractFormats; ExtractCore only knows this protocol.
public protocol Codec: BlockDecompressor {
    /// Which compression this is.
    var kind: BlockCompression { get }
    /// Appends the compressed form of `input` to `output`.
    func compress(_ input: UnsafeRawBufferPointer, into output: inout [UInt8]) throws
}

/// The codec that stores blocks as they are.
public struct UncompressedCodec: Codec {
    public init() {}
    public var kind: BlockCompression { .uncompressed }
    public func compress(_ input: UnsafeRawBufferPointer, into output: inout [UInt8]) throws {
        output.append(contentsOf: input)
    }
    public func decompress(_ input: UnsafeRawBufferPointer, uncompressedCount: Int, into output: inout [UInt8]) throws {
        guard input.count == uncompressedCount else {
            throw ExtractError(
                .compression,
                "an uncompressed block has \(input.count) bytes where its header says \(uncompressedCount); the file is corrupt"
            )
        }
        output.append(contentsOf: input)
    }
}

/// Hands the Parquet reader the decompressor for each page codec. ExtractFormats'
/// `BlockCodecs.decompressors` knows every codec the project links; ExtractCore alone
/// (``UncompressedOnlyDecompressors``) reads only uncompressed files.
public protocol ParquetDecompressorProvider: Sendable {
    /// The decompressor for `codec`, or `nil` when this build cannot decompress it (the reader
    /// then refuses the column by name).
    func decompressor(for codec: ParquetCompressionCodec) -> (any BlockDecompressor)?
}

/// Decompresses nothing: only `UNCOMPRESSED` column chunks can be read.
public struct UncompressedOnlyDecompressors: ParquetDecompressorProvider {
    public init() {}
    public func decompressor(for codec: ParquetCompressionCodec) -> (any BlockDecompressor)? {
        codec == .uncompressed ? UncompressedCodec() : nil
    }
}

/// A whole-file streaming compression (gzip, zstd, lz4 frame, snappy framing). Implementations
/// live in ExtractFormats.
public protocol StreamCodec: Sendable {
    /// A short name for messages: `gzip`, `zstd`, `lz4`, `snappy`.
    var name: String { get }
    /// The usual file-name suffix, without dot: `gz`, `zst`, `lz4`, `sz`.
    var fileExtension: String { get }
    /// A sink that compresses what it is given and writes the result to `downstream`;
    /// its ``ByteSink/finish()`` writes the trailer and finishes `downstream`.
    func makeCompressor(writingTo downstream: any ByteSink) throws -> any ByteSink
}
