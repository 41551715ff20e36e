/// The RLE / bit-packing hybrid of the Parquet spec (`Encodings.md`), used for definition levels
/// and dictionary indices.
///
/// A stream of runs, each introduced by a varint header:
/// - RLE run: header `count << 1`, then the repeated value in `ceil(bitWidth / 8)` bytes (LE);
/// - bit-packed run: header `groups << 1 | 1`, then `groups * 8` values packed LSB first, each
///   `bitWidth` bits. Only the last run of a stream may be padded (with zeros) to a group of 8;
///   readers stop after the page's value count.
///
/// The encoder emits an RLE run for every stretch of at least 8 equal values and bit-packs the
/// rest. Nothing is length-prefixed here: V1 definition levels add their 4-byte length, dictionary
/// indices their bit-width byte (the callers do it).
enum RLEHybridEncoder {
    /// Appends the encoding of `values` (each below `1 << bitWidth`) to `out`.
    static func encode(_ values: UnsafeBufferPointer<UInt32>, bitWidth: Int, into out: inout [UInt8]) {
        precondition(bitWidth >= 0 && bitWidth <= 32)
        let n = values.count
        let valueBytes = (bitWidth + 7) / 8
        var i = 0
        while i < n {
            let run = runLength(values, from: i, limit: n)
            if run >= 8 {
                out.appendVarint(UInt64(run) << 1)
                var v = values[i]
                for _ in 0..<valueBytes {
                    out.append(UInt8(truncatingIfNeeded: v))
                    v >>= 8
                }
                i += run
                continue
            }
            // Bit-packed groups of 8 until a stretch of 8 equal values starts on a group boundary.
            let start = i
            var groups = 0
            repeat {
                i += 8
                groups += 1
            } while i < n && runLength(values, from: i, limit: Swift.min(n, i + 8)) < 8
            let end = Swift.min(i, n)
            out.appendVarint(UInt64(groups) << 1 | 1)
            bitPack(values, from: start, to: end, paddedCount: groups * 8, bitWidth: bitWidth, into: &out)
            i = end
        }
    }

    /// The number of values equal to `values[from]` starting at `from`, looking no further than `limit`.
    @inline(__always)
    private static func runLength(_ values: UnsafeBufferPointer<UInt32>, from: Int, limit: Int) -> Int {
        let first = values[from]
        var j = from + 1
        while j < limit && values[j] == first { j += 1 }
        return j - from
    }

    /// Packs `values[from..<to]` LSB first with `bitWidth` bits each, padded with zero values
    /// up to `paddedCount` values.
    static func bitPack(
        _ values: UnsafeBufferPointer<UInt32>,
        from: Int,
        to: Int,
        paddedCount: Int,
        bitWidth: Int,
        into out: inout [UInt8]
    ) {
        guard bitWidth > 0 else { return }
        let totalBytes = (paddedCount * bitWidth + 7) / 8
        let base = out.count
        out.append(contentsOf: repeatElement(0, count: totalBytes))
        out.withUnsafeMutableBufferPointer { buffer in
            var position = base
            var accumulator: UInt64 = 0
            var bits = 0
            for k in from..<to {
                accumulator |= UInt64(values[k]) << UInt64(bits)
                bits += bitWidth
                while bits >= 8 {
                    buffer[position] = UInt8(truncatingIfNeeded: accumulator)
                    position += 1
                    accumulator >>= 8
                    bits -= 8
                }
            }
            if bits > 0 { buffer[position] = UInt8(truncatingIfNeeded: accumulator) }
        }
    }
}
