import ExtractCore

/// The one text rendering of typed values that every delimited output uses, whatever the source.
///
/// Each `write…` function renders one value straight into caller-provided memory (no `String`,
/// no allocation) and returns the number of bytes written. The caller provides at least
/// ``maxFixedWidth`` bytes for every type except binary (2 bytes per input byte).
///
/// Spelling rules:
///
/// | type | text | examples |
/// |---|---|---|
/// | bool | `true` / `false` | |
/// | int8…int64 | decimal, `-` for negatives, no `+`, no leading zeros | `0`, `-9223372036854775808` |
/// | decimal(p, s) | exact, from the unscaled integer: always `s` digits after the point (none when `s` = 0), at least one digit before it, `-` for negatives | `12.30`, `-0.05`, `0.00`, `0` |
/// | double, float | shortest text that reads back as the same value (Swift's `description`): positional when 1e-4 ≤ \|v\| ≤ 2^53 (double) or 2^24 (float), with at least one digit after the point; otherwise exponent form `d.ddde±XX` (at least two exponent digits) | `5.0`, `0.1`, `-0.0`, `1e-05`, `1e+16`, `5e-324`, `1.7976931348623157e+308` |
/// | double, float specials | `NaN` (any NaN, sign ignored), `Infinity`, `-Infinity` | |
/// | date | `YYYY-MM-DD`, proleptic Gregorian, years 0001…9999 | `1969-12-31` |
/// | time(unit) | `HH:MM:SS`, plus `.` and exactly the unit's digits (3, 6 or 9) when the fraction of a second is not zero | `12:00:00`, `23:59:59.999999` |
/// | timestamp(unit) | `YYYY-MM-DD HH:MM:SS[.fff…]` as date and time above, plus `Z` when adjusted to UTC | `1969-12-31 23:59:59.999999` (µs), `2024-02-29 08:30:00.500Z` (ms, UTC) |
/// | string | the bytes exactly as stored (never normalised or re-encoded) | |
/// | binary | lowercase hex, two digits per byte, no prefix | `00ff10` |
///
/// Dates, times and timestamps outside 0001-01-01 … 9999-12-31 (or a time of day outside
/// 00:00:00 … 23:59:59.999…) cannot be rendered: their functions return 0, and writers turn that
/// into an error naming the column, the row and the value.
public enum ValueRenderer {
    /// Room every fixed-width rendering fits in (the longest is a negative `decimal(38,38)`:
    /// 41 bytes; a nanosecond UTC timestamp takes 30).
    public static let maxFixedWidth = 64

    // MARK: - Integers

    /// Writes `value` in decimal.
    @inlinable
    public static func writeInteger(_ value: Int64, to p: UnsafeMutablePointer<UInt8>) -> Int {
        if value < 0 {
            p[0] = UInt8(ascii: "-")
            return 1 + writeUnsigned(value.magnitude, to: p + 1)
        }
        return writeUnsigned(UInt64(value), to: p)
    }

    /// Writes `value` in decimal.
    @inlinable
    public static func writeUnsigned(_ value: UInt64, to p: UnsafeMutablePointer<UInt8>) -> Int {
        let count = digitCount(value)
        writeDigits(value, count: count, to: p)
        return count
    }

    /// The number of decimal digits of `value` (1 for 0).
    @inlinable
    static func digitCount(_ value: UInt64) -> Int {
        var count = 1
        var limit: UInt64 = 10
        while value >= limit {
            count += 1
            if count == 20 { break }
            limit &*= 10
        }
        return count
    }

    /// Writes exactly `count` digits of `value` (zero-padded on the left; `value` must have at most `count` digits).
    @inlinable
    static func writeDigits(_ value: UInt64, count: Int, to p: UnsafeMutablePointer<UInt8>) {
        let pairs = digitPairs
        var i = count
        var x = value
        while i >= 2 {
            let q = x / 100
            let r = Int(x &- q &* 100) &* 2
            i -= 2
            p[i] = pairs[r]
            p[i + 1] = pairs[r + 1]
            x = q
        }
        if i == 1 {
            p[0] = UInt8(truncatingIfNeeded: x) &+ 48
        }
    }

    /// "00", "01", … "99" back to back.
    @inlinable
    static var digitPairs: UnsafePointer<UInt8> {
        ("00010203040506070809101112131415161718192021222324252627282930313233343536373839404142434445464748495051525354555657585960616263646566676869707172737475767778798081828384858687888990919293949596979899"
            as StaticString).utf8Start
    }

    // MARK: - Booleans

    /// Writes `true` or `false`.
    @inlinable
    public static func writeBool(_ value: Bool, to p: UnsafeMutablePointer<UInt8>) -> Int {
        if value {
            p[0] = 0x74; p[1] = 0x72; p[2] = 0x75; p[3] = 0x65
            return 4
        }
        p[0] = 0x66; p[1] = 0x61; p[2] = 0x6C; p[3] = 0x73; p[4] = 0x65
        return 5
    }

    // MARK: - Floating point

