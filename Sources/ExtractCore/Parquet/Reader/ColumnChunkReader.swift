/// One data page of a column chunk, decoded: its levels and its dense (non-NULL) values.
struct DecodedPage {
    /// The number of level entries (rows for flat columns).
    var levelCount: Int
    /// Definition levels, one per entry; empty when the column's max definition level is 0.
    var definitionLevels: [UInt8]
    /// Repetition levels; empty when the column's max repetition level is 0.
    var repetitionLevels: [UInt8]
    /// The values of the entries whose definition level is the maximum, in order.
    var values: PhysicalValues
}

/// Walks the pages of one column chunk: reads each page header and payload from the input
/// (never more than the chunk's byte range, so a corrupt size cannot allocate past the file),
/// decompresses, keeps the dictionary, and decodes data pages v1 and v2.
struct ColumnChunkReader {
    let leaf: ParquetLeafColumn
    let input: any RandomAccessInput
    let displayPath: String
    private let decompressor: any BlockDecompressor
    private let codec: ParquetCompressionCodec
    private var offset: Int64
    private let end: Int64
    private var dictionary: PhysicalValues?
    private var valuesLeft: Int64
    private var scratch: [UInt8] = []

    init(
        leaf: ParquetLeafColumn,
        chunk: ParquetColumnChunk,
        input: any RandomAccessInput,
        displayPath: String,
        decompressors: any ParquetDecompressorProvider,
        rangePadding: Int64 = 0
    ) throws {
        self.leaf = leaf
        self.input = input
        self.displayPath = displayPath
        let meta = chunk.metaData
        func refuse(_ message: String, _ code: ExtractError.Code = .source) -> ExtractError {
            ExtractError(code, message, context: .init(column: leaf.dottedPath, path: displayPath))
        }
        if chunk.filePath != nil {
            throw refuse(
                "the Parquet column chunk lives in another file ('\(chunk.filePath!)'), which this build does not read",
                .unsupported
            )
        }
        guard meta.type == leaf.physicalType else {
            throw refuse(
                "the column chunk has physical type \(meta.type.name) but the schema says \(leaf.physicalType.name); the file is corrupt"
            )
        }
        guard let decompressor = decompressors.decompressor(for: meta.codec) else {
            throw refuse(
                "Parquet column uses compression \(meta.codec.name), which this build cannot decompress (BlockCodecs.decompressors reads UNCOMPRESSED, SNAPPY, GZIP, ZSTD, LZ4_RAW, LZ4 and BROTLI); rewrite the file with another codec",
                .unsupported
            )
        }
        self.decompressor = decompressor
        self.codec = meta.codec
        valuesLeft = meta.numValues
        guard meta.numValues > 0 else {
            // An empty chunk (a 0-row group) has no pages; its offsets may be anything.
            offset = 0
            end = 0
            return
        }
        var start = meta.dataPageOffset
        if let dict = meta.dictionaryPageOffset, dict > 0, dict < start { start = dict }
        let size = input.size
        guard start >= 4, meta.totalCompressedSize >= 0, start <= size,
            meta.totalCompressedSize <= size - start
        else {
            throw refuse(
                "the column chunk's byte range (offset \(start), \(meta.totalCompressedSize) bytes) lies outside the file (\(size) bytes); the file is truncated or corrupt"
            )
        }
        offset = start
        end = min(size, start + meta.totalCompressedSize + max(0, rangePadding))
    }

    private func error(_ decoding: ParquetDecodingError) -> ExtractError {
        let code: ExtractError.Code
        if case .unsupported = decoding { code = .unsupported } else { code = .source }
        return ExtractError(
            code,
            "Parquet column: \(decoding.message)",
            context: .init(column: leaf.dottedPath, path: displayPath)
        )
    }

