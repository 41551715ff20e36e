/// Writes the column chunks of one column, one row group after the other: cuts pages at row
/// boundaries (by encoded bytes and a row cap), adds definition levels, compresses each page
/// through the ``Codec``, writes page headers (with an optional CRC) and collects statistics,
/// encodings and page index entries.
///
/// A writer is used by one thread at a time (the file writer hands each column to one worker).
final class ColumnChunkWriter {
    let descriptor: ParquetColumnDescriptor
    private let codec: any Codec
    private let pageByteLimit: Int
    private let pageRowLimit: Int
    private let writeChecksums: Bool
    private let writePageIndex: Bool

    private enum Encoder {
        case boolean(BooleanValueEncoder)
        case int32(FixedWidthValueEncoder<Int32>)
        case int64(FixedWidthValueEncoder<Int64>)
        case float(FixedWidthValueEncoder<Float>)
        case double(FixedWidthValueEncoder<Double>)
        case bytes(ByteArrayValueEncoder)

        var base: any ColumnValueEncoder {
            switch self {
            case .boolean(let e): return e
            case .int32(let e): return e
            case .int64(let e): return e
            case .float(let e): return e
            case .double(let e): return e
            case .bytes(let e): return e
            }
        }
    }
    private let encoder: Encoder
    private let values: any ColumnValueEncoder

    // Page state.
    private var levels = DefinitionLevelBuffer()
    private var pageRows = 0
    private var body: [UInt8] = []
    private var compressed: [UInt8] = []

    // Chunk state.
    private var chunkRows: Int64 = 0
    private var chunkNulls: Int64 = 0
    private var dataPages: [[UInt8]] = []
    private var records: [DataPageRecord] = []
    private var compressedBytes: Int64 = 0
    private var uncompressedBytes: Int64 = 0
    private var dataPageEncodings: [ParquetEncoding: Int32] = [:]
    private var columnIndexAllowed = true

    init(
        descriptor: ParquetColumnDescriptor,
        codec: any Codec,
        pageByteLimit: Int,
        pageRowLimit: Int,
        dictionary: DictionaryPolicy,
        writeChecksums: Bool,
        writePageIndex: Bool
    ) {
        self.descriptor = descriptor
        self.codec = codec
        self.pageByteLimit = Swift.max(1, pageByteLimit)
        self.pageRowLimit = Swift.max(1, pageRowLimit)
        self.writeChecksums = writeChecksums
        self.writePageIndex = writePageIndex
        switch descriptor.conversion {
        case .boolean:
            encoder = .boolean(BooleanValueEncoder())
        case .int32, .int64ToInt32:
            encoder = .int32(FixedWidthValueEncoder<Int32>(policy: dictionary, isFloatingPoint: false))
        case .int64:
            encoder = .int64(FixedWidthValueEncoder<Int64>(policy: dictionary, isFloatingPoint: false))
        case .float:
            encoder = .float(FixedWidthValueEncoder<Float>(policy: dictionary, isFloatingPoint: true))
        case .double:
            encoder = .double(FixedWidthValueEncoder<Double>(policy: dictionary, isFloatingPoint: true))
        case .byteArray:
            encoder = .bytes(
                ByteArrayValueEncoder(
                    policy: dictionary,
                    fixedLength: nil,
                    signedOrder: false,
                    isUTF8: descriptor.field.type == .string
                )
            )
        case .decimalFixed(let width):
            encoder = .bytes(
                ByteArrayValueEncoder(
                    policy: dictionary,
                    fixedLength: width,
                    signedOrder: true,
                    isUTF8: false
                )
            )
        }
        values = encoder.base
    }

    /// Compressed bytes buffered for the current chunk, plus an estimate of the open page.
    var bufferedBytes: Int { Int(compressedBytes) + values.pageByteEstimate + values.dictionaryByteEstimate }

    /// Rows appended to the current chunk so far.
    var bufferedRows: Int { Int(chunkRows) + pageRows }

    private func error(_ message: String, row: Int? = nil, value: String? = nil) -> ExtractError {
        ExtractError(
            .typeMismatch,
            message,
            context: .init(column: descriptor.field.name, row: row.map { Int64($0) }, value: value)
        )
    }

