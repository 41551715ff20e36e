/// Decodes the RLE / bit-packing hybrid (levels, dictionary indices, v2 booleans); the inverse
/// of ``RLEHybridEncoder``.
enum RLEHybridDecoder {
    /// Decodes exactly `count` values of `bitWidth` bits (0...32) from `cursor` into `output`
    /// (appended). Values of a bit-packed run beyond `count` (padding) are dropped.
    static func decode<T: FixedWidthInteger & UnsignedInteger>(
        _ cursor: inout ByteCursor,
        bitWidth: Int,
        count: Int,
        into output: inout [T]
    ) throws {
        guard bitWidth >= 0 && bitWidth <= 32 else {
            throw ParquetDecodingError.malformed("an RLE run has bit width \(bitWidth)")
        }
        guard bitWidth <= T.bitWidth else {
            throw ParquetDecodingError.malformed("an RLE run has bit width \(bitWidth), more than the values allow")
        }
        output.reserveCapacity(output.count + count)
        var left = count
        let valueBytes = (bitWidth + 7) / 8
        while left > 0 {
            let header = try cursor.readVarint()
            if header & 1 == 0 {
                let run = header >> 1
                var value: UInt64 = 0
                for i in 0..<valueBytes { value |= UInt64(try cursor.readByte()) << (8 * UInt64(i)) }
                guard bitWidth == 0 ? value == 0 : value >> UInt64(bitWidth) == 0 || bitWidth == 32 else {
                    throw ParquetDecodingError.malformed(
                        "an RLE run repeats \(value), which does not fit \(bitWidth) bits"
                    )
                }
                guard run > 0 else { throw ParquetDecodingError.malformed("an RLE run is empty") }
                let n = Int(min(run, UInt64(left)))
                output.append(contentsOf: repeatElement(T(truncatingIfNeeded: value), count: n))
                left -= n
            } else {
                let groups = header >> 1
                guard groups > 0, groups <= UInt64(Int32.max) else {
                    throw ParquetDecodingError.malformed("a bit-packed run has \(groups) groups")
                }
                let values = Int(groups) * 8
                let byteCount = Int(groups) * bitWidth
                // A final run may be cut short by writers that do not pad; accept what is there.
                let available = min(byteCount, cursor.remaining)
                let take = min(values, left)
                guard available * 8 >= take * bitWidth else { throw ParquetDecodingError.truncated("a bit-packed run") }
                let bytes = try cursor.take(available)
                if bitWidth == 0 {
                    output.append(contentsOf: repeatElement(0, count: take))
                } else {
                    unpack(bytes, bitWidth: bitWidth, count: take, into: &output)
                }
                left -= take
                if available < byteCount {
                    guard left == 0 else { throw ParquetDecodingError.truncated("a bit-packed run") }; break
                }
            }
        }
    }

    /// Appends `count` values of `bitWidth` bits packed LSB first in `bytes`.
    @inline(__always)
    static func unpack<T: FixedWidthInteger & UnsignedInteger>(
        _ bytes: UnsafeRawBufferPointer,
        bitWidth: Int,
        count: Int,
        into output: inout [T]
    ) {
        let mask: UInt64 = bitWidth == 64 ? ~0 : (1 << UInt64(bitWidth)) - 1
        var buffer: UInt64 = 0
        var bits = 0
        var index = 0
        let end = bytes.count
        let start = output.count
        output.append(contentsOf: repeatElement(0, count: count))
        output.withUnsafeMutableBufferPointer { out in
            var i = start
            let stop = start + count
            while i < stop {
                while bits < bitWidth && index < end {
                    buffer |= UInt64(bytes[index]) << UInt64(bits)
                    bits += 8
                    index += 1
                }
                out[i] = T(truncatingIfNeeded: buffer & mask)
                buffer >>= UInt64(bitWidth)
                bits -= bitWidth
                i += 1
            }
        }
    }

    /// The bit width that holds `maxValue`.
    static func bitWidth(for maxValue: Int) -> Int {
        maxValue <= 0 ? 0 : Int.bitWidth - maxValue.leadingZeroBitCount
    }
}