    /// The next data page, or `nil` after the chunk's last one.
    mutating func nextPage() throws -> DecodedPage? {
        do {
            // Stop after the last value: with padding (see `rangePadding`) the range may reach
            // into the next chunk.
            while offset < end && valuesLeft > 0 {
                let header = try readHeader()
                let payloadSize = Int64(header.compressedPageSize)
                guard payloadSize <= end - offset else {
                    throw ParquetDecodingError.truncated("a page (its size passes the column chunk's end)")
                }
                let payloadOffset = offset
                offset += payloadSize
                switch header.type {
                case .dictionaryPage:
                    guard let dictHeader = header.dictionaryPageHeader else {
                        throw ParquetDecodingError.malformed("a dictionary page has no dictionary header")
                    }
                    let payload = try input.read(at: payloadOffset, count: Int(payloadSize))
                    let body = try decompress(payload, uncompressedSize: Int(header.uncompressedPageSize))
                    dictionary = try body.withUnsafeBytes { raw in
                        var cursor = ByteCursor(raw)
                        var values = PhysicalValues(physicalType: leaf.physicalType)
                        guard dictHeader.encoding == .plain || dictHeader.encoding == .plainDictionary else {
                            throw ParquetDecodingError.unsupported(
                                "a dictionary page uses encoding \(dictHeader.encoding.name); only PLAIN dictionaries exist"
                            )
                        }
                        // Never trust the count beyond what the bytes can hold.
                        let count = Int(dictHeader.numValues)
                        guard count <= raw.count * 8 + 1 else {
                            throw ParquetDecodingError.malformed(
                                "a dictionary page claims \(count) values in \(raw.count) bytes"
                            )
                        }
                        try PlainDecoder.decode(
                            &cursor,
                            physicalType: leaf.physicalType,
                            typeLength: leaf.typeLength,
                            count: count,
                            into: &values
                        )
                        return values
                    }
                case .dataPage:
                    guard let dataHeader = header.dataPageHeader else {
                        throw ParquetDecodingError.malformed("a data page has no data page header")
                    }
                    let payload = try input.read(at: payloadOffset, count: Int(payloadSize))
                    let body = try decompress(payload, uncompressedSize: Int(header.uncompressedPageSize))
                    return try decodeV1(dataHeader, body: body)
                case .dataPageV2:
                    guard let v2 = header.dataPageHeaderV2 else {
                        throw ParquetDecodingError.malformed("a data page v2 has no v2 header")
                    }
                    let payload = try input.read(at: payloadOffset, count: Int(payloadSize))
                    return try decodeV2(v2, payload: payload, uncompressedSize: Int(header.uncompressedPageSize))
                case .indexPage:
                    continue
                }
            }
            return nil
        } catch let decoding as ParquetDecodingError {
            throw error(decoding)
        } catch var extract as ExtractError {
            if extract.context.column == nil { extract.context.column = leaf.dottedPath }
            if extract.context.path == nil { extract.context.path = displayPath }
            throw extract
        }
    }

    /// Reads and decodes the page header at ``offset``, reading more bytes while it is cut short.
    private mutating func readHeader() throws -> ParquetPageHeader {
        var window = Int(min(end - offset, 1024))
        while true {
            let bytes = try input.read(at: offset, count: window)
            do {
                let (header, length) = try bytes.withUnsafeBytes { raw in
                    var reader = CompactProtocolReader(raw)
                    let header = try ParquetPageHeader(from: &reader)
                    return (header, reader.position)
                }
                offset += Int64(length)
                return header
            } catch let e as ExtractError
                where e.message == CompactProtocolReader.truncated.message && Int64(window) < end - offset
            {
                window = Int(min(end - offset, Int64(window) * 16))
            } catch let e as ExtractError {
                throw ParquetDecodingError.malformed("a page header cannot be decoded (\(e.message))")
            }
        }
    }

    /// The most a page may inflate to: generous for real data (16 MiB, or 1100× the compressed
    /// size), but bounded so a corrupt header cannot demand gigabytes.
    private static func inflationLimit(compressed: Int) -> Int {
        min(Int(Int32.max), max(16 << 20, compressed.multipliedReportingOverflow(by: 1100).partialValue))
    }

    private func decompress(_ payload: [UInt8], uncompressedSize: Int) throws -> [UInt8] {
        if codec == .uncompressed {
            guard payload.count == uncompressedSize else {
                throw ParquetDecodingError.malformed(
                    "an uncompressed page has \(payload.count) bytes where its header says \(uncompressedSize)"
                )
            }
            return payload
        }
        guard uncompressedSize <= Self.inflationLimit(compressed: payload.count) else {
            throw ParquetDecodingError.malformed(
                "a page of \(payload.count) compressed bytes claims to inflate to \(uncompressedSize)"
            )
        }
        if uncompressedSize == 0 && payload.isEmpty { return [] }
        var output: [UInt8] = []
        output.reserveCapacity(uncompressedSize)
        try payload.withUnsafeBytes {
            try decompressor.decompress($0, uncompressedCount: uncompressedSize, into: &output)
        }
        return output
    }

