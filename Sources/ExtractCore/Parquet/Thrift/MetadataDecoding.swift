/// Decoding of the footer and page-header structs (field ids from `parquet.thrift`). Required
/// fields that are missing make the struct malformed; unknown fields are skipped.

extension ParquetPhysicalType {
    init(decoding raw: Int32) throws {
        guard let value = ParquetPhysicalType(rawValue: raw) else {
            throw CompactProtocolReader.malformed("unknown physical type \(raw)")
        }
        self = value
    }
}

extension ParquetTimeUnit: ThriftDecodable {
    init(from reader: inout CompactProtocolReader) throws {
        var unit: ParquetTimeUnit?
        try reader.readStruct { r, id, type in
            switch id {
            case 1: unit = .millis
            case 2: unit = .micros
            case 3: unit = .nanos
            default: return false
            }
            try r.skip(type)
            return true
        }
        guard let unit else { throw CompactProtocolReader.malformed("a TimeUnit has no known member") }
        self = unit
    }
}

extension ParquetLogicalType: ThriftDecodable {
    init(from reader: inout CompactProtocolReader) throws {
        var result: ParquetLogicalType?
        try reader.readStruct { r, id, type in
            switch id {
            case 1: result = .string
            case 2: result = .map
            case 3: result = .list
            case 4: result = .enum
            case 5:
                var scale: Int32 = 0, precision: Int32?
                try CompactProtocolReader.expect(type, .struct, "DecimalType")
                try r.readStruct { r, id, type in
                    switch id {
                    case 1: scale = try r.readI32Field(type, "DecimalType.scale")
                    case 2: precision = try r.readI32Field(type, "DecimalType.precision")
                    default: return false
                    }
                    return true
                }
                guard let precision else { throw CompactProtocolReader.malformed("a DecimalType has no precision") }
                result = .decimal(scale: scale, precision: precision)
                return true
            case 6: result = .date
            case 7, 8:
                var utc = false
                var unit: ParquetTimeUnit?
                try CompactProtocolReader.expect(type, .struct, "TimeType")
                try r.readStruct { r, id, type in
                    switch id {
                    case 1: utc = try r.readBoolField(type, "isAdjustedToUTC")
                    case 2: unit = try r.readStructField(type, "unit")
                    default: return false
                    }
                    return true
                }
                guard let unit else { throw CompactProtocolReader.malformed("a time type has no unit") }
                result =
                    id == 7 ? .time(isAdjustedToUTC: utc, unit: unit) : .timestamp(isAdjustedToUTC: utc, unit: unit)
                return true
            case 10:
                var width: Int8 = 64, signed = true
                try CompactProtocolReader.expect(type, .struct, "IntType")
                try r.readStruct { r, id, type in
                    switch id {
                    case 1:
                        try CompactProtocolReader.expect(type, .i8, "IntType.bitWidth")
                        width = try r.readI8()
                    case 2: signed = try r.readBoolField(type, "IntType.isSigned")
                    default: return false
                    }
                    return true
                }
                result = .integer(bitWidth: width, isSigned: signed)
                return true
            case 11: result = .unknown
            case 12: result = .json
            case 13: result = .bson
            case 14: result = .uuid
            case 15: result = .float16
            case 16: result = .variant
            case 17: result = .geometry
            case 18: result = .geography
            default: result = .other(fieldID: id)
            }
            try r.skip(type)
            return true
        }
        self = result ?? .other(fieldID: 0)
    }
}

extension ParquetSchemaElement: ThriftDecodable {
    init(from reader: inout CompactProtocolReader) throws {
        var element = ParquetSchemaElement(name: "")
        var hasName = false
        try reader.readStruct { r, id, type in
            switch id {
            case 1: element.type = try ParquetPhysicalType(decoding: r.readI32Field(type, "SchemaElement.type"))
            case 2: element.typeLength = try r.readI32Field(type, "SchemaElement.type_length")
            case 3:
                let raw = try r.readI32Field(type, "SchemaElement.repetition_type")
                guard let repetition = ParquetRepetition(rawValue: raw) else {
                    throw CompactProtocolReader.malformed("unknown repetition type \(raw)")
                }
                element.repetition = repetition
            case 4: element.name = try r.readStringField(type, "SchemaElement.name"); hasName = true
            case 5: element.numChildren = try r.readI32Field(type, "SchemaElement.num_children")
            // An unknown converted type is ignored like an unknown logical type.
            case 6:
                element.convertedType = ParquetConvertedType(
                    rawValue: try r.readI32Field(type, "SchemaElement.converted_type")
                )
            case 7: element.scale = try r.readI32Field(type, "SchemaElement.scale")
            case 8: element.precision = try r.readI32Field(type, "SchemaElement.precision")
            case 9: element.fieldID = try r.readI32Field(type, "SchemaElement.field_id")
            case 10: element.logicalType = try r.readStructField(type, "SchemaElement.logicalType")
            default: return false
            }
            return true
        }
        guard hasName else { throw CompactProtocolReader.malformed("a schema element has no name") }
        self = element
    }
}