    /// Writes the shortest round-trip text of `value`, or `NaN`, `Infinity`, `-Infinity`.
    ///
    /// Values with at most 15 significant digits and 1e-4 ≤ |v| < 1e15 (prices, quantities,
    /// most measured data) take a fast exact path; all others use the standard library's
    /// shortest round-trip printer. Both give the same text as `description`.
    @inlinable
    public static func writeDouble(_ value: Double, to p: UnsafeMutablePointer<UInt8>) -> Int {
        guard value.isFinite else { return writeSpecial(isNaN: value.isNaN, isNegative: value < 0, to: p) }
        let n = writeShortDecimal(value, to: p)
        if n != 0 { return n }
        var stream = PointerTextStream(p)
        value.write(to: &stream)
        return stream.count
    }

    /// Writes `value` as `[-]digits.digits` when a decimal with at most 15 significant digits
    /// reads back as exactly `value` and 1e-4 ≤ |value| < 1e15; returns 0 (nothing written)
    /// otherwise.
    ///
    /// Why this is the shortest round-trip text (the one `description` gives): `m / 10^k` with
    /// `m < 10^15` and `k ≤ 15` is computed exactly rounded, so `m / 10^k == value` means the
    /// text reads back as `value`. Trying `k = 0, 1, 2…` finds the fewest digits; at a given
    /// `k` at most one `m` can round-trip, because the spacing of doubles there is below
    /// `10^-k` (`value·10^k < 10^15` and doubles carry ~15.9 digits), and that `m` is the
    /// integer nearest to `value·10^k`.
    @usableFromInline
    static func writeShortDecimal(_ value: Double, to p: UnsafeMutablePointer<UInt8>) -> Int {
        let magnitude = value.magnitude
        guard magnitude >= 1e-4 && magnitude < 1e15 else { return 0 }
        var power = 1.0
        var k = 0
        while true {
            let scaled = magnitude * power
            if scaled >= 1e15 { return 0 }
            let m = scaled.rounded(.toNearestOrEven)  // one instruction (roundsd), unlike rounded()
            if m / power == magnitude {
                var at = 0
                if value.sign == .minus {
                    p[0] = UInt8(ascii: "-")
                    at = 1
                }
                let digits = UInt64(m)
                var divisor: UInt64 = 1
                for _ in 0..<k { divisor &*= 10 }
                let integral = digits / divisor
                at += writeUnsigned(integral, to: p + at)
                p[at] = UInt8(ascii: ".")
                if k == 0 {
                    p[at + 1] = UInt8(ascii: "0")
                    return at + 2
                }
                writeDigits(digits &- integral &* divisor, count: k, to: p + at + 1)
                return at + 1 + k
            }
            k += 1
            if k > 15 { return 0 }
            power *= 10
        }
    }

    /// Writes the shortest round-trip text of `value` (as a `Float`), or `NaN`, `Infinity`, `-Infinity`.
    @inlinable
    public static func writeFloat(_ value: Float, to p: UnsafeMutablePointer<UInt8>) -> Int {
        guard value.isFinite else { return writeSpecial(isNaN: value.isNaN, isNegative: value < 0, to: p) }
        var stream = PointerTextStream(p)
        value.write(to: &stream)
        return stream.count
    }

    @usableFromInline
    static func writeSpecial(isNaN: Bool, isNegative: Bool, to p: UnsafeMutablePointer<UInt8>) -> Int {
        let text: StaticString = isNaN ? "NaN" : (isNegative ? "-Infinity" : "Infinity")
        p.update(from: text.utf8Start, count: text.utf8CodeUnitCount)
        return text.utf8CodeUnitCount
    }

    // MARK: - Decimals

    /// Writes the decimal whose unscaled value is `unscaled` at `scale` (0...38) digits after the point.
    public static func writeDecimal(unscaled: Int64, scale: Int, to p: UnsafeMutablePointer<UInt8>) -> Int {
        withUnsafeTemporaryAllocation(of: UInt8.self, capacity: 40) { digits in
            let d = digits.baseAddress!
            let n = writeUnsigned(unscaled.magnitude, to: d)
            return placePoint(digits: d, count: n, negative: unscaled < 0, scale: scale, to: p)
        }
    }

    /// Writes the decimal whose unscaled value is `unscaled` at `scale` (0...38) digits after the point.
    public static func writeDecimal(unscaled: Int128, scale: Int, to p: UnsafeMutablePointer<UInt8>) -> Int {
        withUnsafeTemporaryAllocation(of: UInt8.self, capacity: 40) { digits in
            let d = digits.baseAddress!
            let magnitude = unscaled.magnitude
            let n: Int
            if magnitude <= UInt128(UInt64.max) {
                n = writeUnsigned(UInt64(magnitude), to: d)
            } else {
                let chunk: UInt128 = 10_000_000_000_000_000_000  // 10^19
                let high = UInt64(magnitude / chunk)  // < 2^128 / 10^19 < 2^64
                let low = UInt64(magnitude % chunk)
                let h = writeUnsigned(high, to: d)
                writeDigits(low, count: 19, to: d + h)
                n = h + 19
            }
            return placePoint(digits: d, count: n, negative: unscaled < 0, scale: scale, to: p)
        }
    }

