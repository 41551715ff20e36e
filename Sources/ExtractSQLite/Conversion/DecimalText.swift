/// Exact conversion of numbers to the unscaled value of a `decimal(precision, scale)` column
/// (value × 10^scale), rounding half away from zero at the scale, with overflow and precision
/// checks. Doubles go through their shortest round-trip decimal text (`0.1` → `"0.1"` → 10 at
/// scale 2), never through a binary multiplication (`0.1 * 100` is `10.000000000000002`).
enum DecimalText {
    /// Why a value does not fit.
    enum Failure: Error, Equatable {
        /// Not a number (or NaN / infinity).
        case invalid
        /// More digits than the precision allows after rounding.
        case exceedsPrecision
    }

    /// 10^0 … 10^38 as Int128.
    static let powersOfTen: [Int128] = {
        var powers: [Int128] = [1]
        for _ in 1...38 { powers.append(powers.last! * 10) }
        return powers
    }()

    /// Checks `|unscaled| < 10^precision`.
    @inline(__always)
    static func checkPrecision(_ unscaled: Int128, _ precision: Int) throws(Failure) -> Int128 {
        let limit = powersOfTen[precision]
        guard unscaled < limit, unscaled > -limit else { throw .exceedsPrecision }
        return unscaled
    }

    /// The unscaled value of an integer.
    static func fromInteger(_ value: Int64, precision: Int, scale: Int) throws(Failure) -> Int128 {
        let (product, overflow) = Int128(value).multipliedReportingOverflow(by: powersOfTen[scale])
        guard !overflow else { throw .exceedsPrecision }
        return try checkPrecision(product, precision)
    }

    /// The unscaled value of a double, via its shortest round-trip decimal text.
    static func fromDouble(_ value: Double, precision: Int, scale: Int) throws(Failure) -> Int128 {
        guard value.isFinite else { throw .invalid }
        var text = value.description  // "0.1", "1e-05", "1e+16", "-2.5"
        let result = text.withUTF8 { utf8 in
            Result { () throws(Failure) -> Int128 in
                try fromText(UnsafeRawBufferPointer(utf8), precision: precision, scale: scale)
            }
        }
        return try result.get()
    }

    /// The unscaled value of a numeric text: `[+-]digits[.digits][(e|E)[+-]digits]`, with at
    /// least one digit and nothing else (no spaces).
    static func fromText(_ bytes: UnsafeRawBufferPointer, precision: Int, scale: Int) throws(Failure) -> Int128 {
        var index = 0
        let count = bytes.count
        var negative = false
        if index < count, bytes[index] == UInt8(ascii: "-") || bytes[index] == UInt8(ascii: "+") {
            negative = bytes[index] == UInt8(ascii: "-")
            index += 1
        }
        // Mantissa: remember where its digits are and where the point is.
        let mantissaStart = index
        var integerDigits = 0
        var fractionDigits = 0
        var sawPoint = false
        while index < count {
            let byte = bytes[index]
            if byte >= 48, byte <= 57 {
                if sawPoint { fractionDigits += 1 } else { integerDigits += 1 }
            } else if byte == UInt8(ascii: "."), !sawPoint {
                sawPoint = true
            } else {
                break
            }
            index += 1
        }
        let mantissaEnd = index
        guard integerDigits + fractionDigits > 0 else { throw .invalid }
        var exponent = 0
        if index < count, bytes[index] == UInt8(ascii: "e") || bytes[index] == UInt8(ascii: "E") {
            index += 1
            var exponentNegative = false
            if index < count, bytes[index] == UInt8(ascii: "-") || bytes[index] == UInt8(ascii: "+") {
                exponentNegative = bytes[index] == UInt8(ascii: "-")
                index += 1
            }
            var exponentDigits = 0
            while index < count, bytes[index] >= 48, bytes[index] <= 57 {
                if exponent < 100_000 { exponent = exponent * 10 + Int(bytes[index] - 48) }
                exponentDigits += 1
                index += 1
            }
            guard exponentDigits > 0 else { throw .invalid }
            if exponentNegative { exponent = -exponent }
        }
        guard index == count else { throw .invalid }

        // Digit k (0-based over integer then fraction digits) stands for 10^power with
        // power = integerDigits - 1 - k + exponent + scale in units of the unscaled value.
        var unscaled: Int128 = 0
        var lowestPower = 0
        var roundingDigit = 0
        var k = 0
        for position in mantissaStart..<mantissaEnd {
            let byte = bytes[position]
            guard byte != UInt8(ascii: ".") else { continue }
            let digit = Int128(byte - 48)
            let power = integerDigits - 1 - k + exponent + scale
            k += 1
            if power >= 0 {
                if unscaled != 0 || digit != 0 {
                    let (shifted, o1) = unscaled.multipliedReportingOverflow(by: 10)
                    let (sum, o2) = shifted.addingReportingOverflow(digit)
                    guard !o1, !o2 else { throw .exceedsPrecision }
                    unscaled = sum
                }
                lowestPower = power
            } else {
                if power == -1 { roundingDigit = Int(digit) }
                break
            }
        }
        if unscaled != 0, lowestPower > 0 {
            guard lowestPower <= 38 else { throw .exceedsPrecision }
            let (product, overflow) = unscaled.multipliedReportingOverflow(by: powersOfTen[lowestPower])
            guard !overflow else { throw .exceedsPrecision }
            unscaled = product
        }
        if roundingDigit >= 5 {
            let (rounded, overflow) = unscaled.addingReportingOverflow(1)
            guard !overflow else { throw .exceedsPrecision }
            unscaled = rounded
        }
        return try checkPrecision(negative ? -unscaled : unscaled, precision)
    }
}