    /// The most level entries a page may claim: bounded by its bytes (RLE runs compress NULLs
    /// well, so the bound is generous) and by the values the chunk has left.
    private func checkLevelCount(_ count: Int, bytes: Int) throws {
        let bound = max(bytes.multipliedReportingOverflow(by: 512).partialValue, 1 << 22)
        guard count <= bound else {
            throw ParquetDecodingError.malformed("a page claims \(count) values in \(bytes) bytes")
        }
        guard Int64(count) <= valuesLeft else {
            throw ParquetDecodingError.malformed(
                "the pages hold more values than the column chunk's \(valuesLeft + Int64(count)) "
            )
        }
    }

    private mutating func decodeV1(_ header: ParquetDataPageHeader, body: [UInt8]) throws -> DecodedPage {
        let count = Int(header.numValues)
        try checkLevelCount(count, bytes: body.count)
        valuesLeft -= Int64(count)
        return try body.withUnsafeBytes { raw in
            var cursor = ByteCursor(raw)
            var rep: [UInt8] = []
            var def: [UInt8] = []
            if leaf.maxRepetitionLevel > 0 {
                try readLevels(
                    &cursor,
                    encoding: header.repetitionLevelEncoding,
                    max: leaf.maxRepetitionLevel,
                    count: count,
                    into: &rep,
                    prefixed: true
                )
            }
            if leaf.maxDefinitionLevel > 0 {
                try readLevels(
                    &cursor,
                    encoding: header.definitionLevelEncoding,
                    max: leaf.maxDefinitionLevel,
                    count: count,
                    into: &def,
                    prefixed: true
                )
            }
            let present = countPresent(def, count: count)
            var values = PhysicalValues(physicalType: leaf.physicalType)
            try decodeValues(&cursor, encoding: header.encoding, count: present, into: &values)
            return DecodedPage(levelCount: count, definitionLevels: def, repetitionLevels: rep, values: values)
        }
    }

    private mutating func decodeV2(_ header: ParquetDataPageHeaderV2, payload: [UInt8], uncompressedSize: Int) throws
        -> DecodedPage
    {
        let count = Int(header.numValues)
        let repLength = Int(header.repetitionLevelsByteLength), defLength = Int(header.definitionLevelsByteLength)
        guard repLength + defLength <= payload.count, repLength + defLength <= uncompressedSize else {
            throw ParquetDecodingError.malformed(
                "a data page v2 has \(repLength + defLength) level bytes in a \(payload.count)-byte page"
            )
        }
        try checkLevelCount(count, bytes: max(payload.count, uncompressedSize))
        valuesLeft -= Int64(count)
        var rep: [UInt8] = []
        var def: [UInt8] = []
        try payload.withUnsafeBytes { raw in
            if leaf.maxRepetitionLevel > 0 {
                var cursor = ByteCursor(UnsafeRawBufferPointer(rebasing: raw[0..<repLength]))
                try readLevels(
                    &cursor,
                    encoding: .rle,
                    max: leaf.maxRepetitionLevel,
                    count: count,
                    into: &rep,
                    prefixed: false
                )
            }
            if leaf.maxDefinitionLevel > 0 {
                var cursor = ByteCursor(UnsafeRawBufferPointer(rebasing: raw[repLength..<(repLength + defLength)]))
                try readLevels(
                    &cursor,
                    encoding: .rle,
                    max: leaf.maxDefinitionLevel,
                    count: count,
                    into: &def,
                    prefixed: false
                )
            }
        }
        let present = countPresent(def, count: count)
        let compressedValues = Array(payload[(repLength + defLength)...])
        let valueSize = uncompressedSize - repLength - defLength
        let body: [UInt8]
        if header.isCompressed && codec != .uncompressed && !(compressedValues.isEmpty && valueSize == 0) {
            body = try decompress(compressedValues, uncompressedSize: valueSize)
        } else {
            body = compressedValues
        }
        var values = PhysicalValues(physicalType: leaf.physicalType)
        try body.withUnsafeBytes { raw in
            var cursor = ByteCursor(raw)
            try decodeValues(&cursor, encoding: header.encoding, count: present, into: &values)
        }
        return DecodedPage(levelCount: count, definitionLevels: def, repetitionLevels: rep, values: values)
    }

    private func countPresent(_ def: [UInt8], count: Int) -> Int {
        guard leaf.maxDefinitionLevel > 0 else { return count }
        let max = UInt8(leaf.maxDefinitionLevel)
        var n = 0
        for d in def where d == max { n += 1 }
        return n
    }

