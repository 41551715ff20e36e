import Benchmark
import BenchmarkSupport
import ExtractCore
import ExtractFormats

/// Compression speed on CSV text of the orders_bench shape, in MB/s of input.
///
/// * Block codecs (Parquet pages): one `compress` call per 1 MiB block, 8 blocks per iteration.
/// * Stream codecs (whole-file compression of text extracts): an 8 MiB stream written in
///   256 KiB chunks, compressor made and finished inside the iteration, default level,
///   one thread (gzip also with 2 threads, its parallel-members mode).
let benchmarks: @Sendable () -> Void = {
    let block = 1 << 20
    let blocks = 8
    let textData = Lazy { OrdersShape.csvText(byteCount: block * blocks) }
    let config = shortRun(.megabytesPerSecond)

    let blockKinds: [BlockCompression] = [.snappy, .lz4Raw, .zstd, .gzip]
    for kind in blockKinds {
        let codec = BlockCodecs.make(kind)
        Benchmark("block \(kind.rawValue) 1 MiB pages", configuration: config) { benchmark in
            let text = textData.value
            var output: [UInt8] = []
            output.reserveCapacity(block + block / 4)
            var compressed = 0
            try text.withUnsafeBytes { all in
                try rate(benchmark, .megabytesPerSecond, amount: block * blocks) {
                    for i in 0..<blocks {
                        output.removeAll(keepingCapacity: true)
                        try codec.compress(
                            UnsafeRawBufferPointer(rebasing: all[(i * block)..<((i + 1) * block)]),
                            into: &output
                        )
                        compressed += output.count
                    }
                }
            }
            blackHole(compressed)
        }
    }

    let streams: [(label: String, name: String, parallelism: Int)] = [
        ("gzip", "gzip", 1), ("gzip 2 threads", "gzip", 2), ("zstd", "zstd", 1), ("lz4", "lz4", 1),
        ("snappy", "snappy", 1),
    ]
    let chunk = 256 << 10
    for stream in streams {
        Benchmark("stream \(stream.label) 8 MiB", configuration: config) { benchmark in
            let text = textData.value
            guard
                let codec = try StreamCodecs.make(
                    OutputCompression(kind: try OutputCompression.Kind(parsing: stream.name)),
                    parallelism: stream.parallelism
                )
            else { return }
            let counter = NullByteSink()
            try text.withUnsafeBytes { all in
                try rate(benchmark, .megabytesPerSecond, amount: all.count) {
                    let compressor = try codec.makeCompressor(writingTo: counter)
                    var start = 0
                    while start < all.count {
                        let end = min(start + chunk, all.count)
                        try compressor.write(UnsafeRawBufferPointer(rebasing: all[start..<end]))
                        start = end
                    }
                    try compressor.finish()
                }
            }
            blackHole(counter.byteCount)
        }
    }

    // Not a codec, but the other per-byte pass on the output side: DelimitedSink fingerprints
    // every file it writes (OutputFile.sha256) with ExtractCore's SHA256.
    Benchmark("SHA-256 (HashingByteSink) 8 MiB", configuration: config) { benchmark in
        let text = textData.value
        let counter = NullByteSink()
        try text.withUnsafeBytes { all in
            try rate(benchmark, .megabytesPerSecond, amount: all.count) {
                let hashing = HashingByteSink(counter)
                var start = 0
                while start < all.count {
                    let end = min(start + chunk, all.count)
                    try hashing.write(UnsafeRawBufferPointer(rebasing: all[start..<end]))
                    start = end
                }
                return hashing.digest
            }
        }
    }
}
