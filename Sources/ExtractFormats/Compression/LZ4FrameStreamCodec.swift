import ExtractCore

/// Whole-file LZ4 in the LZ4 *frame* format (`.lz4`), as the `lz4` tool reads and writes it:
/// 1 MiB independent blocks and a content checksum.
///
/// Levels: minimum = normal = 1 (LZ4's fast mode, the `lz4` tool's default), maximum = 12, or a
/// number 1...12 (1 and 2 are the fast mode, 3...12 LZ4 HC, slower to write, as fast to read).
public struct LZ4FrameStreamCodec: StreamCodec {
    /// The LZ4 frame compression level, 1...12.
    public let level: Int

    /// Creates the codec.
    /// - Throws: ``ExtractError`` (`invalidArgument`) for a level outside 1...12.
    public init(level: CompressionLevel = .normal) throws {
        self.level = try level.resolved(for: "lz4")
    }

    public var name: String { "lz4" }
    public var fileExtension: String { "lz4" }

    public func makeCompressor(writingTo downstream: any ByteSink) throws -> any ByteSink {
        try LZ4FrameCompressor(level: level, downstream: downstream)
    }
}