extension ParquetKeyValue: ThriftDecodable {
    init(from reader: inout CompactProtocolReader) throws {
        var key: String?
        var value: String?
        try reader.readStruct { r, id, type in
            switch id {
            case 1: key = try r.readStringField(type, "KeyValue.key")
            case 2: value = try r.readStringField(type, "KeyValue.value")
            default: return false
            }
            return true
        }
        guard let key else { throw CompactProtocolReader.malformed("a key/value pair has no key") }
        self.init(key: key, value: value)
    }
}

extension ParquetStatistics: ThriftDecodable {
    init(from reader: inout CompactProtocolReader) throws {
        var s = ParquetStatistics()
        try reader.readStruct { r, id, type in
            switch id {
            case 1: s.max = try r.readBinaryField(type, "Statistics.max")
            case 2: s.min = try r.readBinaryField(type, "Statistics.min")
            case 3: s.nullCount = try r.readI64Field(type, "Statistics.null_count")
            case 4: s.distinctCount = try r.readI64Field(type, "Statistics.distinct_count")
            case 5: s.maxValue = try r.readBinaryField(type, "Statistics.max_value")
            case 6: s.minValue = try r.readBinaryField(type, "Statistics.min_value")
            case 7: s.isMaxValueExact = try r.readBoolField(type, "Statistics.is_max_value_exact")
            case 8: s.isMinValueExact = try r.readBoolField(type, "Statistics.is_min_value_exact")
            case 9: s.nanCount = try r.readI64Field(type, "Statistics.nan_count")
            default: return false
            }
            return true
        }
        self = s
    }
}

extension ParquetColumnMetaData: ThriftDecodable {
    init(from reader: inout CompactProtocolReader) throws {
        var type: ParquetPhysicalType?
        var encodings: [ParquetEncoding] = []
        var path: [String] = []
        var codecRaw: Int32?
        var numValues: Int64?
        var uncompressed: Int64 = 0, compressed: Int64?
        var dataPageOffset: Int64?
        var dictionaryPageOffset: Int64?
        var statistics: ParquetStatistics?
        var keyValues: [ParquetKeyValue]?
        try reader.readStruct { r, id, t in
            switch id {
            case 1: type = try ParquetPhysicalType(decoding: r.readI32Field(t, "ColumnMetaData.type"))
            case 2:
                encodings = try r.readI32ListField(t, "ColumnMetaData.encodings").compactMap(
                    ParquetEncoding.init(rawValue:)
                )
            case 3: path = try r.readStringListField(t, "ColumnMetaData.path_in_schema")
            case 4: codecRaw = try r.readI32Field(t, "ColumnMetaData.codec")
            case 5: numValues = try r.readI64Field(t, "ColumnMetaData.num_values")
            case 6: uncompressed = try r.readI64Field(t, "ColumnMetaData.total_uncompressed_size")
            case 7: compressed = try r.readI64Field(t, "ColumnMetaData.total_compressed_size")
            case 8: keyValues = try r.readStructListField(t, "ColumnMetaData.key_value_metadata")
            case 9: dataPageOffset = try r.readI64Field(t, "ColumnMetaData.data_page_offset")
            case 11: dictionaryPageOffset = try r.readI64Field(t, "ColumnMetaData.dictionary_page_offset")
            case 12: statistics = try r.readStructField(t, "ColumnMetaData.statistics")
            default: return false
            }
            return true
        }
        guard let type, let codecRaw, let numValues, let compressed, let dataPageOffset else {
            throw CompactProtocolReader.malformed("a column chunk's metadata lacks a required field")
        }
        guard let codec = ParquetCompressionCodec(rawValue: codecRaw) else {
            throw ExtractError(
                .unsupported,
                "Parquet column '\(path.joined(separator: "."))' uses compression codec \(codecRaw), which this build does not know (it reads UNCOMPRESSED, SNAPPY, GZIP, ZSTD, LZ4_RAW, LZ4 and BROTLI)"
            )
        }
        self.init(
            type: type,
            encodings: encodings,
            pathInSchema: path,
            codec: codec,
            numValues: numValues,
            totalUncompressedSize: uncompressed,
            totalCompressedSize: compressed,
            keyValueMetadata: keyValues,
            dataPageOffset: dataPageOffset,
            dictionaryPageOffset: dictionaryPageOffset,
            statistics: statistics,
            encodingStats: nil
        )
    }
}

