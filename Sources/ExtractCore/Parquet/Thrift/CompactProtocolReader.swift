/// The Thrift compact protocol, read side: the counterpart of ``CompactProtocolWriter`` for the
/// Parquet footer and page headers.
///
/// Every read is bounds-checked and throws ``ExtractError`` (`source`) on truncated or malformed
/// input; lists are capped by the bytes left (an element takes at least one byte, so a corrupt
/// count cannot make the decoder allocate more than the input size), and nesting is capped at
/// ``maximumDepth`` so a hostile footer cannot exhaust the stack. Unknown fields of every wire
/// type are skipped, which is how new union members and new optional fields stay readable.
struct CompactProtocolReader {
    private let bytes: UnsafeRawBufferPointer
    /// The offset of the next unread byte.
    private(set) var position: Int
    private var lastFieldID: Int16 = 0
    private var lastFieldIDStack: [Int16] = []
    /// The value of the last boolean field header (booleans live in the header's type nibble).
    private var pendingBool: Bool?

    /// Deeper nesting than this is refused.
    static let maximumDepth = 64

    init(_ bytes: UnsafeRawBufferPointer, position: Int = 0) {
        self.bytes = bytes
        self.position = position
    }

    typealias WireType = CompactProtocolWriter.WireType

    static func malformed(_ what: String) -> ExtractError {
        ExtractError(.source, "Parquet metadata is malformed: \(what); the file is corrupt or not Parquet")
    }

    static let truncated = ExtractError(.source, "Parquet metadata is truncated; the file is incomplete or corrupt")

    // MARK: primitives

    var remaining: Int { bytes.count - position }

    mutating func readByte() throws -> UInt8 {
        guard position < bytes.count else { throw Self.truncated }
        let b = bytes[position]
        position += 1
        return b
    }

    mutating func readVarint() throws -> UInt64 {
        var result: UInt64 = 0
        var shift: UInt64 = 0
        while true {
            let b = try readByte()
            if shift < 64 { result |= UInt64(b & 0x7F) << shift }
            if b & 0x80 == 0 { return result }
            shift += 7
            if shift > 70 { throw Self.malformed("a varint is longer than 10 bytes") }
        }
    }

    mutating func readI64() throws -> Int64 {
        let v = try readVarint()
        return Int64(bitPattern: (v >> 1) ^ (0 &- (v & 1)))
    }

    mutating func readI32() throws -> Int32 {
        let v = try readI64()
        guard let narrow = Int32(exactly: v) else { throw Self.malformed("an i32 value \(v) is out of range") }
        return narrow
    }

    mutating func readI16() throws -> Int16 {
        let v = try readI64()
        guard let narrow = Int16(exactly: v) else { throw Self.malformed("an i16 value \(v) is out of range") }
        return narrow
    }

    mutating func readI8() throws -> Int8 {
        Int8(bitPattern: try readByte())
    }

    mutating func readDouble() throws -> Double {
        guard remaining >= 8 else { throw Self.truncated }
        var bits: UInt64 = 0
        for i in 0..<8 { bits |= UInt64(bytes[position + i]) << (8 * UInt64(i)) }
        position += 8
        return Double(bitPattern: bits)
    }

    mutating func readBinary() throws -> [UInt8] {
        let length = try readVarint()
        guard length <= UInt64(remaining) else { throw Self.truncated }
        let n = Int(length)
        let result = [UInt8](UnsafeRawBufferPointer(rebasing: bytes[position..<(position + n)]))
        position += n
        return result
    }

    mutating func readString() throws -> String {
        let length = try readVarint()
        guard length <= UInt64(remaining) else { throw Self.truncated }
        let n = Int(length)
        let result = String(decoding: UnsafeRawBufferPointer(rebasing: bytes[position..<(position + n)]), as: UTF8.self)
        position += n
        return result
    }

    /// The value of a boolean field whose header was just read.
    mutating func readBool() throws -> Bool {
        if let value = pendingBool {
            pendingBool = nil
            return value
        }
        // A boolean inside a list: one byte.
        let b = try readByte()
        return b == 1
    }

    // MARK: structure

    mutating func beginStruct() throws {
        guard lastFieldIDStack.count < Self.maximumDepth else {
            throw Self.malformed("structs are nested more than \(Self.maximumDepth) deep")
        }
        lastFieldIDStack.append(lastFieldID)
        lastFieldID = 0
    }

    mutating func endStruct() {
        lastFieldID = lastFieldIDStack.popLast() ?? 0
    }

    /// The next field's id and wire type, or `nil` at the struct's stop byte.
    mutating func readFieldHeader() throws -> (id: Int16, type: UInt8)? {
        let header = try readByte()
        if header == 0 { return nil }
        let type = header & 0x0F
        let delta = header >> 4
        let id: Int16
        if delta != 0 {
            let (sum, overflow) = lastFieldID.addingReportingOverflow(Int16(delta))
            guard !overflow else { throw Self.malformed("a field id overflows") }
            id = sum
        } else {
            id = try readI16()
        }
        lastFieldID = id
        switch type {
        case WireType.booleanTrue.rawValue: pendingBool = true
        case WireType.booleanFalse.rawValue: pendingBool = false
        default: pendingBool = nil
        }
        return (id, type)
    }

