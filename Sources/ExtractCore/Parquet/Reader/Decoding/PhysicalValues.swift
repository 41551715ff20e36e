/// Decoded values of one physical type, dense (no NULL placeholders): a page's values, a
/// dictionary, or a batch's column before its logical conversion. Only the array of
/// ``kind`` is used; INT96 is held as microseconds in ``int64s``, FIXED_LEN_BYTE_ARRAY in ``bytes``.
struct PhysicalValues {
    enum Kind { case bool, int32, int64, float, double, bytes }

    let kind: Kind
    var bools: [Bool] = []
    var int32s: [Int32] = []
    var int64s: [Int64] = []
    var floats: [Float] = []
    var doubles: [Double] = []
    var bytes = ByteArrayBuffer()

    init(kind: Kind) { self.kind = kind }

    init(physicalType: ParquetPhysicalType) {
        switch physicalType {
        case .boolean: kind = .bool
        case .int32: kind = .int32
        case .int64, .int96: kind = .int64
        case .float: kind = .float
        case .double: kind = .double
        case .byteArray, .fixedLenByteArray: kind = .bytes
        }
    }

    var count: Int {
        switch kind {
        case .bool: bools.count
        case .int32: int32s.count
        case .int64: int64s.count
        case .float: floats.count
        case .double: doubles.count
        case .bytes: bytes.count
        }
    }

    mutating func reserve(_ n: Int) {
        switch kind {
        case .bool: bools.reserveCapacity(bools.count + n)
        case .int32: int32s.reserveCapacity(int32s.count + n)
        case .int64: int64s.reserveCapacity(int64s.count + n)
        case .float: floats.reserveCapacity(floats.count + n)
        case .double: doubles.reserveCapacity(doubles.count + n)
        case .bytes: bytes.offsetStorage.reserveCapacity(bytes.offsetStorage.count + n)
        }
    }

    mutating func removeAll() {
        bools.removeAll(keepingCapacity: true)
        int32s.removeAll(keepingCapacity: true)
        int64s.removeAll(keepingCapacity: true)
        floats.removeAll(keepingCapacity: true)
        doubles.removeAll(keepingCapacity: true)
        bytes.offsetStorage.removeAll(keepingCapacity: true)
        bytes.offsetStorage.append(0)
        bytes.dataStorage.removeAll(keepingCapacity: true)
    }

    /// Appends the dense values `range` of `other` (same kind).
    mutating func append(contentsOf other: PhysicalValues, range: Range<Int>) {
        switch kind {
        case .bool: bools.append(contentsOf: other.bools[range])
        case .int32: int32s.append(contentsOf: other.int32s[range])
        case .int64: int64s.append(contentsOf: other.int64s[range])
        case .float: floats.append(contentsOf: other.floats[range])
        case .double: doubles.append(contentsOf: other.doubles[range])
        case .bytes: bytes.appendValues(of: other.bytes, range: range)
        }
    }

    /// Appends one placeholder (NULL row).
    mutating func appendPlaceholder(_ n: Int = 1) {
        switch kind {
        case .bool: bools.append(contentsOf: repeatElement(false, count: n))
        case .int32: int32s.append(contentsOf: repeatElement(0, count: n))
        case .int64: int64s.append(contentsOf: repeatElement(0, count: n))
        case .float: floats.append(contentsOf: repeatElement(0, count: n))
        case .double: doubles.append(contentsOf: repeatElement(0, count: n))
        case .bytes:
            let end = bytes.offsetStorage[bytes.offsetStorage.count - 1]
            bytes.offsetStorage.append(contentsOf: repeatElement(end, count: n))
        }
    }

    /// Appends the value `index` of `other` (same kind).
    @inline(__always)
    mutating func appendValue(of other: PhysicalValues, at index: Int) {
        switch kind {
        case .bool: bools.append(other.bools[index])
        case .int32: int32s.append(other.int32s[index])
        case .int64: int64s.append(other.int64s[index])
        case .float: floats.append(other.floats[index])
        case .double: doubles.append(other.doubles[index])
        case .bytes: bytes.appendValues(of: other.bytes, range: index..<(index + 1))
        }
    }

    /// Appends `dictionary[indices[i]]` for every index; an index past the dictionary is corruption.
    mutating func appendGathering(from dictionary: PhysicalValues, indices: [UInt32]) throws {
        let size = dictionary.count
        for index in indices where Int(index) >= size {
            throw ParquetDecodingError.malformed("a dictionary index \(index) is past the dictionary's \(size) values")
        }
        switch kind {
        case .bool: for i in indices { bools.append(dictionary.bools[Int(i)]) }
        case .int32:
            dictionary.int32s.withUnsafeBufferPointer { d in int32s.append(contentsOf: indices.lazy.map { d[Int($0)] })
            }
        case .int64:
            dictionary.int64s.withUnsafeBufferPointer { d in int64s.append(contentsOf: indices.lazy.map { d[Int($0)] })
            }
        case .float:
            dictionary.floats.withUnsafeBufferPointer { d in floats.append(contentsOf: indices.lazy.map { d[Int($0)] })
            }
        case .double:
            dictionary.doubles.withUnsafeBufferPointer { d in
                doubles.append(contentsOf: indices.lazy.map { d[Int($0)] })
            }
        case .bytes:
            var total = 0
            dictionary.bytes.offsetStorage.withUnsafeBufferPointer { offsets in
                for i in indices { total += Int(offsets[Int(i) + 1] - offsets[Int(i)]) }
            }
            bytes.dataStorage.reserveCapacity(bytes.dataStorage.count + total)
            bytes.offsetStorage.reserveCapacity(bytes.offsetStorage.count + indices.count)
            dictionary.bytes.offsetStorage.withUnsafeBufferPointer { offsets in
                dictionary.bytes.dataStorage.withUnsafeBytes { data in
                    for i in indices {
                        let start = Int(offsets[Int(i)]), end = Int(offsets[Int(i) + 1])
                        bytes.dataStorage.append(contentsOf: UnsafeRawBufferPointer(rebasing: data[start..<end]))
                        bytes.offsetStorage.append(Int32(truncatingIfNeeded: bytes.dataStorage.count))
                    }
                }
            }
        }
    }
}

extension ByteArrayBuffer {
    /// Appends the values `range` of `other` in one copy.
    mutating func appendValues(of other: ByteArrayBuffer, range: Range<Int>) {
        guard !range.isEmpty else { return }
        let start = Int(other.offsetStorage[range.lowerBound])
        let end = Int(other.offsetStorage[range.upperBound])
        let base = Int32(truncatingIfNeeded: dataStorage.count) &- Int32(truncatingIfNeeded: start)
        dataStorage.append(contentsOf: other.dataStorage[start..<end])
        other.offsetStorage.withUnsafeBufferPointer { offsets in
            offsetStorage.append(contentsOf: offsets[(range.lowerBound + 1)...range.upperBound].lazy.map { $0 &+ base })
        }
    }
}
