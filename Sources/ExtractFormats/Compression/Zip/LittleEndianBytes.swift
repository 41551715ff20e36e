extension Array where Element == UInt8 {
    /// Appends `value` in little-endian byte order (ZIP headers).
    mutating func appendLittleEndian<T: FixedWidthInteger>(_ value: T) {
        var value = value.littleEndian
        Swift.withUnsafeBytes(of: &value) { append(contentsOf: $0) }
    }
}