    /// A list header: element wire type and count. The count is checked against the bytes left.
    mutating func readListHeader() throws -> (type: UInt8, count: Int) {
        let header = try readByte()
        let type = header & 0x0F
        var count = Int(header >> 4)
        if count == 15 {
            let big = try readVarint()
            guard big <= UInt64(Int32.max) else { throw Self.malformed("a list count \(big) is out of range") }
            count = Int(big)
        }
        // Every element takes at least one byte, except booleans packed into nothing (never).
        guard count <= remaining else { throw Self.truncated }
        return (type, count)
    }

    /// Skips a value of wire type `type` (any depth, bounded by ``maximumDepth``).
    mutating func skip(_ type: UInt8, depth: Int = 0) throws {
        guard depth < Self.maximumDepth else {
            throw Self.malformed("values are nested more than \(Self.maximumDepth) deep")
        }
        switch type {
        case WireType.booleanTrue.rawValue, WireType.booleanFalse.rawValue:
            if pendingBool != nil { pendingBool = nil } else { _ = try readByte() }
        case WireType.i8.rawValue: _ = try readByte()
        case WireType.i16.rawValue, WireType.i32.rawValue, WireType.i64.rawValue: _ = try readVarint()
        case WireType.double.rawValue:
            guard remaining >= 8 else { throw Self.truncated }
            position += 8
        case WireType.binary.rawValue:
            let length = try readVarint()
            guard length <= UInt64(remaining) else { throw Self.truncated }
            position += Int(length)
        case WireType.list.rawValue, WireType.set.rawValue:
            let (elementType, count) = try readListHeader()
            for _ in 0..<count { try skip(elementType, depth: depth + 1) }
        case WireType.map.rawValue:
            let count = try readVarint()
            guard count <= UInt64(remaining) else { throw Self.truncated }
            if count > 0 {
                let kinds = try readByte()
                for _ in 0..<Int(count) {
                    try skip(kinds >> 4, depth: depth + 1)
                    try skip(kinds & 0x0F, depth: depth + 1)
                }
            }
        case WireType.struct.rawValue:
            try beginStruct()
            while let field = try readFieldHeader() { try skip(field.type, depth: depth + 1) }
            endStruct()
        default:
            throw Self.malformed("unknown Thrift wire type \(type)")
        }
    }

    /// Reads a struct: `body` is called for every field and returns `false` for fields it does
    /// not know, which are then skipped.
    mutating func readStruct(_ body: (inout CompactProtocolReader, Int16, UInt8) throws -> Bool) throws {
        try beginStruct()
        while let field = try readFieldHeader() {
            if try !body(&self, field.id, field.type) { try skip(field.type) }
        }
        endStruct()
    }

    /// Reads a list whose elements `element` decodes.
    mutating func readList<T>(_ element: (inout CompactProtocolReader, UInt8) throws -> T) throws -> [T] {
        let (type, count) = try readListHeader()
        var result: [T] = []
        result.reserveCapacity(count)
        for _ in 0..<count { result.append(try element(&self, type)) }
        return result
    }

    /// Checks that a field has the wire type its schema says (a mismatch is corruption).
    static func expect(_ actual: UInt8, _ expected: WireType, _ field: String) throws {
        let ok: Bool
        switch expected {
        case .booleanTrue, .booleanFalse:
            ok = actual == WireType.booleanTrue.rawValue || actual == WireType.booleanFalse.rawValue
        default:
            ok = actual == expected.rawValue
        }
        guard ok else { throw malformed("field \(field) has wire type \(actual), expected \(expected.rawValue)") }
    }
}

/// A Thrift struct decodable with the compact protocol.
protocol ThriftDecodable {
    init(from reader: inout CompactProtocolReader) throws
}

extension CompactProtocolReader {
    mutating func readI32Field(_ type: UInt8, _ name: String) throws -> Int32 {
        try Self.expect(type, .i32, name)
        return try readI32()
    }

    mutating func readI64Field(_ type: UInt8, _ name: String) throws -> Int64 {
        // Some writers use i32 where i64 is declared and vice versa; both are zigzag varints.
        guard type == WireType.i64.rawValue || type == WireType.i32.rawValue || type == WireType.i16.rawValue else {
            throw Self.malformed("field \(name) has wire type \(type), expected an integer")
        }
        return try readI64()
    }

    mutating func readStringField(_ type: UInt8, _ name: String) throws -> String {
        try Self.expect(type, .binary, name)
        return try readString()
    }

    mutating func readBinaryField(_ type: UInt8, _ name: String) throws -> [UInt8] {
        try Self.expect(type, .binary, name)
        return try readBinary()
    }

    mutating func readBoolField(_ type: UInt8, _ name: String) throws -> Bool {
        try Self.expect(type, .booleanTrue, name)
        return try readBool()
    }

    mutating func readStructField<T: ThriftDecodable>(_ type: UInt8, _ name: String) throws -> T {
        try Self.expect(type, .struct, name)
        return try T(from: &self)
    }

    mutating func readStructListField<T: ThriftDecodable>(_ type: UInt8, _ name: String) throws -> [T] {
        try Self.expect(type, .list, name)
        return try readList { reader, elementType in
            try Self.expect(elementType, .struct, name)
            return try T(from: &reader)
        }
    }

    mutating func readI32ListField(_ type: UInt8, _ name: String) throws -> [Int32] {
        try Self.expect(type, .list, name)
        return try readList { reader, elementType in
            try Self.expect(elementType, .i32, name)
            return try reader.readI32()
        }
    }

    mutating func readStringListField(_ type: UInt8, _ name: String) throws -> [String] {
        try Self.expect(type, .list, name)
        return try readList { reader, elementType in
            try Self.expect(elementType, .binary, name)
            return try reader.readString()
        }
    }
}
