import ExtractCore
import ExtractFormats
import ExtractTestSupport
import Foundation
import Testing

/// Every block codec configuration the tests run.
enum BlockCase: String, CaseIterable, Sendable, CustomStringConvertible {
    case snappy, gzip, gzipLevel1, gzipLevel9, zstd, zstdLevel19, lz4Raw, uncompressed

    var description: String { rawValue }

    var codec: any Codec {
        switch self {
        case .snappy: BlockCodecs.make(.snappy)
        case .gzip: BlockCodecs.make(.gzip)
        case .gzipLevel1: BlockCodecs.make(.gzip, level: 1)
        case .gzipLevel9: BlockCodecs.make(.gzip, level: 9)
        case .zstd: BlockCodecs.make(.zstd)
        case .zstdLevel19: BlockCodecs.make(.zstd, level: 19)
        case .lz4Raw: BlockCodecs.make(.lz4Raw)
        case .uncompressed: BlockCodecs.make(.uncompressed)
        }
    }
}

/// Decompresses `$1` as the block kind in `$3` with the Python readers and compares with `$2`.
private let blockCheckScript = """
    import sys, zlib, gzip, cramjam, snappy
    data = open(sys.argv[1], "rb").read(); expected = open(sys.argv[2], "rb").read(); kind = sys.argv[3]
    if kind == "snappy":
        out = bytes(cramjam.snappy.decompress_raw(data))
        assert snappy.uncompress(data) == expected, "python-snappy differs"
    elif kind == "gzip":
        d = zlib.decompressobj(31); out = d.decompress(data) + d.flush()
        assert d.eof and d.unused_data == b"", "not exactly one gzip member"
        assert gzip.decompress(data) == expected
    elif kind == "zstd":
        out = bytes(cramjam.zstd.decompress(data))
    elif kind == "lz4_raw":
        out = bytes(cramjam.lz4.decompress_block(data, output_len=len(expected))) if expected else (
            b"" if data == b"\\x00" else None)
    elif kind == "uncompressed":
        out = data
    assert out == expected, "%s: %r bytes, expected %d" % (kind, None if out is None else len(out), len(expected))
    """

@Suite(.enabled(if: referencePythonAvailable, "needs the reference Python (.venv with cramjam, python-snappy)"))
struct CompressionBlockCodecTests {
    @Test(arguments: BlockCase.allCases, CompressionInput.allCases)
    func pythonDecompresses(_ blockCase: BlockCase, _ input: CompressionInput) throws {
        let expected = input.bytes
        let prefix: [UInt8] = [0xAB, 0xCD, 0xEF]
        var output = prefix
        try expected.withUnsafeBytes { try blockCase.codec.compress($0, into: &output) }
        #expect(Array(output.prefix(3)) == prefix, "compress must append, not overwrite")
        let compressed = Array(output.dropFirst(3))
        let result = try checkWithTool(
            "\"\(TestEnvironment.python)\" -c '\(blockCheckScript)' \"$1\" \"$2\" \(blockCase.codec.kind.rawValue)",
            compressed: compressed,
            expected: expected
        )
        #expect(result.status == 0, "\(blockCase) on \(input): \(result.output)")
        if input == .compressible10MiB && blockCase != .uncompressed {
            #expect(compressed.count < expected.count / 3)
        }
    }

    /// Pages appended one after another stay independently decodable.
    @Test(arguments: BlockCase.allCases)
    func appendsSeveralBlocks(_ blockCase: BlockCase) throws {
        let pages = [CompressionInput.csvLikeBytes(count: 10_000), CompressionInput.randomBytes(count: 5_000, seed: 3)]
        var output: [UInt8] = []
        var ends: [Int] = []
        for page in pages {
            try page.withUnsafeBytes { try blockCase.codec.compress($0, into: &output) }
            ends.append(output.count)
        }
        let second = Array(output[ends[0]..<ends[1]])
        let result = try checkWithTool(
            "\"\(TestEnvironment.python)\" -c '\(blockCheckScript)' \"$1\" \"$2\" \(blockCase.codec.kind.rawValue)",
            compressed: second,
            expected: pages[1]
        )
        #expect(result.status == 0, "\(blockCase): \(result.output)")
    }
}

