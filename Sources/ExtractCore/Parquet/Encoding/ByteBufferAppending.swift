/// Little helpers that append Parquet's little-endian and varint forms to a byte buffer.
extension Array where Element == UInt8 {
    @inline(__always)
    mutating func appendLittleEndian<T: FixedWidthInteger>(_ value: T) {
        Swift.withUnsafeBytes(of: value.littleEndian) { append(contentsOf: $0) }
    }

    /// Unsigned LEB128 (the RLE hybrid run headers).
    @inline(__always)
    mutating func appendVarint(_ value: UInt64) {
        var v = value
        while v >= 0x80 {
            append(UInt8(truncatingIfNeeded: v) | 0x80)
            v >>= 7
        }
        append(UInt8(v))
    }
}

/// The number of bits needed to store `value` (0 for 0).
@inline(__always)
func bitLength(_ value: UInt64) -> Int {
    64 - value.leadingZeroBitCount
}
