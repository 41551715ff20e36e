/// Parquet `PageHeader`, written (compact-encoded) directly before each page's bytes.
struct ParquetPageHeader: ThriftStruct, Sendable {
    var type: ParquetPageType
    var uncompressedPageSize: Int32
    var compressedPageSize: Int32
    var crc: Int32?
    var dataPageHeader: ParquetDataPageHeader?
    var dictionaryPageHeader: ParquetDictionaryPageHeader?
    var dataPageHeaderV2: ParquetDataPageHeaderV2?

    func write(to writer: inout CompactProtocolWriter) {
        writer.beginStruct()
        writer.field(1, i32: type.rawValue)
        writer.field(2, i32: uncompressedPageSize)
        writer.field(3, i32: compressedPageSize)
        writer.field(4, i32: crc)
        writer.field(5, struct: dataPageHeader)
        writer.field(7, struct: dictionaryPageHeader)
        writer.field(8, struct: dataPageHeaderV2)
        writer.endStruct()
    }
}

/// Parquet `DataPageHeader` (data page V1).
struct ParquetDataPageHeader: ThriftStruct, Sendable {
    /// Values including NULLs (= rows for flat columns).
    var numValues: Int32
    var encoding: ParquetEncoding
    var definitionLevelEncoding: ParquetEncoding = .rle
    var repetitionLevelEncoding: ParquetEncoding = .rle
    var statistics: ParquetStatistics?

    func write(to writer: inout CompactProtocolWriter) {
        writer.beginStruct()
        writer.field(1, i32: numValues)
        writer.field(2, i32: encoding.rawValue)
        writer.field(3, i32: definitionLevelEncoding.rawValue)
        writer.field(4, i32: repetitionLevelEncoding.rawValue)
        writer.field(5, struct: statistics)
        writer.endStruct()
    }
}

/// Parquet `DictionaryPageHeader`.
struct ParquetDictionaryPageHeader: ThriftStruct, Sendable {
    var numValues: Int32
    var encoding: ParquetEncoding = .plain
    var isSorted: Bool?

    func write(to writer: inout CompactProtocolWriter) {
        writer.beginStruct()
        writer.field(1, i32: numValues)
        writer.field(2, i32: encoding.rawValue)
        writer.field(3, bool: isSorted)
        writer.endStruct()
    }
}

/// Parquet `DataPageHeaderV2`: levels come first, uncompressed, with their byte lengths here.
struct ParquetDataPageHeaderV2: ThriftStruct, Sendable {
    var numValues: Int32
    var numNulls: Int32
    var numRows: Int32
    var encoding: ParquetEncoding
    var definitionLevelsByteLength: Int32
    var repetitionLevelsByteLength: Int32
    /// Whether the values (not the levels) are compressed; default true.
    var isCompressed: Bool = true
    var statistics: ParquetStatistics?

    func write(to writer: inout CompactProtocolWriter) {
        writer.beginStruct()
        writer.field(1, i32: numValues)
        writer.field(2, i32: numNulls)
        writer.field(3, i32: numRows)
        writer.field(4, i32: encoding.rawValue)
        writer.field(5, i32: definitionLevelsByteLength)
        writer.field(6, i32: repetitionLevelsByteLength)
        writer.field(7, bool: isCompressed)
        writer.field(8, struct: statistics)
        writer.endStruct()
    }
}
