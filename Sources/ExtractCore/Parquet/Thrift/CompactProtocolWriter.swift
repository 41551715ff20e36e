/// The Thrift compact protocol, write side: just what Parquet metadata needs (no messages, no maps).
///
/// Wire format (apache/thrift `doc/specs/thrift-compact-protocol.md`):
/// - integers i16/i32/i64 are zigzag-encoded, then written as unsigned LEB128 varints;
/// - a field header is one byte `(idDelta << 4) | type` when the id grows by 1...15 over the
///   previous field of the same struct, else the type byte followed by the zigzag id;
/// - booleans fields carry their value in the header's type nibble (1 true, 2 false);
/// - binary/string is a varint length plus the bytes; a struct ends with a stop byte 0.
///
/// Each nested struct keeps its own "last field id", saved on ``beginStruct()`` and restored on
/// ``endStruct()``.
struct CompactProtocolWriter {
    /// The serialized bytes so far.
    private(set) var bytes: [UInt8] = []
    private var lastFieldID: Int16 = 0
    private var lastFieldIDStack: [Int16] = []

    init(capacity: Int = 256) {
        bytes.reserveCapacity(capacity)
    }

    /// Compact-protocol type nibbles.
    enum WireType: UInt8 {
        case booleanTrue = 1
        case booleanFalse = 2
        case i8 = 3
        case i16 = 4
        case i32 = 5
        case i64 = 6
        case double = 7
        case binary = 8
        case list = 9
        case set = 10
        case map = 11
        case `struct` = 12
    }

    // MARK: primitives

    mutating func writeVarint(_ value: UInt64) {
        var v = value
        while v >= 0x80 {
            bytes.append(UInt8(truncatingIfNeeded: v) | 0x80)
            v >>= 7
        }
        bytes.append(UInt8(v))
    }

    @inline(__always)
    static func zigzag(_ n: Int64) -> UInt64 {
        UInt64(bitPattern: (n << 1) ^ (n >> 63))
    }

    mutating func writeI64Value(_ value: Int64) { writeVarint(Self.zigzag(value)) }
    mutating func writeI32Value(_ value: Int32) { writeVarint(Self.zigzag(Int64(value))) }

    mutating func writeBinaryValue(_ value: [UInt8]) {
        writeVarint(UInt64(value.count))
        bytes.append(contentsOf: value)
    }

    mutating func writeStringValue(_ value: String) {
        var copy = value
        copy.withUTF8 { utf8 in
            writeVarint(UInt64(utf8.count))
            bytes.append(contentsOf: utf8)
        }
    }

    // MARK: structure

    /// Writes a field header for field `id` of wire type `type`.
    mutating func writeFieldHeader(_ id: Int16, _ type: WireType) {
        let delta = Int(id) - Int(lastFieldID)
        if delta > 0 && delta <= 15 {
            bytes.append(UInt8(delta) << 4 | type.rawValue)
        } else {
            bytes.append(type.rawValue)
            writeVarint(Self.zigzag(Int64(id)))
        }
        lastFieldID = id
    }

    /// Starts a nested struct (the caller already wrote its field header or list header).
    mutating func beginStruct() {
        lastFieldIDStack.append(lastFieldID)
        lastFieldID = 0
    }

    /// Ends the current struct: writes the stop byte and restores the outer field id.
    mutating func endStruct() {
        bytes.append(0)
        lastFieldID = lastFieldIDStack.popLast() ?? 0
    }

    /// Writes a list header: `count` elements of wire type `elementType` follow.
    mutating func writeListHeader(_ elementType: WireType, count: Int) {
        if count < 15 {
            bytes.append(UInt8(count) << 4 | elementType.rawValue)
        } else {
            bytes.append(0xF0 | elementType.rawValue)
            writeVarint(UInt64(count))
        }
    }

    // MARK: fields

    mutating func field(_ id: Int16, i32 value: Int32) {
        writeFieldHeader(id, .i32)
        writeI32Value(value)
    }

