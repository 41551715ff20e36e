@testable import ExtractCore
import Foundation
import Testing

/// Byte-exact checks of the Thrift compact writer, the RLE/bit-packed hybrid, CRC-32 and the
/// statistics truncation, against values worked out from the specs.
@Suite("Parquet encodings")
struct ParquetEncodingTests {
    @Test func varintsAndZigzag() {
        var w = CompactProtocolWriter()
        w.writeVarint(0); w.writeVarint(127); w.writeVarint(128); w.writeVarint(300)
        #expect(w.bytes == [0x00, 0x7F, 0x80, 0x01, 0xAC, 0x02])
        #expect(CompactProtocolWriter.zigzag(0) == 0)
        #expect(CompactProtocolWriter.zigzag(-1) == 1)
        #expect(CompactProtocolWriter.zigzag(1) == 2)
        #expect(CompactProtocolWriter.zigzag(-2) == 3)
        #expect(CompactProtocolWriter.zigzag(Int64.min) == UInt64.max)
    }

    @Test func fieldHeadersUseDeltasAndTheLongFormAndNestedStructsRestoreTheirId() {
        var w = CompactProtocolWriter()
        w.beginStruct()
        w.field(1, i32: 5)  // delta 1, i32: 0x15, zigzag(5) = 10
        w.field(3, bool: true)  // delta 2, true: 0x21
        w.field(20, i64: -1)  // delta 17 > 15: long form 0x06, zigzag id 40 = 0x28, value 1
        w.field(21, struct: ParquetLogicalType.string)  // delta 1 struct 0x1C; union {1: StringType{}}
        w.field(22, bool: false)  // delta 1 after the nested struct: 0x12
        w.endStruct()
        #expect(w.bytes == [0x15, 0x0A, 0x21, 0x06, 0x28, 0x01, 0x1C, 0x1C, 0x00, 0x00, 0x12, 0x00])
    }

    @Test func listsShortAndLongFormAndBoolElements() {
        var w = CompactProtocolWriter()
        w.field(1, bools: [true, false])
        #expect(w.bytes == [0x19, 0x22, 0x01, 0x02])
        var long = CompactProtocolWriter()
        long.field(1, i32s: Array(repeating: 1, count: 15))
        #expect(Array(long.bytes.prefix(3)) == [0x19, 0xF5, 0x0F])
        #expect(long.bytes.count == 3 + 15)
    }

    /// Decodes the RLE/bit-packed hybrid (a reference decoder written from Encodings.md).
    static func decodeHybrid(_ bytes: [UInt8], bitWidth: Int, count: Int) -> [UInt32] {
        var out: [UInt32] = []
        var i = 0
        while out.count < count && i < bytes.count {
            var header: UInt64 = 0, shift: UInt64 = 0
            while true {
                let b = bytes[i]; i += 1
                header |= UInt64(b & 0x7F) << shift
                if b < 0x80 { break }
                shift += 7
            }
            if header & 1 == 0 {
                var value: UInt32 = 0
                for k in 0..<((bitWidth + 7) / 8) { value |= UInt32(bytes[i + k]) << (8 * k) }
                i += (bitWidth + 7) / 8
                out += Array(repeating: value, count: Int(header >> 1))
            } else {
                let n = Int(header >> 1) * 8
                var bit = 0
                for _ in 0..<n {
                    var value: UInt32 = 0
                    for b in 0..<bitWidth where bytes[i + (bit + b) / 8] & (1 << ((bit + b) % 8)) != 0 {
                        value |= 1 << b
                    }
                    bit += bitWidth
                    out.append(value)
                }
                i += n * bitWidth / 8
            }
        }
        return Array(out.prefix(count))
    }

    @Test(arguments: [1, 3, 8, 13, 20])
    func rleHybridRoundTrips(bitWidth: Int) {
        var generator = SystemRandomNumberGenerator()
        let mask = UInt32((1 << bitWidth) - 1)
        var values: [UInt32] = []
        for run in 0..<200 {
            let value = UInt32.random(in: 0...mask, using: &generator)
            let length =
                run % 4 == 0 ? Int.random(in: 8...40, using: &generator) : Int.random(in: 1...3, using: &generator)
            values += Array(repeating: value, count: length)
        }
        var out: [UInt8] = []
        values.withUnsafeBufferPointer { RLEHybridEncoder.encode($0, bitWidth: bitWidth, into: &out) }
        #expect(Self.decodeHybrid(out, bitWidth: bitWidth, count: values.count) == values)
        #expect(out.count < values.count * 4, "runs must be RLE-encoded")
    }

