/// Parquet `PageHeader`, written (compact-encoded) directly before each page's bytes.
struct ParquetPageHeader: ThriftStruct, Sendable {
    var type: ParquetPageType
    var uncompressedPageSize: Int32
    var compressedPageSize: Int32
    var crc: Int32?
    var dataPageHeader: ParquetDataPageHeader?
    var dictionaryPageHeader: ParquetDictionaryPageHeader?

    func write(to writer: inout CompactProtocolWriter) {
        writer.beginStruct()
        writer.field(1, i32: type.rawValue)
        writer.field(2, i32: uncompressedPageSize)
        writer.field(3, i32: compressedPageSize)
        writer.field(4, i32: crc)
        writer.field(5, struct: dataPageHeader)
        writer.field(7, struct: dictionaryPageHeader)
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
