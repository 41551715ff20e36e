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

    /// The spelling of the Parquet spec.
    var name: String {
        switch self {
        case .boolean: "BOOLEAN"
        case .int32: "INT32"
        case .int64: "INT64"
        case .int96: "INT96"
        case .float: "FLOAT"
        case .double: "DOUBLE"
        case .byteArray: "BYTE_ARRAY"
        case .fixedLenByteArray: "FIXED_LEN_BYTE_ARRAY"
        }
    }
}

/// Parquet `ConvertedType` (the deprecated annotations, still written beside LogicalType; older
/// writers carry only these).
enum ParquetConvertedType: Int32, Sendable {
    case utf8 = 0
    case map = 1
    case mapKeyValue = 2
    case list = 3
    case `enum` = 4
    case decimal = 5
    case date = 6
    case timeMillis = 7
    case timeMicros = 8
    case timestampMillis = 9
    case timestampMicros = 10
    case uint8 = 11
    case uint16 = 12
    case uint32 = 13
    case uint64 = 14
    case int8 = 15
    case int16 = 16
    case int32 = 17
    case int64 = 18
    case json = 19
    case bson = 20
    case interval = 21
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

    /// The spelling of the Parquet spec.
    var name: String {
        switch self {
        case .plain: "PLAIN"
        case .plainDictionary: "PLAIN_DICTIONARY"
        case .rle: "RLE"
        case .bitPacked: "BIT_PACKED"
        case .deltaBinaryPacked: "DELTA_BINARY_PACKED"
        case .deltaLengthByteArray: "DELTA_LENGTH_BYTE_ARRAY"
        case .deltaByteArray: "DELTA_BYTE_ARRAY"
        case .rleDictionary: "RLE_DICTIONARY"
        case .byteStreamSplit: "BYTE_STREAM_SPLIT"
        }
    }
}

/// Parquet `CompressionCodec`: how the pages of a column chunk are compressed.
public enum ParquetCompressionCodec: Int32, Sendable, Hashable, CaseIterable {
    case uncompressed = 0
    case snappy = 1
    case gzip = 2
    case lzo = 3
    case brotli = 4
    /// The deprecated `LZ4`: Hadoop-framed LZ4 blocks, or (some writers) one raw block.
    case lz4 = 5
    case zstd = 6
    case lz4Raw = 7

    /// The spelling of the Parquet spec: `SNAPPY`, `LZ4_RAW`.
    public var name: String {
        switch self {
        case .uncompressed: "UNCOMPRESSED"
        case .snappy: "SNAPPY"
        case .gzip: "GZIP"
        case .lzo: "LZO"
        case .brotli: "BROTLI"
        case .lz4: "LZ4"
        case .zstd: "ZSTD"
        case .lz4Raw: "LZ4_RAW"
        }
    }

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
