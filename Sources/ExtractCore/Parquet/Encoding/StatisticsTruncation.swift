/// Shortens long BYTE_ARRAY statistics the way the format allows: a lower bound may be any prefix
/// of the minimum; an upper bound is a prefix whose last character (string) or byte (binary) is
/// incremented, so it sorts after every value with that prefix. Strings stay valid UTF-8.
enum StatisticsTruncation {
    /// The lower bound of `value` in at most `limit` bytes.
    static func lowerBound(_ value: [UInt8], limit: Int, utf8: Bool) -> (bytes: [UInt8], exact: Bool) {
        guard value.count > limit else { return (value, true) }
        var n = limit
        if utf8 { while n > 0 && value[n] & 0xC0 == 0x80 { n -= 1 } }
        return (Array(value[0..<n]), false)
    }

    /// An upper bound of `value` in about `limit` bytes; the value itself when none is shorter.
    static func upperBound(_ value: [UInt8], limit: Int, utf8: Bool) -> (bytes: [UInt8], exact: Bool) {
        guard value.count > limit else { return (value, true) }
        if utf8 {
            var n = limit
            while n > 0 && value[n] & 0xC0 == 0x80 { n -= 1 }
            var prefix = Array(value[0..<n])
            while !prefix.isEmpty {
                var start = prefix.count - 1
                while start > 0 && prefix[start] & 0xC0 == 0x80 { start -= 1 }
                let scalar = decodeScalar(prefix[start...])
                prefix.removeSubrange(start...)
                var next = scalar &+ 1
                if next >= 0xD800 && next <= 0xDFFF { next = 0xE000 }
                if let scalar = scalar == UInt32.max ? nil : Unicode.Scalar(next) {
                    prefix.append(contentsOf: String(Character(scalar)).utf8)
                    return (prefix, false)
                }
            }
            return (value, true)
        }
        var prefix = Array(value[0..<limit])
        while let last = prefix.last {
            if last < 0xFF {
                prefix[prefix.count - 1] = last + 1
                return (prefix, false)
            }
            prefix.removeLast()
        }
        return (value, true)
    }

    /// Decodes one UTF-8 sequence (assumed valid); `UInt32.max` when it is not.
    private static func decodeScalar(_ bytes: ArraySlice<UInt8>) -> UInt32 {
        var iterator = bytes.makeIterator()
        var decoder = UTF8()
        if case .scalarValue(let scalar) = decoder.decode(&iterator) { return scalar.value }
        return UInt32.max
    }
}