@Suite struct CompressionBlockCodecFactoryTests {
    @Test func factoryMakesEveryKind() {
        for kind in BlockCompression.allCases {
            #expect(BlockCodecs.make(kind, level: nil).kind == kind)
        }
        #expect((BlockCodecs.make(.gzip, level: 9) as? GzipCodec)?.level == 9)
        #expect((BlockCodecs.make(.gzip, level: nil) as? GzipCodec)?.level == 6)
        #expect((BlockCodecs.make(.zstd, level: nil) as? ZstdCodec)?.level == 3)
        #expect((BlockCodecs.make(.zstd, level: 12) as? ZstdCodec)?.level == 12)
        #expect(BlockCodecs.levels(for: .gzip) == 0...9)
        #expect(BlockCodecs.levels(for: .zstd)?.upperBound == 22)
        #expect(BlockCodecs.levels(for: .snappy) == nil)
    }

    @Test func userLevelsResolvePerKind() throws {
        #expect((try BlockCodecs.make(.gzip, compressionLevel: .maximum) as? GzipCodec)?.level == 9)
        #expect((try BlockCodecs.make(.gzip, compressionLevel: .minimum) as? GzipCodec)?.level == 1)
        #expect((try BlockCodecs.make(.zstd, compressionLevel: .maximum) as? ZstdCodec)?.level == 19)
        #expect((try BlockCodecs.make(.zstd, compressionLevel: nil) as? ZstdCodec)?.level == 3)
        #expect(try BlockCodecs.make(.snappy, compressionLevel: .maximum).kind == .snappy)
        #expect(try BlockCodecs.make(.lz4Raw, compressionLevel: .normal).kind == .lz4Raw)
        let snappy = #expect(throws: ExtractError.self) { try BlockCodecs.make(.snappy, compressionLevel: .number(3)) }
        #expect(snappy?.message.contains("no compression level") == true)
        let gzip = #expect(throws: ExtractError.self) { try BlockCodecs.make(.gzip, compressionLevel: .number(12)) }
        #expect(gzip?.message.contains("0 to 9") == true)
    }

    /// A codec value is shared by the tasks that encode column chunks in parallel: each call
    /// has its own state, so concurrent calls give the same bytes as serial ones.
    @Test(arguments: BlockCase.allCases)
    func concurrentUseGivesTheSameBytes(_ blockCase: BlockCase) async throws {
        let codec = blockCase.codec
        let pages = (0..<8).map { CompressionInput.csvLikeBytes(count: 200_000 + $0 * 1_000) }
        let serial = try pages.map { page in
            var out: [UInt8] = []
            try page.withUnsafeBytes { try codec.compress($0, into: &out) }
            return out
        }
        let concurrent = try await withThrowingTaskGroup(of: (Int, [UInt8]).self) { group in
            for (index, page) in pages.enumerated() {
                group.addTask {
                    var out: [UInt8] = []
                    try page.withUnsafeBytes { try codec.compress($0, into: &out) }
                    return (index, out)
                }
            }
            var results = [[UInt8]](repeating: [], count: pages.count)
            for try await (index, out) in group { results[index] = out }
            return results
        }
        #expect(concurrent == serial)
    }

    /// Out-of-range levels are clamped rather than passed to the library.
    @Test func levelsAreClamped() {
        #expect(GzipCodec(level: 42).level == 9)
        #expect(GzipCodec(level: -3).level == 0)
        #expect(ZstdCodec(level: 99).level == 22)
        #expect(ZstdCodec(level: 0).level == 3)
    }
}
