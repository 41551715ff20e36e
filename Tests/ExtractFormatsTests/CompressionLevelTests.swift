import ExtractCore
import ExtractFormats
import Testing

@Suite struct CompressionLevelTests {
    @Test func parsesNamesAndNumbers() throws {
        #expect(try CompressionLevel(parsing: "minimum") == .minimum)
        #expect(try CompressionLevel(parsing: "MINIMUM") == .minimum)
        #expect(try CompressionLevel(parsing: "Normal") == .normal)
        #expect(try CompressionLevel(parsing: "MAXIMUM") == .maximum)
        #expect(try CompressionLevel(parsing: " 7 ") == .number(7))
        #expect(try CompressionLevel(parsing: "0") == .number(0))
        #expect(try CompressionLevel(parsing: "22") == .number(22))
    }

    @Test(arguments: ["", "fast", "6.5", "level9", "9x", "--1", "ma ximum"])
    func rejectsBadText(_ text: String) {
        let error = #expect(throws: ExtractError.self) { try CompressionLevel(parsing: text) }
        #expect(error?.code == .invalidArgument)
        #expect(error?.context.value == text)
        #expect(error?.message.contains("minimum, normal, maximum") == true)
    }

    @Test func mapsNamesPerCodec() throws {
        let table: [(String, Int, Int, Int)] = [
            ("gzip", 1, 6, 9), ("zip", 1, 6, 9), ("zstd", 1, 3, 19), ("lz4", 1, 1, 12),
        ]
        for (codec, minimum, normal, maximum) in table {
            #expect(try CompressionLevel.minimum.resolved(for: codec) == minimum, "\(codec)")
            #expect(try CompressionLevel.normal.resolved(for: codec) == normal, "\(codec)")
            #expect(try CompressionLevel.maximum.resolved(for: codec) == maximum, "\(codec)")
        }
        #expect(try CompressionLevel.number(0).resolved(for: "gzip") == 0)
        #expect(try CompressionLevel.number(22).resolved(for: "zstd") == 22)
        #expect(try CompressionLevel.maximum.resolved(for: "snappy") == 0)
    }

    @Test func outOfRangeNumbersNameTheRange() {
        let cases: [(String, Int, String)] = [
            ("gzip", 10, "0 to 9"), ("gzip", -1, "0 to 9"), ("zstd", 0, "1 to 22"),
            ("zstd", 23, "1 to 22"), ("lz4", 13, "1 to 12"),
        ]
        for (codec, number, range) in cases {
            let error = #expect(throws: ExtractError.self) { try CompressionLevel.number(number).resolved(for: codec) }
            #expect(error?.code == .invalidArgument)
            #expect(error?.message.contains(range) == true, "\(codec) \(number): \(String(describing: error))")
            #expect(error?.context.value == String(number))
        }
        #expect(throws: ExtractError.self) { try CompressionLevel.number(1).resolved(for: "snappy") }
        #expect(throws: ExtractError.self) { try CompressionLevel.normal.resolved(for: "brotli") }
    }
}