    mutating func field(_ id: Int16, i32 value: Int32?) {
        if let value { field(id, i32: value) }
    }

    mutating func field(_ id: Int16, i64 value: Int64) {
        writeFieldHeader(id, .i64)
        writeI64Value(value)
    }

    mutating func field(_ id: Int16, i64 value: Int64?) {
        if let value { field(id, i64: value) }
    }

    mutating func field(_ id: Int16, i16 value: Int16?) {
        guard let value else { return }
        writeFieldHeader(id, .i16)
        writeVarint(Self.zigzag(Int64(value)))
    }

    mutating func field(_ id: Int16, i8 value: Int8) {
        writeFieldHeader(id, .i8)
        bytes.append(UInt8(bitPattern: value))
    }

    mutating func field(_ id: Int16, bool value: Bool) {
        writeFieldHeader(id, value ? .booleanTrue : .booleanFalse)
    }

    mutating func field(_ id: Int16, bool value: Bool?) {
        if let value { field(id, bool: value) }
    }

    mutating func field(_ id: Int16, binary value: [UInt8]?) {
        guard let value else { return }
        writeFieldHeader(id, .binary)
        writeBinaryValue(value)
    }

    mutating func field(_ id: Int16, string value: String?) {
        guard let value else { return }
        writeFieldHeader(id, .binary)
        writeStringValue(value)
    }

    /// A struct-valued field.
    mutating func field<T: ThriftStruct>(_ id: Int16, struct value: T?) {
        guard let value else { return }
        writeFieldHeader(id, .struct)
        value.write(to: &self)
    }

    /// A list of structs.
    mutating func field<T: ThriftStruct>(_ id: Int16, structs values: [T]?) {
        guard let values else { return }
        writeFieldHeader(id, .list)
        writeListHeader(.struct, count: values.count)
        for value in values { value.write(to: &self) }
    }

    mutating func field(_ id: Int16, i32s values: [Int32]?) {
        guard let values else { return }
        writeFieldHeader(id, .list)
        writeListHeader(.i32, count: values.count)
        for value in values { writeI32Value(value) }
    }

    mutating func field(_ id: Int16, i64s values: [Int64]?) {
        guard let values else { return }
        writeFieldHeader(id, .list)
        writeListHeader(.i64, count: values.count)
        for value in values { writeI64Value(value) }
    }

    mutating func field(_ id: Int16, binaries values: [[UInt8]]?) {
        guard let values else { return }
        writeFieldHeader(id, .list)
        writeListHeader(.binary, count: values.count)
        for value in values { writeBinaryValue(value) }
    }

    mutating func field(_ id: Int16, strings values: [String]?) {
        guard let values else { return }
        writeFieldHeader(id, .list)
        writeListHeader(.binary, count: values.count)
        for value in values { writeStringValue(value) }
    }

    /// A list of booleans: element type 2 in the header, one byte per element (1 true, 2 false),
    /// as the official libraries and arrow-rs write it.
    mutating func field(_ id: Int16, bools values: [Bool]?) {
        guard let values else { return }
        writeFieldHeader(id, .list)
        writeListHeader(.booleanFalse, count: values.count)
        for value in values { bytes.append(value ? 1 : 2) }
    }
}

/// A Thrift struct (or union) that serializes itself with the compact protocol.
protocol ThriftStruct {
    /// Writes the fields in increasing id order, framed by ``CompactProtocolWriter/beginStruct()``
    /// and ``CompactProtocolWriter/endStruct()``.
    func write(to writer: inout CompactProtocolWriter)
}

extension ThriftStruct {
    /// The struct serialized on its own (a page header, the footer, an index).
    func serialized() -> [UInt8] {
        var writer = CompactProtocolWriter()
        write(to: &writer)
        return writer.bytes
    }
}

/// An empty marker struct (StringType, DateType, MicroSeconds, TypeDefinedOrder...): just a stop byte.
struct ThriftEmptyStruct: ThriftStruct {
    func write(to writer: inout CompactProtocolWriter) {
        writer.beginStruct()
        writer.endStruct()
    }
}
