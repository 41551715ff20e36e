/// A bounds-checked cursor over a page's bytes. Every read that would pass the end throws
/// ``ParquetDecodingError/truncated`` instead of reading out of bounds.
struct ByteCursor {
    let bytes: UnsafeRawBufferPointer
    var position: Int

    init(_ bytes: UnsafeRawBufferPointer, position: Int = 0) {
        self.bytes = bytes
        self.position = position
    }

    var remaining: Int { bytes.count - position }
    var isAtEnd: Bool { position >= bytes.count }

    mutating func readByte() throws -> UInt8 {
        guard position < bytes.count else { throw ParquetDecodingError.truncated("a page") }
        let b = bytes[position]
        position += 1
        return b
    }

    mutating func readUInt32LE() throws -> UInt32 {
        guard remaining >= 4 else { throw ParquetDecodingError.truncated("a length prefix") }
        let v = bytes.loadUnaligned(fromByteOffset: position, as: UInt32.self)
        position += 4
        return UInt32(littleEndian: v)
    }

    mutating func readVarint() throws -> UInt64 {
        var result: UInt64 = 0
        var shift: UInt64 = 0
        while true {
            let b = try readByte()
            if shift < 64 { result |= UInt64(b & 0x7F) << shift }
            if b & 0x80 == 0 { return result }
            shift += 7
            guard shift <= 63 else { throw ParquetDecodingError.malformed("a varint is longer than 10 bytes") }
        }
    }

    mutating func readZigzag() throws -> Int64 {
        let v = try readVarint()
        return Int64(bitPattern: (v >> 1) ^ (0 &- (v & 1)))
    }

    /// The next `count` bytes, consumed.
    mutating func take(_ count: Int) throws -> UnsafeRawBufferPointer {
        guard count >= 0, count <= remaining else { throw ParquetDecodingError.truncated("a page") }
        let slice = UnsafeRawBufferPointer(rebasing: bytes[position..<(position + count)])
        position += count
        return slice
    }

    /// The bytes not yet consumed.
    var rest: UnsafeRawBufferPointer { UnsafeRawBufferPointer(rebasing: bytes[min(position, bytes.count)...]) }
}

/// Why a page could not be decoded. Converted to ``ExtractError`` with the file and column by
/// the chunk reader.
enum ParquetDecodingError: Error {
    case truncated(String)
    case malformed(String)
    case unsupported(String)

    var message: String {
        switch self {
        case .truncated(let what): "\(what) ends early; the file is truncated or corrupt"
        case .malformed(let what): "\(what); the file is corrupt"
        case .unsupported(let what): what
        }
    }
}
