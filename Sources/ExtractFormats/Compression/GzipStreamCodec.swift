import ExtractCore

/// Whole-file gzip (`.gz`, RFC 1952) through zlib.
///
/// zlib's level 6 runs at about 26 MB/s per core, far slower than reading a database, so a
/// gzip extract is compressor-bound. With ``parallelism`` above 1 the input is cut into
/// independent 1 MiB pieces compressed on background threads and written as concatenated gzip
/// members (valid gzip: `gzip -d`, zlib, Python, Java and Spark read all members).
///
/// ```swift
/// let gzip = try GzipStreamCodec(level: .maximum)
/// let sink = try gzip.makeCompressor(writingTo: try AtomicFile(path: "out.csv.gz"))
/// ```
public struct GzipStreamCodec: StreamCodec {
    /// The zlib level, 0...9.
    public let level: Int
    /// Compression threads: 1 compresses on the caller's thread as one gzip member; more
    /// compresses 1 MiB pieces on that many background threads as concatenated members.
    public let parallelism: Int

    /// Creates the codec.
    /// - Parameters:
    ///   - level: minimum = 1, normal = 6, maximum = 9, or a number 0...9.
    ///   - parallelism: compression threads (1 by default); see the type's documentation.
    /// - Throws: ``ExtractError`` (`invalidArgument`) for a level outside 0...9 or a parallelism below 1.
    public init(level: CompressionLevel = .normal, parallelism: Int = 1) throws {
        self.level = try level.resolved(for: "gzip")
        guard parallelism >= 1 else {
            throw ExtractError(.invalidArgument, "gzip parallelism must be at least 1", context: .init(value: String(parallelism)))
        }
        self.parallelism = parallelism
    }

    public var name: String { "gzip" }
    public var fileExtension: String { "gz" }

    public func makeCompressor(writingTo downstream: any ByteSink) throws -> any ByteSink {
        if parallelism > 1 {
            return ParallelGzipCompressor(level: level, threads: parallelism, downstream: downstream)
        }
        return try DeflateCompressor(format: .gzip, level: level, downstream: downstream)
    }
}
