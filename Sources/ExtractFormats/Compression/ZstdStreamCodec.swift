import ExtractCore

/// Whole-file zstd (`.zst`): one zstd frame with a content checksum, as the `zstd` tool writes.
///
/// Levels: minimum = 1, normal = 3 (zstd's default), maximum = 19, or a number 1...22.
/// 19 is the highest level the `zstd` tool offers without `--ultra`; 20...22 use windows of
/// up to 128 MiB and are much slower. zstd at level 3 compresses CSV about as well as gzip 6
/// at about 7× the speed.
///
/// Measured (release, 58 MB CSV of the shared `orders_bench` dataset, CPU seconds): level 1
/// 0.19 s (ratio 3.15), level 3 0.34 s (3.32; gzip 6 needs 1.95 s for 3.30), level 19 56 s
/// (5.13: about 1 MB/s per core, for archives only). Worker threads (``parallelism``) showed no
/// wall-clock gain on the loaded shared machine, for the reason given at ``GzipStreamCodec``.
public struct ZstdStreamCodec: StreamCodec {
    /// The zstd level, 1...22.
    public let level: Int
    /// Compression threads: 1 compresses on the caller's thread; more lets libzstd compress on
    /// that many worker threads (`ZSTD_c_nbWorkers`), still as one ordinary frame.
    public let parallelism: Int

    /// Creates the codec.
    /// - Throws: ``ExtractError`` (`invalidArgument`) for a level outside 1...22 or a parallelism below 1.
    public init(level: CompressionLevel = .normal, parallelism: Int = 1) throws {
        self.level = try level.resolved(for: "zstd")
        guard parallelism >= 1 else {
            throw ExtractError(
                .invalidArgument,
                "zstd parallelism must be at least 1",
                context: .init(value: String(parallelism))
            )
        }
        self.parallelism = parallelism
    }

    public var name: String { "zstd" }
    public var fileExtension: String { "zst" }

    public func makeCompressor(writingTo downstream: any ByteSink) throws -> any ByteSink {
        try ZstdCompressor(level: level, workers: parallelism > 1 ? parallelism : 0, downstream: downstream)
    }
}
