/// Variable-length values (UTF-8 strings, binary) stored back to back: value `i` is
/// `data[offsets[i] ..< offsets[i + 1]]`.
///
/// Bytes are kept exactly as the source produced them: no normalisation, no re-encoding.
public struct ByteArrayBuffer: Sendable, Hashable {
    @usableFromInline var offsetStorage: [Int32]
    @usableFromInline var dataStorage: [UInt8]

    /// `count + 1` offsets into ``data``, starting at 0.
    @inlinable public var offsets: [Int32] { offsetStorage }
    /// The concatenated bytes of every value.
    @inlinable public var data: [UInt8] { dataStorage }

    public init(minimumCapacity: Int = 0, minimumDataCapacity: Int = 0) {
        offsetStorage = [0]
        offsetStorage.reserveCapacity(minimumCapacity + 1)
        dataStorage = []
        dataStorage.reserveCapacity(minimumDataCapacity)
    }

    /// The number of values.
    @inlinable
    public var count: Int { offsetStorage.count - 1 }

    /// The byte range of value `index` inside ``data``.
    @inlinable
    public func range(at index: Int) -> Range<Int> {
        Int(offsetStorage[index])..<Int(offsetStorage[index + 1])
    }

    /// Appends one value.
    @inlinable
    public mutating func append(_ bytes: UnsafeRawBufferPointer) {
        dataStorage.append(contentsOf: bytes)
        offsetStorage.append(Int32(truncatingIfNeeded: dataStorage.count))
    }

    /// Appends one value.
    @inlinable
    public mutating func append<C: Collection>(contentsOf bytes: C) where C.Element == UInt8 {
        dataStorage.append(contentsOf: bytes)
        offsetStorage.append(Int32(truncatingIfNeeded: dataStorage.count))
    }

    /// Appends an empty value (the placeholder of a NULL row).
    @inlinable
    public mutating func appendEmpty() {
        offsetStorage.append(Int32(truncatingIfNeeded: dataStorage.count))
    }

    /// Calls `body` with the bytes of value `index`, without copying.
    @inlinable
    public func withBytes<R>(at index: Int, _ body: (UnsafeRawBufferPointer) throws -> R) rethrows -> R {
        let start = Int(offsetStorage[index])
        let end = Int(offsetStorage[index + 1])
        return try dataStorage.withUnsafeBytes { all in
            try body(UnsafeRawBufferPointer(rebasing: all[start..<end]))
        }
    }

    /// The rows `range` as a new buffer.
    public func slice(_ range: Range<Int>) -> ByteArrayBuffer {
        var result = ByteArrayBuffer(minimumCapacity: range.count)
        guard !range.isEmpty else { return result }
        let start = Int(offsetStorage[range.lowerBound])
        let end = Int(offsetStorage[range.upperBound])
        result.dataStorage.append(contentsOf: dataStorage[start..<end])
        for i in range {
            result.offsetStorage.append(offsetStorage[i + 1] - Int32(start))
        }
        return result
    }

    /// The largest number of data bytes one buffer may hold (offsets are 32-bit); sources end a
    /// batch well before it.
    public static let maxDataBytes = Int(Int32.max)
}
