/// Parquet `PageEncodingStats`: how many pages of a type use an encoding.
struct ParquetPageEncodingStats: ThriftStruct, Sendable {
    var pageType: ParquetPageType
    var encoding: ParquetEncoding
    var count: Int32

    func write(to writer: inout CompactProtocolWriter) {
        writer.beginStruct()
        writer.field(1, i32: pageType.rawValue)
        writer.field(2, i32: encoding.rawValue)
        writer.field(3, i32: count)
        writer.endStruct()
    }
}

/// Parquet `ColumnMetaData`.
struct ParquetColumnMetaData: ThriftStruct, Sendable {
    var type: ParquetPhysicalType
    var encodings: [ParquetEncoding]
    var pathInSchema: [String]
    var codec: ParquetCompressionCodec
    var numValues: Int64
    var totalUncompressedSize: Int64
    var totalCompressedSize: Int64
    var keyValueMetadata: [ParquetKeyValue]?
    var dataPageOffset: Int64
    var dictionaryPageOffset: Int64?
    var statistics: ParquetStatistics?
    var encodingStats: [ParquetPageEncodingStats]?

    func write(to writer: inout CompactProtocolWriter) {
        writer.beginStruct()
        writer.field(1, i32: type.rawValue)
        writer.field(2, i32s: encodings.map(\.rawValue))
        writer.field(3, strings: pathInSchema)
        writer.field(4, i32: codec.rawValue)
        writer.field(5, i64: numValues)
        writer.field(6, i64: totalUncompressedSize)
        writer.field(7, i64: totalCompressedSize)
        writer.field(8, structs: keyValueMetadata)
        writer.field(9, i64: dataPageOffset)
        writer.field(11, i64: dictionaryPageOffset)
        writer.field(12, struct: statistics)
        writer.field(13, structs: encodingStats)
        writer.endStruct()
    }
}

/// Parquet `ColumnChunk`.
struct ParquetColumnChunk: ThriftStruct, Sendable {
    /// Set when the chunk lives in another file (never written by swift-extract; the reader refuses it).
    var filePath: String?
    /// Deprecated; required by the format; always 0.
    var fileOffset: Int64 = 0
    var metaData: ParquetColumnMetaData
    var offsetIndexOffset: Int64?
    var offsetIndexLength: Int32?
    var columnIndexOffset: Int64?
    var columnIndexLength: Int32?
    /// Whether the chunk carries column encryption metadata (the reader refuses it).
    var isEncrypted = false

    func write(to writer: inout CompactProtocolWriter) {
        writer.beginStruct()
        writer.field(1, string: filePath)
        writer.field(2, i64: fileOffset)
        writer.field(3, struct: metaData)
        writer.field(4, i64: offsetIndexOffset)
        writer.field(5, i32: offsetIndexLength)
        writer.field(6, i64: columnIndexOffset)
        writer.field(7, i32: columnIndexLength)
        writer.endStruct()
    }
}

/// Parquet `RowGroup`.
struct ParquetRowGroup: ThriftStruct, Sendable {
    var columns: [ParquetColumnChunk]
    /// Sum of the chunks' uncompressed sizes (headers included).
    var totalByteSize: Int64
    var numRows: Int64
    var fileOffset: Int64?
    var totalCompressedSize: Int64?
    var ordinal: Int16?

    func write(to writer: inout CompactProtocolWriter) {
        writer.beginStruct()
        writer.field(1, structs: columns)
        writer.field(2, i64: totalByteSize)
        writer.field(3, i64: numRows)
        writer.field(5, i64: fileOffset)
        writer.field(6, i64: totalCompressedSize)
        writer.field(7, i16: ordinal)
        writer.endStruct()
    }
}

/// Parquet `FileMetaData`: the footer.
struct ParquetFileMetaData: ThriftStruct, Sendable {
    var version: Int32 = 1
    var schema: [ParquetSchemaElement]
    var numRows: Int64
    var rowGroups: [ParquetRowGroup]
    var keyValueMetadata: [ParquetKeyValue]?
    var createdBy: String?
    var columnOrders: [ParquetColumnOrder]?

    func write(to writer: inout CompactProtocolWriter) {
        writer.beginStruct()
        writer.field(1, i32: version)
        writer.field(2, structs: schema)
        writer.field(3, i64: numRows)
        writer.field(4, structs: rowGroups)
        writer.field(5, structs: keyValueMetadata)
        writer.field(6, string: createdBy)
        writer.field(7, structs: columnOrders)
        writer.endStruct()
    }
}
