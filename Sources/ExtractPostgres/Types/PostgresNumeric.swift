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
        var accumulator: Int128
        if ndigits <= 4 {
            // Up to 16 decimal digits: plain 64-bit arithmetic.
            var small: Int64 = 0
            for i in 0..<ndigits {
                small = small &* 10_000 &+ Int64(UInt16(bigEndian: p.loadUnaligned(fromByteOffset: 8 + 2 * i, as: UInt16.self)))
            }
            accumulator = Int128(small)
        } else {
            accumulator = 0
            for i in 0..<ndigits {
                let digit = Int128(UInt16(bigEndian: p.loadUnaligned(fromByteOffset: 8 + 2 * i, as: UInt16.self)))
                let (product, overflow1) = accumulator.multipliedReportingOverflow(by: 10_000)
                let (sum, overflow2) = product.addingReportingOverflow(digit)
                if overflow1 || overflow2 { return .overflow }
                accumulator = sum
            }
        }
        // `accumulator` is the value × 10^currentScale.
        let currentScale = 4 * (ndigits - 1 - weight)
        if currentScale < scale {
            let shift = scale - currentScale
            guard shift <= 38 else { return .overflow }
            let (product, overflow) = accumulator.multipliedReportingOverflow(by: powersOfTen[shift])
            if overflow { return .overflow }
            accumulator = product
        } else if currentScale > scale {
            let shift = currentScale - scale
            guard shift <= 38 else { return .lossOfDigits }
            let (quotient, remainder) = accumulator.quotientAndRemainder(dividingBy: powersOfTen[shift])
            if remainder != 0 { return .lossOfDigits }
            accumulator = quotient
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