    /// Appends rows `rows` of `column` to the current chunk.
    func append(_ column: Column, rows: Range<Int>) throws {
        guard !rows.isEmpty else { return }
        let validity = column.validity
        if !descriptor.isOptional, let validity {
            for row in rows where !validity.isValid(row) {
                throw error("column is declared NOT NULL but holds a NULL; declare the field nullable", row: row)
            }
        }
        switch (encoder, descriptor.conversion, column.values) {
        case (.boolean(let e), _, .bool(let array)):
            try array.withUnsafeBufferPointer { p in
                try feed(validity, rows) { e.append(p, validity: validity, rows: $0) }
            }
        case (.int32(let e), .int32, .int32(let array)):
            try array.withUnsafeBufferPointer { p in
                try feed(validity, rows) { e.append(p, validity: validity, rows: $0, pageByteLimit: pageByteLimit) }
            }
        case (.int32(let e), .int64ToInt32, .int64(let array)):
            var narrowed = [Int32](repeating: 0, count: array.count)
            for row in rows where validity?.isValid(row) ?? true {
                guard let value = Int32(exactly: array[row]) else {
                    throw error(
                        "value does not fit the column's Parquet INT32 storage (\(descriptor.field.type))",
                        row: row,
                        value: String(array[row])
                    )
                }
                narrowed[row] = value
            }
            try narrowed.withUnsafeBufferPointer { p in
                try feed(validity, rows) { e.append(p, validity: validity, rows: $0, pageByteLimit: pageByteLimit) }
            }
        case (.int64(let e), _, .int64(let array)):
            try array.withUnsafeBufferPointer { p in
                try feed(validity, rows) { e.append(p, validity: validity, rows: $0, pageByteLimit: pageByteLimit) }
            }
        case (.float(let e), _, .float(let array)):
            try array.withUnsafeBufferPointer { p in
                try feed(validity, rows) { e.append(p, validity: validity, rows: $0, pageByteLimit: pageByteLimit) }
            }
        case (.double(let e), _, .double(let array)):
            try array.withUnsafeBufferPointer { p in
                try feed(validity, rows) { e.append(p, validity: validity, rows: $0, pageByteLimit: pageByteLimit) }
            }
        case (.bytes(let e), .byteArray, .bytes(let buffer)):
            try feed(validity, rows) { e.append(buffer, validity: validity, rows: $0, pageByteLimit: pageByteLimit) }
        case (.bytes(let e), .decimalFixed(let width), _):
            let buffer = try Self.bigEndianDecimals(
                column.values,
                rows: rows,
                validity: validity,
                width: width,
                column: descriptor.field.name
            )
            try feed(validity, rows) { e.append(buffer, validity: validity, rows: $0, pageByteLimit: pageByteLimit) }
        default:
            throw ExtractError(
                .internal,
                "column values do not match the column type \(descriptor.field.type)",
                context: .init(column: descriptor.field.name)
            )
        }
    }

    /// Feeds `rows` to the value encoder through `encode` (which returns the end of the rows it
    /// took), adding levels and cutting pages.
    private func feed(_ validity: ValidityBitmap?, _ rows: Range<Int>, _ encode: (Range<Int>) -> Int) throws {
        var row = rows.lowerBound
        while row < rows.upperBound {
            let limit = Swift.min(rows.upperBound, row + (pageRowLimit - pageRows))
            let end = encode(row..<limit)
            if descriptor.isOptional { levels.append(validity: validity, rows: row..<end) }
            pageRows += end - row
            row = end
            if pageRows >= pageRowLimit || values.pageByteEstimate >= pageByteLimit || values.mustEndPage {
                try finishPage()
            }
        }
    }

    /// Unscaled decimals as FLBA values: big-endian two's complement in `width` bytes, for all
    /// rows (NULL rows get zeros). Values must fit the width.
    private static func bigEndianDecimals(
        _ values: ColumnValues,
        rows: Range<Int>,
        validity: ValidityBitmap?,
        width: Int,
        column: String
    ) throws -> ByteArrayBuffer {
        let count = values.count
        var buffer = ByteArrayBuffer(minimumCapacity: count, minimumDataCapacity: count * width)
        var bytes = [UInt8](repeating: 0, count: width)
        let maximum: Int128 = width >= 16 ? .max : (Int128(1) << Int128(8 * width - 1)) - 1
        let minimum: Int128 = width >= 16 ? .min : -maximum - 1
        for row in 0..<count {
            let value: Int128
            switch values {
            case .int128(let a): value = a[row]
            case .int64(let a): value = Int128(a[row])
            default:
                throw ExtractError(
                    .internal,
                    "decimal column without int64/int128 values",
                    context: .init(column: column)
                )
            }
            if rows.contains(row), validity?.isValid(row) ?? true, value < minimum || value > maximum {
                throw ExtractError(
                    .typeMismatch,
                    "decimal value does not fit its declared precision",
                    context:
                        .init(column: column, row: Int64(row), value: String(value))
                )
            }
            var v = value
            for i in stride(from: width - 1, through: 0, by: -1) {
                bytes[i] = UInt8(truncatingIfNeeded: v)
                v >>= 8
            }
            buffer.append(contentsOf: bytes)
        }
        return buffer
    }

    /// Ends the current data page.
    private func finishPage() throws {
        guard pageRows > 0 else { return }
        body.removeAll(keepingCapacity: true)
        var nulls = 0
        if descriptor.isOptional {
            levels.encode(into: &body)
            nulls = levels.nullCount
        }
        let page = values.finishPage(into: &body)
        let header = ParquetDataPageHeader(numValues: Int32(pageRows), encoding: page.encoding)
        let bytes = try emit(type: .dataPage, dataHeader: header, dictionaryHeader: nil)
        records.append(
            DataPageRecord(
                byteCount: bytes.count,
                firstRowIndex: chunkRows,
                nullCount: Int64(nulls),
                isNullPage: nulls == pageRows,
                bounds: page.bounds
            )
        )
        dataPages.append(bytes)
        dataPageEncodings[page.encoding, default: 0] += 1
        if page.onlyNaN { columnIndexAllowed = false }
        chunkRows += Int64(pageRows)
        chunkNulls += Int64(nulls)
        levels.reset()
        pageRows = 0
    }

