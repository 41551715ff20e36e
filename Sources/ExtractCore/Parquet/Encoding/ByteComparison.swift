#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// `memcmp`, named so that call sites read clearly.
@inline(__always)
func memcmpBytes(_ a: UnsafeRawPointer, _ b: UnsafeRawPointer, _ count: Int) -> Int32 {
    memcmp(a, b, count)
}

/// Compares two byte strings: unsigned lexicographic (BYTE_ARRAY / UTF8 order), or, when
/// `signedFirstByte` is set, as big-endian two's-complement numbers of equal width (FLBA decimals).
/// Returns a negative number, zero or a positive number.
@inline(__always)
func compareBytes(_ a: UnsafeRawBufferPointer, _ b: UnsafeRawBufferPointer, signedFirstByte: Bool) -> Int {
    if signedFirstByte, !a.isEmpty, !b.isEmpty {
        let x = Int8(bitPattern: a[0]), y = Int8(bitPattern: b[0])
        if x != y { return x < y ? -1 : 1 }
        let n = a.count - 1
        if n == 0 { return 0 }
        return Int(memcmpBytes(a.baseAddress! + 1, b.baseAddress! + 1, n))
    }
    let n = Swift.min(a.count, b.count)
    if n > 0 {
        let c = memcmpBytes(a.baseAddress!, b.baseAddress!, n)
        if c != 0 { return Int(c) }
    }
    return a.count - b.count
}
