/// A `TextOutputStream` that copies what it is given to a raw byte pointer, so that the standard
/// library's shortest round-trip float printing (`Double.write(to:)`, the same digits as
/// `description`) lands in the output buffer without creating a `String`.
///
/// The standard library hands floating-point text to `_writeASCII(_:)` from a stack buffer;
/// ``write(_:)`` (a `String`) is only a fallback. The caller guarantees room for the text
/// (floating-point text is at most 32 bytes).
@usableFromInline
struct PointerTextStream: TextOutputStream {
    @usableFromInline let start: UnsafeMutablePointer<UInt8>
    @usableFromInline var count = 0

    @inlinable
    init(_ start: UnsafeMutablePointer<UInt8>) {
        self.start = start
    }

    @inlinable
    mutating func _writeASCII(_ buffer: UnsafeBufferPointer<UInt8>) {
        guard let base = buffer.baseAddress else { return }
        (start + count).update(from: base, count: buffer.count)
        count += buffer.count
    }

    @inlinable
    mutating func write(_ string: String) {
        for byte in string.utf8 {
            start[count] = byte
            count += 1
        }
    }
}
