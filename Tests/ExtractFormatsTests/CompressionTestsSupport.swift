import ExtractCore
import ExtractFormats
import ExtractTestSupport
import Foundation

/// Inputs every codec test runs on: edge sizes, incompressible and compressible data, and
/// sizes that straddle the chunk boundaries of the codecs (64 KiB snappy chunks, 1 MiB gzip
/// pieces and lz4 blocks, 1 MiB output buffers).
enum CompressionInput: String, CaseIterable, Sendable, CustomStringConvertible {
    case empty
    case oneByte
    case random3MiB
    case compressible10MiB
    case chunkBoundaries

    var description: String { rawValue }

    var bytes: [UInt8] {
        switch self {
        case .empty: return []
        case .oneByte: return [0x41]
        case .random3MiB: return CompressionInput.cachedRandom
        case .compressible10MiB: return CompressionInput.cachedCompressible
        case .chunkBoundaries: return CompressionInput.cachedBoundaries
        }
    }

    private static let cachedRandom = randomBytes(count: 3 << 20, seed: 0x5EED)
    private static let cachedCompressible = csvLikeBytes(count: 10 << 20)
    /// 1 MiB + 65537 + 3 bytes: random and CSV-like halves, so every codec sees a boundary
    /// inside both kinds of data.
    private static let cachedBoundaries: [UInt8] = {
        let total = (1 << 20) + 65_537 + 3
        return randomBytes(count: total / 2, seed: 42) + csvLikeBytes(count: total - total / 2)
    }()

    /// Deterministic pseudo-random bytes (SplitMix64).
    static func randomBytes(count: Int, seed: UInt64) -> [UInt8] {
        var state = seed
        return [UInt8](unsafeUninitializedCapacity: count) { buffer, initialized in
            var index = 0
            while index < count {
                state &+= 0x9E37_79B9_7F4A_7C15
                var z = state
                z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
                z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
                z ^= z >> 31
                for shift in stride(from: 0, to: 64, by: 8) where index < count {
                    buffer[index] = UInt8(truncatingIfNeeded: z >> UInt64(shift))
                    index += 1
                }
            }
            initialized = count
        }
    }

    /// CSV-like text that compresses about 5:1.
    static func csvLikeBytes(count: Int) -> [UInt8] {
        var out: [UInt8] = []
        out.reserveCapacity(count + 128)
        let cities = ["Zürich", "Genève", "Lausanne", "Basel", "Bern", "Lugano", "Chur"].map { Array($0.utf8) }
        var row = 0
        while out.count < count {
            out.append(contentsOf: Array(String(row).utf8))
            out.append(contentsOf: Array(",customer_\(row % 997),".utf8))
            out.append(contentsOf: cities[row % cities.count])
            out.append(contentsOf: Array(",\(row % 10_000).\(row % 100),\"note with, comma\"\n".utf8))
            row += 1
        }
        return Array(out.prefix(count))
    }
}

/// Compresses `input` through `codec`, writing it in pieces of `writeSize` bytes.
func streamCompress(_ codec: any StreamCodec, _ input: [UInt8], writeSize: Int = 7_919) throws -> [UInt8] {
    let memory = MemoryByteSink()
    let sink = try codec.makeCompressor(writingTo: memory)
    try input.withUnsafeBytes { all in
        var offset = 0
        while offset < all.count {
            let end = min(offset + writeSize, all.count)
            try sink.write(UnsafeRawBufferPointer(rebasing: all[offset..<end]))
            offset = end
        }
    }
    try sink.finish()
    guard memory.isFinished else { throw TestFailure("\(codec.name) did not finish the sink below") }
    return memory.bytes
}

/// Writes `compressed` and `expected` to files and runs `command` (a shell snippet that gets the
/// compressed file as `$1`, the expected file as `$2`); returns its result.
func checkWithTool(_ command: String, compressed: [UInt8], expected: [UInt8]) throws -> ProcessResult {
    let dir = try TemporaryDirectory("codec-test")
    defer { dir.remove() }
    let compressedFile = dir.file("compressed")
    let expectedFile = dir.file("expected")
    try Data(compressed).write(to: compressedFile)
    try Data(expected).write(to: expectedFile)
    return try run("/bin/sh", ["-c", command, "sh", compressedFile.path, expectedFile.path])
}

/// Whether the reference Python (with cramjam and python-snappy) is there.
let referencePythonAvailable = FileManager.default.isExecutableFile(atPath: TestEnvironment.python)
