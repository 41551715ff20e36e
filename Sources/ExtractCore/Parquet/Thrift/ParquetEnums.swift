/// Parquet `Type`: the physical types.
enum ParquetPhysicalType: Int32, Sendable {
    case boolean = 0
    case int32 = 1
    case int64 = 2
    case int96 = 3
    case float = 4
    case double = 5
    case byteArray = 6
    case fixedLenByteArray = 7
}

/// Parquet `ConvertedType` (the deprecated annotations, still written beside LogicalType).
enum ParquetConvertedType: Int32, Sendable {
    case utf8 = 0
    case decimal = 5
    case date = 6
    case timeMillis = 7
    case timeMicros = 8
    case timestampMillis = 9
    case timestampMicros = 10
    case int8 = 15
    case int16 = 16
    case int32 = 17
    case int64 = 18
}

/// Parquet `FieldRepetitionType`.
enum ParquetRepetition: Int32, Sendable {
    case required = 0
    case optional = 1
    case repeated = 2
}

/// Parquet `Encoding`.
enum ParquetEncoding: Int32, Sendable, Hashable, Comparable {
    case plain = 0
    case plainDictionary = 2
    case rle = 3
    case bitPacked = 4
    case deltaBinaryPacked = 5
    case deltaLengthByteArray = 6
    case deltaByteArray = 7
    case rleDictionary = 8
    case byteStreamSplit = 9

    static func < (a: ParquetEncoding, b: ParquetEncoding) -> Bool { a.rawValue < b.rawValue }
}

/// Parquet `CompressionCodec`.
enum ParquetCompressionCodec: Int32, Sendable {
    case uncompressed = 0
    case snappy = 1
    case gzip = 2
    case zstd = 6
    case lz4Raw = 7

    init(_ compression: BlockCompression) {
        switch compression {
        case .uncompressed: self = .uncompressed
        case .snappy: self = .snappy
        case .gzip: self = .gzip
        case .zstd: self = .zstd
        case .lz4Raw: self = .lz4Raw
        }
    }
}

/// Parquet `PageType`.
enum ParquetPageType: Int32, Sendable, Hashable {
    case dataPage = 0
    case indexPage = 1
    case dictionaryPage = 2
    case dataPageV2 = 3
}

/// Parquet `BoundaryOrder` (ColumnIndex).
enum ParquetBoundaryOrder: Int32, Sendable {
    case unordered = 0
    case ascending = 1
    case descending = 2
}
