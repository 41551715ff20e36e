import ExtractCore
import ExtractFormats
import ExtractTestSupport
import Foundation
import Testing

/// ValueRenderer: exact spellings of every ColumnType, edge values, and cross-checks against
/// Python (datetime, decimal, repr) over many values.
@Suite struct RenderingTests {
    typealias F = DelimitedFixture

    private func texts(_ column: Column) throws -> [String?] {
        try (0..<column.count).map { try ValueRenderer.text(of: column, at: $0) }
    }

    @Test func integers() throws {
        #expect(
            try texts(F.int64(.int64, [0, 1, -1, 9, 10, 99, 100, 12345, -987654321, Int64.max, Int64.min, nil]))
                == [
                    "0", "1", "-1", "9", "10", "99", "100", "12345", "-987654321", "9223372036854775807",
                    "-9223372036854775808", nil,
                ]
        )
        for type in [ColumnType.int8, .int16, .int32] {
            #expect(
                try texts(F.int32(type, [0, -128, 127, Int32.min, Int32.max, nil]))
                    == ["0", "-128", "127", "-2147483648", "2147483647", nil]
            )
        }
        // Every digit count, both signs.
        var value: Int64 = 1
        for digits in 1...19 {
            let largest = digits < 19 ? value * 10 - 1 : Int64.max  // all nines, or the largest of 19 digits
            #expect(
                try texts(F.int64(.int64, [value, -value, largest, -largest]))
                    == [String(value), String(-value), String(largest), String(-largest)],
                "\(digits) digits"
            )
            if digits < 19 { value *= 10 }
        }
    }

    @Test func booleans() throws {
        #expect(try texts(F.bools([true, false, nil])) == ["true", "false", nil])
    }

    @Test func decimals() throws {
        #expect(
            try texts(
                F.int64(.decimal(precision: 12, scale: 2), [1230, -5, 0, 5, -1230, 100, 99_999_999_999_999, nil])
            )
                == ["12.30", "-0.05", "0.00", "0.05", "-12.30", "1.00", "999999999999.99", nil]
        )
        #expect(
            try texts(F.int64(.decimal(precision: 10, scale: 0), [0, -7, 1234567890])) == ["0", "-7", "1234567890"]
        )
        #expect(
            try texts(F.int64(.decimal(precision: 18, scale: 18), [1, -1, 999_999_999_999_999_999, 0]))
                == ["0.000000000000000001", "-0.000000000000000001", "0.999999999999999999", "0.000000000000000000"]
        )
        #expect(
            try texts(F.int64(.decimal(precision: 18, scale: 4), [Int64.max, Int64.min]))
                == ["922337203685477.5807", "-922337203685477.5808"]
        )
        let max38 = Int128("99999999999999999999999999999999999999")!
        #expect(
            try texts(F.int128(.decimal(precision: 38, scale: 10), [max38, -max38, 0, 1, -1, Int128.max, Int128.min]))
                == [
                    "9999999999999999999999999999.9999999999", "-9999999999999999999999999999.9999999999",
                    "0.0000000000", "0.0000000001", "-0.0000000001",
                    "17014118346046923173168730371.5884105727", "-17014118346046923173168730371.5884105728",
                ]
        )
        #expect(
            try texts(F.int128(.decimal(precision: 38, scale: 38), [1, -max38]))
                == ["0.00000000000000000000000000000000000001", "-0.99999999999999999999999999999999999999"]
        )
        #expect(
            try texts(F.int128(.decimal(precision: 38, scale: 0), [max38, Int128(UInt64.max), Int128(UInt64.max) + 1]))
                == ["99999999999999999999999999999999999999", "18446744073709551615", "18446744073709551616"]
        )
        #expect(
            try texts(F.int128(.decimal(precision: 20, scale: 2), [-12345, 10_000_000_000_000_000_000]))
                == ["-123.45", "100000000000000000.00"]
        )
    }

    /// Random unscaled values of every size and scale, against Python's `decimal`.
    @Test func decimalsMatchPython() throws {
        var rng = SystemRandomNumberGenerator()
        var cases: [(Int128, Int)] = []
        for _ in 0..<2000 {
            let bits = Int.random(in: 1...127, using: &rng)
            var magnitude =
                Int128(UInt64.random(in: 0...UInt64.max, using: &rng)) << 64
                | Int128(UInt64.random(in: 0...UInt64.max, using: &rng))
            magnitude &= (Int128(1) << bits) &- 1
            cases.append((Bool.random(using: &rng) ? -magnitude : magnitude, Int.random(in: 0...38, using: &rng)))
        }
        var ours: [String] = []
        for (unscaled, scale) in cases {
            let bytes = [UInt8](unsafeUninitializedCapacity: 64) { p, n in
                n = ValueRenderer.writeDecimal(unscaled: unscaled, scale: scale, to: p.baseAddress!)
            }
            ours.append(String(decoding: bytes, as: UTF8.self))
            if let small = Int64(exactly: unscaled) {
                let bytes64 = [UInt8](unsafeUninitializedCapacity: 64) { p, n in
                    n = ValueRenderer.writeDecimal(unscaled: small, scale: scale, to: p.baseAddress!)
                }
                #expect(bytes64 == bytes)
            }
        }
        let input = cases.map { "\($0.0) \($0.1)" }.joined(separator: "\n")
        let tmp = try TemporaryDirectory("render-dec")
        defer { tmp.remove() }
        try input.write(to: tmp.file("in.txt"), atomically: true, encoding: .utf8)
        let expected = try F.python(
            """
            import sys, decimal
            decimal.getcontext().prec = 100
            for line in open(sys.argv[1]):
                u, s = line.split()
                print(format(decimal.Decimal(int(u)).scaleb(-int(s)), "f"))
            """,
            [tmp.file("in.txt").path]
        ).split(separator: "\n").map(String.init)
        #expect(expected.count == ours.count)
        for (index, (e, o)) in zip(expected, ours).enumerated() where e != o {
            Issue.record("decimal \(cases[index]): Python \(e), ours \(o)")
            break
        }
    }

    @Test func doubles() throws {
        let values: [Double?] = [
            5.0, 0.1, -0.0, 0.0, 1.0 / 3.0, 0.1 + 0.2, 100.0, 1e15, 1e16, 1e-4, 1e-5, 123456.789,
            9007199254740992.0, 9007199254740994.0, 1.7976931348623157e308, -1.7976931348623157e308,
            .leastNonzeroMagnitude, .leastNormalMagnitude, Double.leastNormalMagnitude.nextDown, 3566.8, 0.79,
            .nan, -Double.nan, .signalingNaN, .infinity, -.infinity, nil,
        ]
        #expect(
            try texts(F.doubles(values)) == [
                "5.0", "0.1", "-0.0", "0.0", "0.3333333333333333", "0.30000000000000004", "100.0",
                "1000000000000000.0", "1e+16", "0.0001", "1e-05", "123456.789",
                "9007199254740992.0", "9.007199254740994e+15", "1.7976931348623157e+308", "-1.7976931348623157e+308",
                "5e-324", "2.2250738585072014e-308", "2.225073858507201e-308", "3566.8", "0.79",
                "NaN", "NaN", "NaN", "Infinity", "-Infinity", nil,
            ]
        )
    }

    /// The fast path for short decimals gives exactly `description`'s text: prices and
    /// measurements at 0…6 decimals, every magnitude around the path's limits, and random doubles.
    @Test func shortDecimalFastPathMatchesDescription() {
        var rng = SystemRandomNumberGenerator()
        var values: [Double] = [
            1e-4, 1e-4.nextDown, 1e-4.nextUp, 1e15, 1e15.nextDown, 999_999_999_999_999,
            99_999_999_999_999.9, 0.1, 0.2, 0.3, 1.005, 2.675, 1e14 + 0.5, 123_456_789_012.345,
        ]
        for decimals in 0...6 {
            var scale = 1.0
            for _ in 0..<decimals { scale *= 10 }
            for _ in 0..<3000 {
                values.append(Double(Int64.random(in: -10_000_000_000...10_000_000_000, using: &rng)) / scale)
                values.append(Double(Int64.random(in: 0...999, using: &rng)) / scale)
            }
        }
        for _ in 0..<20_000 {
            values.append(Double.random(in: -1e6...1e6, using: &rng))
            values.append(Double(bitPattern: UInt64.random(in: 0...UInt64.max, using: &rng)))
        }
        var mismatches: [String] = []
        for value in values where value.isFinite {
            let text = String(
                decoding: [UInt8](unsafeUninitializedCapacity: 64) { p, n in
                    n = ValueRenderer.writeDouble(value, to: p.baseAddress!)
                },
                as: UTF8.self
            )
            if text != value.description { mismatches.append("\(value.description) written as \(text)") }
        }
        #expect(mismatches.isEmpty, "\(mismatches.prefix(5))")
    }

    @Test func floats() throws {
        let values: [Float?] = [
            5, 0.1, -0.0, 16_777_216, 33_554_432, 1e8, 1e-4, 1e-5, .leastNonzeroMagnitude, .leastNormalMagnitude,
            .greatestFiniteMagnitude, 3566.8, .nan, .infinity, -.infinity, nil,
        ]
        #expect(
            try texts(F.floats(values)) == [
                "5.0", "0.1", "-0.0", "16777216.0", "3.3554432e+07", "1e+08", "0.0001", "1e-05", "1e-45",
                "1.1754944e-38", "3.4028235e+38", "3566.8", "NaN", "Infinity", "-Infinity", nil,
            ]
        )
    }

    /// Random doubles (all exponents, subnormals included) read back exactly by Python, and
    /// spelled exactly like Python's repr wherever the two spelling rules agree (|v| ≤ 2^53 or ≥ 1e16).
    @Test func doublesRoundTripThroughPython() throws {
        var rng = SystemRandomNumberGenerator()
        var values: [Double] = []
        while values.count < 5000 {
            let value = Double(bitPattern: UInt64.random(in: 0...UInt64.max, using: &rng))
            if value.isFinite { values.append(value) }
        }
        for exponent in -330...310 { if let v = Double("1e\(exponent)"), v.isFinite { values.append(v) } }
        let ours = values.map { value in
            String(
                decoding: [UInt8](unsafeUninitializedCapacity: 64) { p, n in
                    n = ValueRenderer.writeDouble(value, to: p.baseAddress!)
                },
                as: UTF8.self
            )
        }
        let tmp = try TemporaryDirectory("render-dbl")
        defer { tmp.remove() }
        try ours.joined(separator: "\n").write(to: tmp.file("in.txt"), atomically: true, encoding: .utf8)
        let output = try F.python(
            """
            import sys, struct
            for line in open(sys.argv[1]).read().split("\\n"):
                v = float(line)
                print(struct.unpack("<Q", struct.pack("<d", v))[0], repr(v))
            """,
            [tmp.file("in.txt").path]
        )
        let lines = output.split(separator: "\n")
        #expect(lines.count == values.count)
        for (index, line) in lines.enumerated() {
            let parts = line.split(separator: " ")
            let value = values[index]
            #expect(UInt64(parts[0]) == value.bitPattern, "\(ours[index]) reads back as another double")
            let magnitude = value.magnitude
            if magnitude <= 9007199254740992.0 || magnitude >= 1e16 {
                #expect(String(parts[1]) == ours[index], "bits \(value.bitPattern)")
            }
        }
    }

    @Test func dates() throws {
        #expect(
            try texts(F.int32(.date, [0, -1, 1, -719_162, 2_932_896, 11_016, -25_508, 19_782, -354_285, nil]))
                == [
                    "1970-01-01", "1969-12-31", "1970-01-02", "0001-01-01", "9999-12-31", "2000-02-29",
                    "1900-03-01", "2024-02-29", "1000-01-01", nil,
                ]
        )
        for outside: Int32 in [-719_163, 2_932_897, Int32.min, Int32.max] {
            let error = try #require(throws: ExtractError.self) {
                try ValueRenderer.text(of: F.int32(.date, [outside]), at: 0)
            }
            #expect(error.code == .typeMismatch)
            #expect(error.description.contains("0001-01-01"))
        }
    }

    /// Every 97th day from 0001-01-01 to 9999-12-31 against Python's datetime.date.
    @Test func datesMatchPython() throws {
        let days = Array(stride(from: Int32(-719_162), through: 2_932_896, by: 97)) + [2_932_896]
        let ours = try texts(F.int32(.date, days.map { $0 }))
        let expected = try F.python(
            """
            import datetime
            base = datetime.date(1970, 1, 1).toordinal()
            for d in list(range(-719162, 2932897, 97)) + [2932896]:
                print(datetime.date.fromordinal(base + d).isoformat())
            """
        ).split(separator: "\n").map(String.init)
        #expect(ours.count == expected.count)
        #expect(ours.compactMap { $0 } == expected)
    }

    @Test func times() throws {
        #expect(
            try texts(F.int64(.time(.milliseconds), [0, 1, 86_399_999, 3_600_000, 45_296_500, nil]))
                == ["00:00:00", "00:00:00.001", "23:59:59.999", "01:00:00", "12:34:56.500", nil]
        )
        #expect(
            try texts(F.int64(.time(.microseconds), [0, 1, 45_296_000_001, 86_399_999_999, 60_000_000]))
                == ["00:00:00", "00:00:00.000001", "12:34:56.000001", "23:59:59.999999", "00:01:00"]
        )
        #expect(
            try texts(F.int64(.time(.nanoseconds), [1, 86_399_999_999_999, 45_296_123_456_789, 7_000_000_000]))
                == ["00:00:00.000000001", "23:59:59.999999999", "12:34:56.123456789", "00:00:07"]
        )
        for (unit, outside) in [
            (TimeUnit.milliseconds, Int64(86_400_000)), (.microseconds, -1), (.nanoseconds, Int64.max),
        ] {
            #expect(throws: ExtractError.self) { try ValueRenderer.text(of: F.int64(.time(unit), [outside]), at: 0) }
        }
    }

    @Test func timestamps() throws {
        let us = ColumnType.timestamp(.microseconds, isAdjustedToUTC: false)
        #expect(
            try texts(
                F.int64(us, [0, -1, 1_709_195_400_500_000, 253_402_300_799_999_999, -62_135_596_800_000_000, nil])
            )
                == [
                    "1970-01-01 00:00:00", "1969-12-31 23:59:59.999999", "2024-02-29 08:30:00.500000",
                    "9999-12-31 23:59:59.999999", "0001-01-01 00:00:00", nil,
                ]
        )
        let msUTC = ColumnType.timestamp(.milliseconds, isAdjustedToUTC: true)
        #expect(
            try texts(F.int64(msUTC, [1_709_195_400_500, 0, -86_400_001]))
                == ["2024-02-29 08:30:00.500Z", "1970-01-01 00:00:00Z", "1969-12-30 23:59:59.999Z"]
        )
        let ns = ColumnType.timestamp(.nanoseconds, isAdjustedToUTC: false)
        #expect(
            try texts(F.int64(ns, [Int64.min, Int64.max, 1]))
                == ["1677-09-21 00:12:43.145224192", "2262-04-11 23:47:16.854775807", "1970-01-01 00:00:00.000000001"]
        )
        for outside in [253_402_300_800_000_000, -62_135_596_800_000_001, Int64.min, Int64.max] {
            #expect(throws: ExtractError.self) { try ValueRenderer.text(of: F.int64(us, [outside]), at: 0) }
        }
    }

    /// Random microsecond timestamps over 0001…9999 against Python's datetime.
    @Test func timestampsMatchPython() throws {
        var rng = SystemRandomNumberGenerator()
        let values = (0..<3000).map { _ in
            Int64.random(in: -62_135_596_800_000_000...253_402_300_799_999_999, using: &rng)
        }
        let ours = try texts(F.int64(.timestamp(.microseconds, isAdjustedToUTC: false), values.map { $0 }))
        let tmp = try TemporaryDirectory("render-ts")
        defer { tmp.remove() }
        try values.map(String.init).joined(separator: "\n").write(
            to: tmp.file("in.txt"),
            atomically: true,
            encoding: .utf8
        )
        let expected = try F.python(
            """
            import sys, datetime
            base = datetime.datetime(1970, 1, 1)
            for line in open(sys.argv[1]).read().split():
                t = base + datetime.timedelta(microseconds=int(line))
                print(t.isoformat(sep=" ") if t.microsecond else t.isoformat(sep=" ", timespec="seconds"))
            """,
            [tmp.file("in.txt").path]
        ).split(separator: "\n").map(String.init)
        #expect(ours.compactMap { $0 } == expected)
    }

    @Test func binaryAndStrings() throws {
        #expect(
            try texts(F.binary([[], [0x00, 0xFF, 0x10, 0xAB], Array(0...255).map(UInt8.init), nil]))
                == ["", "00ff10ab", (0...255).map { String(format: "%02x", $0) }.joined(), nil]
        )
        let decomposed = "Cafe\u{301}"
        let precomposed = "Caf\u{E9}"
        let column = F.strings([decomposed, precomposed, "", nil, "👨\u{200D}👩\u{200D}👧"])
        let rendered = try (0..<column.count).map { try ValueRenderer.render(column, at: $0) }
        #expect(rendered[0] == Array(decomposed.utf8))
        #expect(rendered[1] == Array(precomposed.utf8))
        #expect(rendered[0] != rendered[1])
        #expect(rendered[2] == [])
        #expect(rendered[3] == nil)
        #expect(
            rendered[4] == [
                0xF0, 0x9F, 0x91, 0xA8, 0xE2, 0x80, 0x8D, 0xF0, 0x9F, 0x91, 0xA9, 0xE2, 0x80, 0x8D,
                0xF0, 0x9F, 0x91, 0xA7,
            ]
        )
    }
}