    @Test func rleHybridExactBytes() {
        var out: [UInt8] = []
        let values: [UInt32] = Array(repeating: 1, count: 10) + [0, 1, 0]
        values.withUnsafeBufferPointer { RLEHybridEncoder.encode($0, bitWidth: 1, into: &out) }
        // RLE run of 10 ones: header 20, value 1; then one bit-packed group: header 3, bits 0b010.
        #expect(out == [0x14, 0x01, 0x03, 0x02])
    }

    @Test func crc32MatchesZlib() {
        let bytes = Array("The quick brown fox jumps over the lazy dog".utf8)
        #expect(bytes.withUnsafeBytes { CRC32.checksum($0) } == 0x414F_A339)
        #expect([UInt8]().withUnsafeBytes { CRC32.checksum($0) } == 0)
        let long = (0..<1000).map { UInt8(truncatingIfNeeded: $0 &* 7) }
        var bitwise: UInt32 = 0xFFFF_FFFF
        for b in long {
            bitwise ^= UInt32(b)
            for _ in 0..<8 { bitwise = bitwise & 1 != 0 ? 0xEDB8_8320 ^ (bitwise >> 1) : bitwise >> 1 }
        }
        #expect(long.withUnsafeBytes { CRC32.checksum($0) } == ~bitwise)
    }

    @Test func statisticsTruncationKeepsUTF8AndBounds() {
        let long = Array((String(repeating: "a", count: 63) + "é" + "zz").utf8)  // é straddles byte 64
        let lower = StatisticsTruncation.lowerBound(long, limit: 64, utf8: true)
        #expect(lower.bytes == Array(String(repeating: "a", count: 63).utf8) && !lower.exact)
        let upper = StatisticsTruncation.upperBound(long, limit: 64, utf8: true)
        #expect(upper.bytes == Array((String(repeating: "a", count: 62) + "b").utf8) && !upper.exact)
        let ff = [UInt8](repeating: 0xFF, count: 70)
        #expect(StatisticsTruncation.upperBound(ff, limit: 64, utf8: false) == (ff, true))
        let max = Array(String(repeating: "\u{10FFFF}", count: 20).utf8)
        #expect(StatisticsTruncation.upperBound(max, limit: 64, utf8: true).exact)
        #expect(
            StatisticsTruncation.upperBound(Array("short".utf8), limit: 64, utf8: true) == (Array("short".utf8), true)
        )
    }

    @Test func decimalWidths() {
        #expect(ParquetColumnDescriptor.decimalByteWidth(precision: 19) == 9)
        #expect(ParquetColumnDescriptor.decimalByteWidth(precision: 20) == 9)
        #expect(ParquetColumnDescriptor.decimalByteWidth(precision: 38) == 16)
        #expect(ParquetColumnDescriptor.decimalByteWidth(precision: 2) == 1)
        #expect(ParquetColumnDescriptor.decimalByteWidth(precision: 3) == 2)
    }

    @Test func byteDictionaryKeepsPrecomposedAndDecomposedApart() {
        var dictionary = ByteArrayDictionary()
        let nfc = Array("Café".utf8), nfd = Array("Cafe\u{301}".utf8)
        #expect("Café" == "Cafe\u{301}", "Swift String equality merges them")
        let a = nfc.withUnsafeBytes { dictionary.index(of: $0) }
        let b = nfd.withUnsafeBytes { dictionary.index(of: $0) }
        let c = nfc.withUnsafeBytes { dictionary.index(of: $0) }
        #expect(a == 0 && b == 1 && c == 0 && dictionary.count == 2)
        for i in 0..<5000 { _ = Array("v\(i)".utf8).withUnsafeBytes { dictionary.index(of: $0) } }
        #expect(dictionary.count == 5002)
        #expect(Array("v4999".utf8).withUnsafeBytes { dictionary.index(of: $0) } == 5001)
    }
}