    private func readLevels(
        _ cursor: inout ByteCursor,
        encoding: ParquetEncoding,
        max: Int,
        count: Int,
        into levels: inout [UInt8],
        prefixed: Bool
    ) throws {
        guard max <= 255 else { throw ParquetDecodingError.unsupported("levels deeper than 255 are not supported") }
        guard encoding == .rle else {
            throw ParquetDecodingError.unsupported(
                "the column uses encoding \(encoding.name) for its levels, which this build does not decode"
            )
        }
        var inner: ByteCursor
        if prefixed {
            let length = try cursor.readUInt32LE()
            inner = ByteCursor(try cursor.take(Int(length)))
        } else {
            inner = cursor
        }
        try RLEHybridDecoder.decode(&inner, bitWidth: RLEHybridDecoder.bitWidth(for: max), count: count, into: &levels)
        let limit = UInt8(max)
        for level in levels where level > limit {
            throw ParquetDecodingError.malformed("a level \(level) exceeds the column's maximum \(max)")
        }
    }

    private func decodeValues(
        _ cursor: inout ByteCursor,
        encoding: ParquetEncoding,
        count: Int,
        into values: inout PhysicalValues
    ) throws {
        let physical = leaf.physicalType
        switch encoding {
        case .plain:
            try PlainDecoder.decode(
                &cursor,
                physicalType: physical,
                typeLength: leaf.typeLength,
                count: count,
                into: &values
            )
        case .plainDictionary, .rleDictionary:
            guard let dictionary else {
                throw ParquetDecodingError.malformed("a dictionary-encoded page comes without a dictionary page")
            }
            guard count > 0 else { return }
            let width = Int(try cursor.readByte())
            var indices: [UInt32] = []
            try RLEHybridDecoder.decode(&cursor, bitWidth: width, count: count, into: &indices)
            try values.appendGathering(from: dictionary, indices: indices)
        case .rle:
            guard physical == .boolean else {
                throw ParquetDecodingError.unsupported("RLE values of type \(physical.name) are not defined")
            }
            // Booleans in v2 pages: a 4-byte length, then the hybrid runs of bit width 1.
            let length = try cursor.readUInt32LE()
            var inner = ByteCursor(try cursor.take(Int(length)))
            var bits: [UInt8] = []
            try RLEHybridDecoder.decode(&inner, bitWidth: 1, count: count, into: &bits)
            values.bools.append(contentsOf: bits.lazy.map { $0 != 0 })
        case .deltaBinaryPacked:
            let decoded = try DeltaDecoders.binaryPacked(&cursor, count: count)
            switch physical {
            case .int32: values.int32s.append(contentsOf: decoded.lazy.map { Int32(truncatingIfNeeded: $0) })
            case .int64: values.int64s.append(contentsOf: decoded)
            default:
                throw ParquetDecodingError.unsupported(
                    "DELTA_BINARY_PACKED values of type \(physical.name) are not defined"
                )
            }
        case .deltaLengthByteArray:
            guard physical == .byteArray else {
                throw ParquetDecodingError.unsupported(
                    "DELTA_LENGTH_BYTE_ARRAY values of type \(physical.name) are not defined"
                )
            }
            try DeltaDecoders.lengthByteArray(&cursor, count: count, into: &values.bytes)
        case .deltaByteArray:
            guard physical == .byteArray || physical == .fixedLenByteArray else {
                throw ParquetDecodingError.unsupported(
                    "DELTA_BYTE_ARRAY values of type \(physical.name) are not defined"
                )
            }
            try DeltaDecoders.byteArray(&cursor, count: count, into: &values.bytes)
        case .byteStreamSplit:
            let width: Int
            switch physical {
            case .int32, .float: width = 4
            case .int64, .double: width = 8
            case .fixedLenByteArray: width = leaf.typeLength
            default:
                throw ParquetDecodingError.unsupported(
                    "BYTE_STREAM_SPLIT values of type \(physical.name) are not defined"
                )
            }
            try DeltaDecoders.byteStreamSplit(
                &cursor,
                physicalType: physical,
                width: width,
                count: count,
                into: &values
            )
        case .bitPacked:
            throw ParquetDecodingError.unsupported(
                "the column uses encoding BIT_PACKED for values, which is only defined for levels"
            )
        }
        guard values.count == count else {
            throw ParquetDecodingError.malformed("a page decoded \(values.count) values where its levels need \(count)")
        }
    }
}
