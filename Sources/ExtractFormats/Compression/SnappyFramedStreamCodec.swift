import ExtractCore

/// Whole-file snappy in the snappy *framing* format (`.sz`; google/snappy framing_format.txt),
/// as python-snappy's `StreamCompressor`, `snzip -t snappy-framed` and Hadoop-free readers use it.
///
/// The stream starts with the stream identifier chunk (`sNaPpY`); then each piece of at most
/// 65536 input bytes becomes a compressed chunk, or an uncompressed chunk when snappy would not
/// make it smaller, each carrying the masked CRC-32C of its uncompressed bytes. Snappy has no
/// levels.
public struct SnappyFramedStreamCodec: StreamCodec {
    public init() {}

    public var name: String { "snappy" }
    public var fileExtension: String { "sz" }

    public func makeCompressor(writingTo downstream: any ByteSink) throws -> any ByteSink {
        SnappyFramedCompressor(downstream: downstream)
    }
}
