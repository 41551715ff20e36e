/// Block compressions that Parquet pages may use (the Parquet `CompressionCodec` values we write).
public enum BlockCompression: String, Sendable, Hashable, CaseIterable, Codable {
    case uncompressed
    case snappy
    case gzip
    case zstd
    /// The LZ4 block format without framing (Parquet `LZ4_RAW`); never the deprecated Hadoop `LZ4`.
    case lz4Raw = "lz4_raw"
}

/// Compresses independent blocks (one Parquet page each). Implementations wrap C libraries and
/// live in ExtractFormats; ExtractCore only knows this protocol.
public protocol Codec: Sendable {
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