extension ParquetColumnChunk: ThriftDecodable {
    init(from reader: inout CompactProtocolReader) throws {
        var filePath: String?
        var fileOffset: Int64 = 0
        var meta: ParquetColumnMetaData?
        var encrypted = false
        try reader.readStruct { r, id, t in
            switch id {
            case 1: filePath = try r.readStringField(t, "ColumnChunk.file_path")
            case 2: fileOffset = try r.readI64Field(t, "ColumnChunk.file_offset")
            case 3: meta = try r.readStructField(t, "ColumnChunk.meta_data")
            case 8, 9: encrypted = true; return false
            default: return false
            }
            return true
        }
        if encrypted && meta == nil {
            throw ExtractError(
                .unsupported,
                "the Parquet file has encrypted columns, which this build does not read; write it without Parquet modular encryption"
            )
        }
        guard let meta else { throw CompactProtocolReader.malformed("a column chunk has no metadata") }
        self.init(filePath: filePath, fileOffset: fileOffset, metaData: meta)
        isEncrypted = encrypted
    }
}

extension ParquetRowGroup: ThriftDecodable {
    init(from reader: inout CompactProtocolReader) throws {
        var columns: [ParquetColumnChunk] = []
        var totalByteSize: Int64 = 0
        var numRows: Int64?
        var fileOffset: Int64?, totalCompressed: Int64?
        var ordinal: Int16?
        try reader.readStruct { r, id, t in
            switch id {
            case 1: columns = try r.readStructListField(t, "RowGroup.columns")
            case 2: totalByteSize = try r.readI64Field(t, "RowGroup.total_byte_size")
            case 3: numRows = try r.readI64Field(t, "RowGroup.num_rows")
            case 5: fileOffset = try r.readI64Field(t, "RowGroup.file_offset")
            case 6: totalCompressed = try r.readI64Field(t, "RowGroup.total_compressed_size")
            case 7:
                try CompactProtocolReader.expect(t, .i16, "RowGroup.ordinal")
                ordinal = try r.readI16()
            default: return false
            }
            return true
        }
        guard let numRows, numRows >= 0 else {
            throw CompactProtocolReader.malformed("a row group has no valid row count")
        }
        self.init(
            columns: columns,
            totalByteSize: totalByteSize,
            numRows: numRows,
            fileOffset: fileOffset,
            totalCompressedSize: totalCompressed,
            ordinal: ordinal
        )
    }
}

extension ParquetFileMetaData: ThriftDecodable {
    init(from reader: inout CompactProtocolReader) throws {
        var version: Int32 = 1
        var schema: [ParquetSchemaElement] = []
        var numRows: Int64?
        var rowGroups: [ParquetRowGroup] = []
        var keyValues: [ParquetKeyValue]?
        var createdBy: String?
        try reader.readStruct { r, id, t in
            switch id {
            case 1: version = try r.readI32Field(t, "FileMetaData.version")
            case 2: schema = try r.readStructListField(t, "FileMetaData.schema")
            case 3: numRows = try r.readI64Field(t, "FileMetaData.num_rows")
            case 4: rowGroups = try r.readStructListField(t, "FileMetaData.row_groups")
            case 5: keyValues = try r.readStructListField(t, "FileMetaData.key_value_metadata")
            case 6: createdBy = try r.readStringField(t, "FileMetaData.created_by")
            case 8:
                throw ExtractError(
                    .unsupported,
                    "the Parquet file is encrypted, which this build does not read; write it without Parquet modular encryption"
                )
            default: return false
            }
            return true
        }
        guard let numRows, !schema.isEmpty else {
            throw CompactProtocolReader.malformed("the footer lacks the schema or the row count")
        }
        self.init(
            version: version,
            schema: schema,
            numRows: numRows,
            rowGroups: rowGroups,
            keyValueMetadata: keyValues,
            createdBy: createdBy,
            columnOrders: nil
        )
    }
}

extension ParquetDataPageHeader: ThriftDecodable {
    init(from reader: inout CompactProtocolReader) throws {
        var numValues: Int32?
        var encoding: Int32?
        var defEncoding: Int32 = 3, repEncoding: Int32 = 3
        try reader.readStruct { r, id, t in
            switch id {
            case 1: numValues = try r.readI32Field(t, "DataPageHeader.num_values")
            case 2: encoding = try r.readI32Field(t, "DataPageHeader.encoding")
            case 3: defEncoding = try r.readI32Field(t, "DataPageHeader.definition_level_encoding")
            case 4: repEncoding = try r.readI32Field(t, "DataPageHeader.repetition_level_encoding")
            default: return false
            }
            return true
        }
        guard let numValues, numValues >= 0, let encoding else {
            throw CompactProtocolReader.malformed("a data page header lacks its value count or encoding")
        }
        self.init(
            numValues: numValues,
            encoding: try ParquetEncoding(decodingPage: encoding),
            definitionLevelEncoding: try ParquetEncoding(decodingPage: defEncoding),
            repetitionLevelEncoding: try ParquetEncoding(decodingPage: repEncoding)
        )
    }
}