    /// Compresses ``body`` and returns header + payload.
    private func emit(
        type: ParquetPageType,
        dataHeader: ParquetDataPageHeader?,
        dictionaryHeader: ParquetDictionaryPageHeader?
    ) throws -> [UInt8] {
        compressed.removeAll(keepingCapacity: true)
        try body.withUnsafeBytes { try codec.compress($0, into: &compressed) }
        guard body.count <= Int(Int32.max), compressed.count <= Int(Int32.max) else {
            throw ExtractError(
                .unsupported,
                "a Parquet page would exceed 2 GiB; lower the page size",
                context: .init(column: descriptor.field.name)
            )
        }
        let crc: Int32? =
            writeChecksums
            ? Int32(bitPattern: compressed.withUnsafeBytes { CRC32.checksum($0) }) : nil
        let header = ParquetPageHeader(
            type: type,
            uncompressedPageSize: Int32(body.count),
            compressedPageSize: Int32(compressed.count),
            crc: crc,
            dataPageHeader: dataHeader,
            dictionaryPageHeader: dictionaryHeader
        )
        var page = header.serialized()
        let headerSize = page.count
        page.append(contentsOf: compressed)
        uncompressedBytes += Int64(headerSize + body.count)
        compressedBytes += Int64(page.count)
        return page
    }

    /// Ends the chunk: flushes the open page, adds the dictionary page and returns everything,
    /// then starts a new chunk.
    func finishChunk() throws -> EncodedColumnChunk {
        try finishPage()
        let chunk = values.finishChunk()
        var dictionaryPage: [UInt8]? = nil
        var encodings: Set<ParquetEncoding> = [.rle]
        var stats: [ParquetPageEncodingStats] = []
        if let dictionary = chunk.dictionary {
            body.removeAll(keepingCapacity: true)
            body.append(contentsOf: dictionary.body)
            dictionaryPage = try emit(
                type: .dictionaryPage,
                dataHeader: nil,
                dictionaryHeader: ParquetDictionaryPageHeader(numValues: Int32(dictionary.count))
            )
            encodings.insert(.plain)
            stats.append(ParquetPageEncodingStats(pageType: .dictionaryPage, encoding: .plain, count: 1))
        }
        for (encoding, count) in dataPageEncodings.sorted(by: { $0.key < $1.key }) {
            encodings.insert(encoding)
            stats.append(ParquetPageEncodingStats(pageType: .dataPage, encoding: encoding, count: count))
        }

        var statistics = ParquetStatistics(nullCount: chunkNulls)
        if let bounds = chunk.bounds {
            statistics.minValue = bounds.min
            statistics.maxValue = bounds.max
            statistics.isMinValueExact = bounds.isMinExact
            statistics.isMaxValueExact = bounds.isMaxExact
            if descriptor.isSignedOrder {
                statistics.min = bounds.min
                statistics.max = bounds.max
            }
        }
        statistics.nanCount = chunk.nanCount

        var columnIndex: ParquetColumnIndex? = nil
        if writePageIndex && columnIndexAllowed {
            columnIndex = ParquetColumnIndex(
                nullPages: records.map { $0.bounds == nil },
                minValues: records.map { $0.bounds?.min ?? [] },
                maxValues: records.map { $0.bounds?.max ?? [] },
                boundaryOrder: boundaryOrder(),
                nullCounts: records.map(\.nullCount)
            )
        }
        let result = EncodedColumnChunk(
            dictionaryPage: dictionaryPage,
            dataPages: dataPages,
            pageRecords: records,
            numValues: chunkRows,
            totalCompressedSize: compressedBytes,
            totalUncompressedSize: uncompressedBytes,
            encodings: encodings.sorted(),
            encodingStats: stats,
            statistics: statistics,
            columnIndex: columnIndex
        )
        chunkRows = 0
        chunkNulls = 0
        dataPages = []
        records = []
        compressedBytes = 0
        uncompressedBytes = 0
        dataPageEncodings = [:]
        columnIndexAllowed = true
        return result
    }

    /// ASCENDING or DESCENDING when the pages' bounds (NULL pages skipped) are ordered so, else UNORDERED.
    private func boundaryOrder() -> ParquetBoundaryOrder {
        let bounds = records.compactMap(\.bounds)
        guard bounds.count > 1 else { return .ascending }
        var ascending = true, descending = true
        for i in 1..<bounds.count {
            let minOrder = values.compareBounds(bounds[i - 1].min, bounds[i].min)
            let maxOrder = values.compareBounds(bounds[i - 1].max, bounds[i].max)
            if minOrder > 0 || maxOrder > 0 { ascending = false }
            if minOrder < 0 || maxOrder < 0 { descending = false }
            if !ascending && !descending { return .unordered }
        }
        return ascending ? .ascending : .descending
    }
}
