import ExtractCore
import ExtractFormats
import ExtractTestSupport
import Foundation
import Testing

/// Every stream codec configuration the tests run; the real tools decompress what we wrote.
enum StreamCase: String, CaseIterable, Sendable, CustomStringConvertible {
    case gzip, gzipMinimum, gzipMaximum, gzipParallel
    case zstd, zstdMaximum, zstdThreads
    case lz4, lz4HC
    case snappy

    var description: String { rawValue }

    func codec() throws -> any StreamCodec {
        switch self {
        case .gzip: try GzipStreamCodec()
        case .gzipMinimum: try GzipStreamCodec(level: .minimum)
        case .gzipMaximum: try GzipStreamCodec(level: .maximum)
        case .gzipParallel: try GzipStreamCodec(level: .normal, parallelism: 2)
        case .zstd: try ZstdStreamCodec()
        case .zstdMaximum: try ZstdStreamCodec(level: .number(19))
        case .zstdThreads: try ZstdStreamCodec(level: .normal, parallelism: 2)
        case .lz4: try LZ4FrameStreamCodec()
        case .lz4HC: try LZ4FrameStreamCodec(level: .number(9))
        case .snappy: SnappyFramedStreamCodec()
        }
    }

    /// A shell check: decompress `$1` with the real tool and compare with `$2`.
    var toolCheck: String {
        switch self {
        case .gzip, .gzipMinimum, .gzipMaximum, .gzipParallel:
            #"gzip -t "$1" && gzip -dc "$1" | cmp -s - "$2""#
        case .zstd, .zstdMaximum, .zstdThreads:
            #"zstd -q -t "$1" && zstd -q -dc "$1" | cmp -s - "$2""#
        case .lz4, .lz4HC:
            #"lz4 -q -t "$1" && lz4 -q -dc "$1" | cmp -s - "$2""#
        case .snappy:
            // python-snappy's StreamDecompressor and cramjam's framed decoder (both verify the CRCs).
            "\"\(TestEnvironment.python)\" -c '\(snappyCheckScript)' \"$1\" \"$2\""
        }
    }
}

private let snappyCheckScript = """
    import sys, snappy, cramjam
    data = open(sys.argv[1], "rb").read(); expected = open(sys.argv[2], "rb").read()
    assert data[:10] == b"\\xff\\x06\\x00\\x00sNaPpY", "no stream identifier"
    d = snappy.StreamDecompressor(); out = d.decompress(data); d.flush()
    assert out == expected, "python-snappy: %d bytes, expected %d" % (len(out), len(expected))
    assert bytes(cramjam.snappy.decompress(data)) == expected, "cramjam differs"
    i = 10
    while i < len(data):
        kind = data[i]; length = int.from_bytes(data[i + 1:i + 4], "little")
        assert kind in (0, 1), "chunk type %d" % kind
        raw = len(snappy.uncompress(data[i + 8:i + 4 + length])) if kind == 0 else length - 4
        assert raw <= 65536, "chunk of %d bytes" % raw
        i += 4 + length
    """

