/// PostgreSQL's binary `numeric`: `ndigits`, `weight`, `sign`, `dscale` (four big-endian int16),
/// then `ndigits` base-10000 digits, most significant first. The value is
/// `Σ digit[i] × 10000^(weight − i)`.
struct PostgresNumeric {
    /// What decoding one value gave.
    enum Outcome {
        case value(Int128)
        case notANumber
        case infinity(negative: Bool)
        /// More integer digits than the precision allows, or beyond 128 bits.
        case overflow
        /// Nonzero digits beyond the scale: the value would have to be rounded.
        case lossOfDigits
        case malformed
    }

    static let signPositive: UInt16 = 0x0000
    static let signNegative: UInt16 = 0x4000
    static let signNaN: UInt16 = 0xC000
    static let signPlusInfinity: UInt16 = 0xD000
    static let signMinusInfinity: UInt16 = 0xF000

    /// Powers of ten that fit an `Int128` (10^0 … 10^38).
    static let powersOfTen: [Int128] = {
        var table: [Int128] = [1]
        for _ in 1...38 { table.append(table.last! * 10) }
        return table
    }()

    /// The value × 10^`scale` as an exact integer, provided it has at most `precision` digits.
    @inline(__always)
    static func unscaled(_ p: UnsafeRawPointer, _ length: Int, precision: Int, scale: Int) -> Outcome {
        guard length >= 8 else { return .malformed }
        let ndigits = Int(UInt16(bigEndian: p.loadUnaligned(as: UInt16.self)))
        let weight = Int(Int16(bitPattern: UInt16(bigEndian: p.loadUnaligned(fromByteOffset: 2, as: UInt16.self))))
        let sign = UInt16(bigEndian: p.loadUnaligned(fromByteOffset: 4, as: UInt16.self))
        guard length == 8 + 2 * ndigits else { return .malformed }
        switch sign {
        case signPositive, signNegative: break
        case signNaN: return .notANumber
        case signPlusInfinity: return .infinity(negative: false)
        case signMinusInfinity: return .infinity(negative: true)
        default: return .malformed
        }
        if ndigits == 0 { return .value(0) }
        // Horner over the base-10000 groups, in units of 10^-scale. Group i's unit digit has
        // exponent 4 × (weight − i) + scale; groups below the unit must only hold zeros (else the
        // value would need rounding), a group straddling it is split.
        var accumulator: Int128 = 0
        var unitExponent = 0
        var small: Int64 = 0
        let useSmall = ndigits <= 4  // at most 16 digits: plain 64-bit arithmetic
        for i in 0..<ndigits {
            let digit = Int(UInt16(bigEndian: p.loadUnaligned(fromByteOffset: 8 + 2 * i, as: UInt16.self)))
            let exponent = 4 * (weight - i) + scale
            var multiplier = 10_000
            var addend = digit
            if exponent >= 0 {
                unitExponent = exponent
            } else if exponent > -4 {
                let divisor = Int(powersOfTen[-exponent])
                if digit % divisor != 0 { return .lossOfDigits }
                multiplier = Int(powersOfTen[4 + exponent])
                addend = digit / divisor
                unitExponent = 0
            } else {
                if digit != 0 { return .lossOfDigits }
                continue
            }
            if useSmall {
                small = small &* Int64(multiplier) &+ Int64(addend)
            } else {
                let (product, overflow1) = accumulator.multipliedReportingOverflow(by: Int128(multiplier))
                let (sum, overflow2) = product.addingReportingOverflow(Int128(addend))
                if overflow1 || overflow2 { return .overflow }
                accumulator = sum
            }
        }
        if useSmall { accumulator = Int128(small) }
        if unitExponent > 0 && accumulator != 0 {
            guard unitExponent <= 38 else { return .overflow }
            let (product, overflow) = accumulator.multipliedReportingOverflow(by: powersOfTen[unitExponent])
            if overflow { return .overflow }
            accumulator = product
        }
        if precision < 39 && accumulator >= powersOfTen[precision] { return .overflow }
        return .value(sign == signNegative ? -accumulator : accumulator)
    }

    /// The text PostgreSQL prints for this value (`-12.50`, `0.001`, `NaN`, `Infinity`), written
    /// into `out`. Keeps the display scale (`dscale`), as `numeric_out` does.
    static func text(_ p: UnsafeRawPointer, _ length: Int) -> String? {
        guard length >= 8 else { return nil }
        let ndigits = Int(UInt16(bigEndian: p.loadUnaligned(as: UInt16.self)))
        let weight = Int(Int16(bitPattern: UInt16(bigEndian: p.loadUnaligned(fromByteOffset: 2, as: UInt16.self))))
        let sign = UInt16(bigEndian: p.loadUnaligned(fromByteOffset: 4, as: UInt16.self))
        let dscale = Int(UInt16(bigEndian: p.loadUnaligned(fromByteOffset: 6, as: UInt16.self)))
        guard length == 8 + 2 * ndigits else { return nil }
        switch sign {
        case signNaN: return "NaN"
        case signPlusInfinity: return "Infinity"
        case signMinusInfinity: return "-Infinity"
        case signPositive, signNegative: break
        default: return nil
        }
        func digit(_ i: Int) -> Int {
            guard i >= 0 && i < ndigits else { return 0 }
            return Int(UInt16(bigEndian: p.loadUnaligned(fromByteOffset: 8 + 2 * i, as: UInt16.self)))
        }
        var text = sign == signNegative ? "-" : ""
        // Integer part: groups 0...weight.
        if weight < 0 {
            text += "0"
        } else {
            for i in 0...weight {
                let group = String(digit(i))
                text += i == 0 ? group : String(repeating: "0", count: 4 - group.count) + group
            }
        }
        if dscale > 0 {
            text += "."
            var fraction = ""
            var i = weight + 1
            while fraction.count < dscale {
                let group = String(digit(i))
                fraction += String(repeating: "0", count: 4 - group.count) + group
                i += 1
            }
            text += fraction.prefix(dscale)
        }
        return text
    }
}
