import ExtractCore
import ExtractTestSupport
import Foundation
import Testing

/// SHA-256 against the FIPS 180-2 / NIST test vectors and the system's `sha256sum`.
@Suite struct SHA256Tests {
    @Test func knownVectors() {
        #expect(
            SHA256.hash(Array("".utf8)).hexString
                == "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"
        )
        #expect(
            SHA256.hash(Array("abc".utf8)).hexString
                == "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"
        )
        #expect(
            SHA256.hash(Array("abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq".utf8)).hexString
                == "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1"
        )
        #expect(
            SHA256.hash(
                Array(
                    ("abcdefghbcdefghicdefghijdefghijkefghijklfghijklmghijklmn"
                        + "hijklmnoijklmnopjklmnopqklmnopqrlmnopqrsmnopqrstnopqrstu").utf8
                )
            ).hexString
                == "cf5b16a778af8380036ce59e7b0492370b249b11e8f07a51afac45037afee9d1"
        )
        #expect(
            SHA256.hash([UInt8](repeating: 0x61, count: 1_000_000)).hexString
                == "cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0"
        )
    }

    /// Every length around the padding boundaries, fed in one piece and in uneven pieces, against sha256sum.
    @Test func chunkingAndPaddingMatchSha256sum() throws {
        let tmp = try TemporaryDirectory("sha")
        defer { tmp.remove() }
        var rng = SystemRandomNumberGenerator()
        for length in [1, 55, 56, 57, 63, 64, 65, 119, 120, 127, 128, 129, 1000, 70_001] {
            let bytes = (0..<length).map { _ in UInt8.random(in: 0...255, using: &rng) }
            let file = tmp.file("data-\(length)")
            try Data(bytes).write(to: file)
            let system = try run("sha256sum", [file.path])
            #expect(system.status == 0)
            let expected = String(system.stdout.prefix(64))
            #expect(SHA256.hash(bytes).hexString == expected, "length \(length)")
            var hash = SHA256()
            var offset = 0
            var step = 1
            while offset < bytes.count {
                let end = min(bytes.count, offset + step)
                hash.update(bytes[offset..<end])
                offset = end
                step = step * 3 % 97 + 1
            }
            #expect(hash.finalize().hexString == expected, "chunked, length \(length)")
        }
    }

    @Test func hashingSinkForwardsCountsAndHashes() throws {
        let memory = MemoryByteSink()
        let sink = HashingByteSink(memory)
        try sink.write(Array("ab".utf8))
        try sink.write(Array("c".utf8))
        try sink.finish()
        #expect(memory.isFinished)
        #expect(memory.bytes == Array("abc".utf8))
        #expect(sink.byteCount == 3)
        #expect(sink.digest.hexString == "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad")
    }
}
