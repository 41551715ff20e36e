import ExtractFormats
import Testing

@Suite struct CompressionCRC32CTests {
    /// Check values from RFC 3720 (iSCSI) appendix B.4 and the common "123456789" check.
    @Test func knownVectors() {
        #expect(CRC32C.checksum(Array("123456789".utf8)) == 0xE306_9283)
        #expect(CRC32C.checksum([UInt8](repeating: 0, count: 32)) == 0x8A91_36AA)
        #expect(CRC32C.checksum([UInt8](repeating: 0xFF, count: 32)) == 0x62A8_AB43)
        #expect(CRC32C.checksum((0..<32).map { UInt8($0) }) == 0x46DD_794E)
        #expect(CRC32C.checksum((0..<32).reversed().map { UInt8($0) }) == 0x113F_DB5C)
        #expect(CRC32C.checksum([]) == 0)
        #expect(CRC32C.checksum(Array("a".utf8)) == 0xC1D0_4330)
    }

    /// The 8-byte path and the byte-at-a-time tail agree, at every split and alignment.
    @Test func incrementalEqualsWhole() {
        let data = CompressionInput.randomBytes(count: 1000, seed: 7)
        let whole = CRC32C.checksum(data)
        data.withUnsafeBytes { bytes in
            for split in [0, 1, 3, 7, 8, 9, 15, 16, 17, 500, 999, 1000] {
                let first = CRC32C.update(0, with: UnsafeRawBufferPointer(rebasing: bytes[0..<split]))
                let both = CRC32C.update(first, with: UnsafeRawBufferPointer(rebasing: bytes[split...]))
                #expect(both == whole, "split at \(split)")
            }
            for start in 0..<8 {
                let slice = UnsafeRawBufferPointer(rebasing: bytes[start..<(start + 100)])
                #expect(CRC32C.checksum(slice) == bitwiseCRC32C(Array(slice)), "offset \(start)")
            }
        }
    }

    /// The mask of the snappy framing format, worked by hand for two values.
    @Test func mask() {
        #expect(CRC32C.masked(0) == 0xA282_EAD8)
        // 0xE3069283 rotated right by 15 = 0x2507C60D; plus 0xA282EAD8 = 0xC78AB0E5.
        #expect(CRC32C.masked(0xE306_9283) == 0xC78A_B0E5)
    }

    /// A plain bit-at-a-time CRC-32C, the definition the tables must match.
    private func bitwiseCRC32C(_ bytes: [UInt8]) -> UInt32 {
        var crc: UInt32 = 0xFFFF_FFFF
        for byte in bytes {
            crc ^= UInt32(byte)
            for _ in 0..<8 { crc = (crc & 1) != 0 ? (crc >> 1) ^ 0x82F6_3B78 : crc >> 1 }
        }
        return ~crc
    }
}