extension ParquetDataPageHeaderV2: ThriftDecodable {
    init(from reader: inout CompactProtocolReader) throws {
        var numValues: Int32?, numNulls: Int32 = 0, numRows: Int32?
        var encoding: Int32?
        var defLength: Int32?, repLength: Int32?
        var compressed = true
        try reader.readStruct { r, id, t in
            switch id {
            case 1: numValues = try r.readI32Field(t, "DataPageHeaderV2.num_values")
            case 2: numNulls = try r.readI32Field(t, "DataPageHeaderV2.num_nulls")
            case 3: numRows = try r.readI32Field(t, "DataPageHeaderV2.num_rows")
            case 4: encoding = try r.readI32Field(t, "DataPageHeaderV2.encoding")
            case 5: defLength = try r.readI32Field(t, "DataPageHeaderV2.definition_levels_byte_length")
            case 6: repLength = try r.readI32Field(t, "DataPageHeaderV2.repetition_levels_byte_length")
            case 7: compressed = try r.readBoolField(t, "DataPageHeaderV2.is_compressed")
            default: return false
            }
            return true
        }
        guard let numValues, numValues >= 0, let numRows, numRows >= 0, let encoding,
            let defLength, defLength >= 0, let repLength, repLength >= 0
        else {
            throw CompactProtocolReader.malformed(
                "a data page v2 header lacks a required field or has a negative count"
            )
        }
        self.init(
            numValues: numValues,
            numNulls: numNulls,
            numRows: numRows,
            encoding: try ParquetEncoding(decodingPage: encoding),
            definitionLevelsByteLength: defLength,
            repetitionLevelsByteLength: repLength,
            isCompressed: compressed
        )
    }
}

extension ParquetDictionaryPageHeader: ThriftDecodable {
    init(from reader: inout CompactProtocolReader) throws {
        var numValues: Int32?
        var encoding: Int32 = 0
        try reader.readStruct { r, id, t in
            switch id {
            case 1: numValues = try r.readI32Field(t, "DictionaryPageHeader.num_values")
            case 2: encoding = try r.readI32Field(t, "DictionaryPageHeader.encoding")
            default: return false
            }
            return true
        }
        guard let numValues else {
            throw CompactProtocolReader.malformed("a dictionary page header lacks its value count")
        }
        guard numValues >= 0 else {
            throw CompactProtocolReader.malformed("a dictionary page header has a negative value count \(numValues)")
        }
        self.init(numValues: numValues, encoding: try ParquetEncoding(decodingPage: encoding))
    }
}

extension ParquetPageHeader: ThriftDecodable {
    init(from reader: inout CompactProtocolReader) throws {
        var typeRaw: Int32?
        var uncompressed: Int32?, compressed: Int32?
        var crc: Int32?
        var data: ParquetDataPageHeader?
        var dictionary: ParquetDictionaryPageHeader?
        var dataV2: ParquetDataPageHeaderV2?
        try reader.readStruct { r, id, t in
            switch id {
            case 1: typeRaw = try r.readI32Field(t, "PageHeader.type")
            case 2: uncompressed = try r.readI32Field(t, "PageHeader.uncompressed_page_size")
            case 3: compressed = try r.readI32Field(t, "PageHeader.compressed_page_size")
            case 4: crc = try r.readI32Field(t, "PageHeader.crc")
            case 5: data = try r.readStructField(t, "PageHeader.data_page_header")
            case 7: dictionary = try r.readStructField(t, "PageHeader.dictionary_page_header")
            case 8: dataV2 = try r.readStructField(t, "PageHeader.data_page_header_v2")
            default: return false
            }
            return true
        }
        guard let typeRaw, let uncompressed, uncompressed >= 0, let compressed, compressed >= 0 else {
            throw CompactProtocolReader.malformed("a page header lacks its type or sizes, or has a negative size")
        }
        // Unknown page types are kept as index pages: the reader skips them.
        let type = ParquetPageType(rawValue: typeRaw) ?? .indexPage
        self.init(
            type: type,
            uncompressedPageSize: uncompressed,
            compressedPageSize: compressed,
            crc: crc,
            dataPageHeader: data,
            dictionaryPageHeader: dictionary,
            dataPageHeaderV2: dataV2
        )
    }
}

extension ParquetEncoding {
    /// The encoding of a page; an unknown value is refused by number.
    init(decodingPage raw: Int32) throws {
        guard let value = ParquetEncoding(rawValue: raw) else {
            throw ExtractError(.unsupported, "a Parquet page uses encoding \(raw), which this build does not know")
        }
        self = value
    }
}
