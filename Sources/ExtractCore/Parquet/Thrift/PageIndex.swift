/// Parquet `PageLocation`: where one data page is.
struct ParquetPageLocation: ThriftStruct, Sendable {
    var offset: Int64
    /// Header plus compressed payload.
    var compressedPageSize: Int32
    var firstRowIndex: Int64

    func write(to writer: inout CompactProtocolWriter) {
        writer.beginStruct()
        writer.field(1, i64: offset)
        writer.field(2, i32: compressedPageSize)
        writer.field(3, i64: firstRowIndex)
        writer.endStruct()
    }
}

/// Parquet `OffsetIndex`: one location per data page of a column chunk.
struct ParquetOffsetIndex: ThriftStruct, Sendable {
    var pageLocations: [ParquetPageLocation]
    var unencodedByteArrayDataBytes: [Int64]?

    func write(to writer: inout CompactProtocolWriter) {
        writer.beginStruct()
        writer.field(1, structs: pageLocations)
        writer.field(2, i64s: unencodedByteArrayDataBytes)
        writer.endStruct()
    }
}

/// Parquet `ColumnIndex`: per-page bounds of a column chunk.
struct ParquetColumnIndex: ThriftStruct, Sendable {
    var nullPages: [Bool]
    var minValues: [[UInt8]]
    var maxValues: [[UInt8]]
    var boundaryOrder: ParquetBoundaryOrder
    var nullCounts: [Int64]?

    func write(to writer: inout CompactProtocolWriter) {
        writer.beginStruct()
        writer.field(1, bools: nullPages)
        writer.field(2, binaries: minValues)
        writer.field(3, binaries: maxValues)
        writer.field(4, i32: boundaryOrder.rawValue)
        writer.field(5, i64s: nullCounts)
        writer.endStruct()
    }
}