    /// Writes sign, integer digits, point and `scale` fraction digits from the `count` digits of a magnitude.
    static func placePoint(
        digits: UnsafeMutablePointer<UInt8>,
        count: Int,
        negative: Bool,
        scale: Int,
        to p: UnsafeMutablePointer<UInt8>
    ) -> Int {
        var at = 0
        if negative {
            p[0] = UInt8(ascii: "-")
            at = 1
        }
        if scale <= 0 {
            (p + at).update(from: digits, count: count)
            return at + count
        }
        if count > scale {
            let integral = count - scale
            (p + at).update(from: digits, count: integral)
            at += integral
            p[at] = UInt8(ascii: ".")
            (p + at + 1).update(from: digits + integral, count: scale)
            return at + 1 + scale
        }
        p[at] = UInt8(ascii: "0")
        p[at + 1] = UInt8(ascii: ".")
        at += 2
        let zeros = scale - count
        (p + at).update(repeating: UInt8(ascii: "0"), count: zeros)
        (p + at + zeros).update(from: digits, count: count)
        return at + zeros + count
    }

    // MARK: - Dates and times

    /// Writes `YYYY-MM-DD` for `days` since 1970-01-01; returns 0 (nothing written) outside 0001-01-01 … 9999-12-31.
    @inlinable
    public static func writeDate(daysSinceEpoch days: Int64, to p: UnsafeMutablePointer<UInt8>) -> Int {
        guard days >= CivilDate.firstRenderedDay && days <= CivilDate.lastRenderedDay else { return 0 }
        let date = CivilDate(daysSinceEpoch: days)
        writeDigits(UInt64(date.year), count: 4, to: p)
        p[4] = UInt8(ascii: "-")
        writeDigits(UInt64(date.month), count: 2, to: p + 5)
        p[7] = UInt8(ascii: "-")
        writeDigits(UInt64(date.day), count: 2, to: p + 8)
        return 10
    }

    /// Writes `HH:MM:SS[.fff…]` for `value` units since midnight; returns 0 (nothing written)
    /// when `value` is negative or a full day or more.
    @inlinable
    public static func writeTime(_ value: Int64, unit: TimeUnit, to p: UnsafeMutablePointer<UInt8>) -> Int {
        let perSecond = unit.perSecond
        guard value >= 0 && value < 86_400 &* perSecond else { return 0 }
        return writeTimeOfDay(UInt64(value), perSecond: UInt64(perSecond), fractionDigits: unit.fractionDigits, to: p)
    }

    @inlinable
    static func writeTimeOfDay(
        _ value: UInt64,
        perSecond: UInt64,
        fractionDigits: Int,
        to p: UnsafeMutablePointer<UInt8>
    ) -> Int {
        let seconds = value / perSecond
        let fraction = value &- seconds &* perSecond
        let hours = seconds / 3600
        let minutes = (seconds &- hours &* 3600) / 60
        let secs = seconds &- hours &* 3600 &- minutes &* 60
        writeDigits(hours, count: 2, to: p)
        p[2] = UInt8(ascii: ":")
        writeDigits(minutes, count: 2, to: p + 3)
        p[5] = UInt8(ascii: ":")
        writeDigits(secs, count: 2, to: p + 6)
        guard fraction != 0 else { return 8 }
        p[8] = UInt8(ascii: ".")
        writeDigits(fraction, count: fractionDigits, to: p + 9)
        return 9 + fractionDigits
    }

    /// Writes `YYYY-MM-DD HH:MM:SS[.fff…][Z]` for `value` units since 1970-01-01 00:00:00;
    /// returns 0 (nothing written) outside 0001-01-01 … 9999-12-31.
    @inlinable
    public static func writeTimestamp(
        _ value: Int64,
        unit: TimeUnit,
        isAdjustedToUTC: Bool,
        to p: UnsafeMutablePointer<UInt8>
    ) -> Int {
        let perSecond = unit.perSecond
        let perDay = 86_400 &* perSecond
        var days = value / perDay
        var rest = value &- days &* perDay
        if rest < 0 {
            days -= 1
            rest &+= perDay
        }
        let n = writeDate(daysSinceEpoch: days, to: p)
        guard n != 0 else { return 0 }
        p[10] = UInt8(ascii: " ")
        var count =
            11
            + writeTimeOfDay(
                UInt64(rest),
                perSecond: UInt64(perSecond),
                fractionDigits: unit.fractionDigits,
                to: p + 11
            )
        if isAdjustedToUTC {
            p[count] = UInt8(ascii: "Z")
            count += 1
        }
        return count
    }

    // MARK: - Binary

    /// Writes `bytes` as lowercase hex (`2 × bytes.count` bytes).
    @inlinable
    public static func writeHex(_ bytes: UnsafeRawBufferPointer, to p: UnsafeMutablePointer<UInt8>) -> Int {
        let digits = ("0123456789abcdef" as StaticString).utf8Start
        var at = 0
        for byte in bytes {
            p[at] = digits[Int(byte &>> 4)]
            p[at + 1] = digits[Int(byte & 15)]
            at += 2
        }
        return at
    }
}
