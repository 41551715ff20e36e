import ExtractCore

/// Whole-file gzip (`.gz`, RFC 1952) through zlib.
///
/// zlib's level 6 runs at about 26 MB/s per core, far slower than reading a database, so a
/// gzip extract is compressor-bound. With ``parallelism`` above 1 the input is cut into
/// independent 1 MiB pieces compressed on background threads and written as concatenated gzip
/// members (valid gzip: `gzip -d`, zlib, Python, Java and Spark read all members).
///
/// Measured (release, 58 MB CSV of the shared `orders_bench` dataset, level 6): serial 1.95 to
/// 2.03 s of CPU (about 29 MB/s per core), ratio 3.30; two threads use the same CPU in total
/// (2.00 to 2.05 s), ratio 3.28, and both threads do compress at once. The wall-clock gain
/// needs a free core: on the shared build machine (load 6 to 11, and Linux autogroup scheduling
/// gives each session a fixed share whatever its thread count) parallel was *not* faster
/// (4.0 to 4.7 s against 3.0 to 3.8 s serial), so the default stays 1. Use zstd (level 3: same
/// ratio, about 6 times less CPU) when the consumer allows it.
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
            throw ExtractError(
                .invalidArgument,
                "gzip parallelism must be at least 1",
                context: .init(value: String(parallelism))
            )
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
