/// Parquet `SchemaElement`: one node of the depth-first schema list.
struct ParquetSchemaElement: ThriftStruct, Sendable {
    var type: ParquetPhysicalType?
    var typeLength: Int32?
    var repetition: ParquetRepetition?
    var name: String
    var numChildren: Int32?
    var convertedType: ParquetConvertedType?
    var scale: Int32?
    var precision: Int32?
    var logicalType: ParquetLogicalType?
    var fieldID: Int32?

    func write(to writer: inout CompactProtocolWriter) {
        writer.beginStruct()
        writer.field(1, i32: type?.rawValue)
        writer.field(2, i32: typeLength)
        writer.field(3, i32: repetition?.rawValue)
        writer.field(4, string: name)
        writer.field(5, i32: numChildren)
        writer.field(6, i32: convertedType?.rawValue)
        writer.field(7, i32: scale)
        writer.field(8, i32: precision)
        writer.field(9, i32: fieldID)
        writer.field(10, struct: logicalType)
        writer.endStruct()
    }
}

/// Parquet `KeyValue`.
struct ParquetKeyValue: ThriftStruct, Sendable {
    var key: String
    var value: String?

    func write(to writer: inout CompactProtocolWriter) {
        writer.beginStruct()
        writer.field(1, string: key)
        writer.field(2, string: value)
        writer.endStruct()
    }
}