@Suite struct CompressionStreamCodecTests {
    @Test(arguments: StreamCase.allCases, CompressionInput.allCases)
    func realToolDecompresses(_ streamCase: StreamCase, _ input: CompressionInput) throws {
        if streamCase == .snappy && !referencePythonAvailable { return }
        let expected = input.bytes
        let compressed = try streamCompress(try streamCase.codec(), expected)
        let result = try checkWithTool(streamCase.toolCheck, compressed: compressed, expected: expected)
        #expect(result.status == 0, "\(streamCase) on \(input): \(result.output)")
        if input == .compressible10MiB {
            #expect(
                compressed.count < expected.count / 3,
                "\(streamCase) compressed 10 MiB of CSV to only \(compressed.count) bytes"
            )
        }
    }

    /// Tiny writes (one byte at a time) across the 64 KiB snappy chunk and other boundaries.
    @Test(arguments: StreamCase.allCases)
    func byteAtATimeWrites(_ streamCase: StreamCase) throws {
        if streamCase == .snappy && !referencePythonAvailable { return }
        let expected = CompressionInput.csvLikeBytes(count: 65_536 + 4_099)
        let compressed = try streamCompress(try streamCase.codec(), expected, writeSize: 1)
        let result = try checkWithTool(streamCase.toolCheck, compressed: compressed, expected: expected)
        #expect(result.status == 0, "\(streamCase): \(result.output)")
    }

    /// One write larger than every internal buffer.
    @Test(arguments: StreamCase.allCases)
    func oneHugeWrite(_ streamCase: StreamCase) throws {
        if streamCase == .snappy && !referencePythonAvailable { return }
        let expected = CompressionInput.compressible10MiB.bytes
        let compressed = try streamCompress(try streamCase.codec(), expected, writeSize: expected.count)
        let result = try checkWithTool(streamCase.toolCheck, compressed: compressed, expected: expected)
        #expect(result.status == 0, "\(streamCase): \(result.output)")
    }

    @Test(arguments: StreamCase.allCases)
    func writeAfterFinishThrows(_ streamCase: StreamCase) throws {
        let sink = try streamCase.codec().makeCompressor(writingTo: MemoryByteSink())
        try sink.write([1, 2, 3])
        try sink.finish()
        #expect(throws: ExtractError.self) { try sink.write([4]) }
        #expect(throws: ExtractError.self) { try sink.finish() }
    }

    /// The framing's CRCs are real: a reader rejects a stream whose CRC we corrupt, so the
    /// passing round-trips above do check our CRC-32C.
    @Test func snappyReaderRejectsCorruptedChecksum() throws {
        guard referencePythonAvailable else { return }
        let expected = CompressionInput.csvLikeBytes(count: 1000)
        var compressed = try streamCompress(SnappyFramedStreamCodec(), expected)
        #expect(try checkWithTool(StreamCase.snappy.toolCheck, compressed: compressed, expected: expected).status == 0)
        compressed[10 + 4] ^= 0x01  // first byte of the first chunk's masked CRC
        let result = try checkWithTool(StreamCase.snappy.toolCheck, compressed: compressed, expected: expected)
        #expect(result.status != 0)
    }

    /// Parallel gzip writes independent members of 1 MiB each, in order.
    @Test func parallelGzipWritesOneMemberPerMiB() throws {
        let expected = CompressionInput.compressible10MiB.bytes
        let compressed = try streamCompress(try GzipStreamCodec(parallelism: 2), expected)
        let members = compressed.indices.dropLast(2).filter {
            compressed[$0] == 0x1F && compressed[$0 + 1] == 0x8B && compressed[$0 + 2] == 0x08
        }
        #expect(members.count >= 10)
        let serial = try streamCompress(try GzipStreamCodec(), expected)
        // Independent 1 MiB members cost little ratio.
        #expect(Double(compressed.count) < Double(serial.count) * 1.02)
    }

    @Test func namesAndExtensions() throws {
        let expectations: [(String, String, String)] = [
            ("gzip", "gzip", "gz"), ("zstd", "zstd", "zst"),
            ("lz4", "lz4", "lz4"), ("snappy", "snappy", "sz"),
        ]
        for (name, codecName, suffix) in expectations {
            let codec = try #require(try streamCodec(name))
            #expect(codec.name == codecName)
            #expect(codec.fileExtension == suffix)
        }
        #expect(try streamCodec("none") == nil)
        #expect(try streamCodec("NONE", level: .maximum) == nil)
        let gzip = try #require(try streamCodec("GZIP", level: .maximum) as? GzipStreamCodec)
        #expect(gzip.level == 9)
        let zstd = try #require(try streamCodec("zstd", level: .minimum) as? ZstdStreamCodec)
        #expect(zstd.level == 1)
        let lz4 = try #require(try streamCodec("lz4", level: .number(12)) as? LZ4FrameStreamCodec)
        #expect(lz4.level == 12)
    }

    @Test func factoryRejectsUnknownNamesAndBadLevels() {
        let brotli = #expect(throws: ExtractError.self) { try streamCodec("brotli") }
        #expect(brotli?.code == .unsupported)
        let unknown = #expect(throws: ExtractError.self) { try streamCodec("lzma") }
        #expect(unknown?.code == .invalidArgument)
        #expect(unknown?.description.contains("lzma") == true)
        #expect(unknown?.description.contains("gzip") == true)
        let zip = #expect(throws: ExtractError.self) { try streamCodec("zip") }
        #expect(zip?.description.contains("ZipArchiveWriter") == true)
        let level = #expect(throws: ExtractError.self) { try streamCodec("gzip", level: .number(10)) }
        #expect(level?.code == .invalidArgument)
        #expect(level?.description.contains("0 to 9") == true)
        let snappy = #expect(throws: ExtractError.self) { try streamCodec("snappy", level: .number(3)) }
        #expect(snappy?.description.contains("snappy has no compression levels") == true)
        #expect(throws: ExtractError.self) { try GzipStreamCodec(parallelism: 0) }
    }
}

/// The stream codec a user names (`gz`, `ZSTD`, ...), through the one name parser.
func streamCodec(_ name: String, level: CompressionLevel = .normal) throws -> (any StreamCodec)? {
    try StreamCodecs.make(OutputCompression(kind: try OutputCompression.Kind(parsing: name), level: level))
}
