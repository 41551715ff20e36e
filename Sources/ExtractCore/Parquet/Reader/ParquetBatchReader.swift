/// Reads flat columns of a ``ParquetFile`` as ``ColumnBatch``es, one row group after another,
/// decoding one page per column at a time (memory stays bounded by a page and a batch).
public final class ParquetBatchReader: BatchReader {
    public let schema: Schema
    private let file: ParquetFile
    private let columns: [ParquetFile.FlatColumn]
    private let rowGroups: [Int]
    private let batchRowCount: Int
    private var groupPosition = -1
    private var rowsLeftInGroup: Int64 = 0
    private var cursors: [FlatColumnCursor] = []
    private var closed = false

    init(file: ParquetFile, columns: [ParquetFile.FlatColumn], rowGroups: [Int], batchRowCount: Int) throws {
        self.file = file
        self.columns = columns
        self.rowGroups = rowGroups
        self.batchRowCount = batchRowCount
        schema = Schema(columns.map(\.field))
    }

    public func next() throws -> ColumnBatch? {
        // Without columns a batch carries no rows (``ColumnBatch/rowCount`` comes from its
        // columns): there is nothing to read, however many rows the footer claims.
        guard !closed, !columns.isEmpty else { return nil }
        while rowsLeftInGroup == 0 {
            groupPosition += 1
            guard groupPosition < rowGroups.count else {
                cursors = []
                return nil
            }
            let group = rowGroups[groupPosition]
            rowsLeftInGroup = file.metadata.rowGroups[group].numRows
            cursors = try columns.map {
                try FlatColumnCursor(reader: file.chunkReader(leaf: $0.leaf, rowGroup: group), column: $0)
            }
        }
        let rows = Int(min(Int64(batchRowCount), rowsLeftInGroup))
        var out: [Column] = []
        out.reserveCapacity(cursors.count)
        for i in cursors.indices {
            out.append(try cursors[i].read(rows: rows))
        }
        rowsLeftInGroup -= Int64(rows)
        return ColumnBatch(schema: schema, columns: out)
    }

    public func close() {
        closed = true
        cursors = []
    }
}

/// One flat column inside a row group: pulls pages and hands out rows.
struct FlatColumnCursor {
    private var reader: ColumnChunkReader
    private let column: ParquetFile.FlatColumn
    private var page: DecodedPage?
    private var levelPosition = 0
    private var valuePosition = 0
    private let maxDefinition: UInt8

    init(reader: ColumnChunkReader, column: ParquetFile.FlatColumn) {
        self.reader = reader
        self.column = column
        maxDefinition = UInt8(column.leaf.maxDefinitionLevel)
    }

    /// The next `rows` rows as a column; fewer rows in the chunk than the row group says is corruption.
    mutating func read(rows: Int) throws -> Column {
        var values = PhysicalValues(physicalType: column.leaf.physicalType)
        values.reserve(rows)
        var validity: ValidityBitmap?
        let optional = maxDefinition > 0
        if optional { validity = ValidityBitmap(minimumCapacity: rows) }
        var left = rows
        while left > 0 {
            if page == nil || levelPosition >= page!.levelCount {
                guard let next = try reader.nextPage() else {
                    throw ExtractError(
                        .source,
                        "Parquet column has fewer values than its row group's row count; the file is corrupt",
                        context: .init(column: column.leaf.dottedPath, path: reader.displayPath)
                    )
                }
                page = next
                levelPosition = 0
                valuePosition = 0
                continue
            }
            let take = min(left, page!.levelCount - levelPosition)
            if !optional {
                values.append(contentsOf: page!.values, range: valuePosition..<(valuePosition + take))
                valuePosition += take
            } else {
                try appendOptional(take, into: &values, validity: &validity!)
            }
            levelPosition += take
            left -= take
        }
        let converted: ColumnValues
        do {
            converted = try ParquetConversion.convert(values, type: column.type)
        } catch let error as ParquetDecodingError {
            throw ExtractError(
                .source,
                "Parquet column: \(error.message)",
                context: .init(column: column.leaf.dottedPath, path: reader.displayPath)
            )
        }
        if column.type.conversion == .allNull {
            var none = ValidityBitmap(minimumCapacity: rows)
            for _ in 0..<rows { none.append(false) }
            return Column(type: column.type.columnType, values: converted, validity: rows == 0 ? nil : none)
        }
        return Column(type: column.type.columnType, values: converted, validity: validity)
    }

    private mutating func appendOptional(_ take: Int, into values: inout PhysicalValues, validity: inout ValidityBitmap)
        throws
    {
        let levels = page!.definitionLevels
        let max = maxDefinition
        let start = levelPosition, end = levelPosition + take
        // Count the values of the range to copy them in one piece when there is no NULL.
        var present = 0
        levels.withUnsafeBufferPointer { l in
            for i in start..<end where l[i] == max { present += 1 }
        }
        guard valuePosition + present <= page!.values.count else {
            throw ExtractError(
                .source,
                "Parquet page has fewer values than its definition levels say; the file is corrupt",
                context: .init(column: column.leaf.dottedPath, path: reader.displayPath)
            )
        }
        if present == take {
            values.append(contentsOf: page!.values, range: valuePosition..<(valuePosition + take))
            validity.appendValid(take)
            valuePosition += take
            return
        }
        levels.withUnsafeBufferPointer { l in
            var run = start
            while run < end {
                // A run of present values, then a run of NULLs.
                var i = run
                while i < end && l[i] == max { i += 1 }
                if i > run {
                    values.append(contentsOf: page!.values, range: valuePosition..<(valuePosition + i - run))
                    valuePosition += i - run
                    validity.appendValid(i - run)
                }
                var j = i
                while j < end && l[j] != max { j += 1 }
                if j > i {
                    values.appendPlaceholder(j - i)
                    validity.appendNull(j - i)
                }
                run = j
            }
        }
    }
}

extension ValidityBitmap {
    /// Appends `n` valid rows.
    mutating func appendValid(_ n: Int) {
        var left = n
        while left > 0 {
            let bit = rows & 63
            if bit == 0 {
                if left >= 64 {
                    let words = left / 64
                    storage.append(contentsOf: repeatElement(~0, count: words))
                    rows += words * 64
                    left -= words * 64
                    continue
                }
                storage.append(0)
            }
            let take = Swift.min(64 - bit, left)
            let mask: UInt64 = take == 64 ? ~0 : ((1 << UInt64(take)) - 1) << UInt64(bit)
            storage[storage.count - 1] |= mask
            rows += take
            left -= take
        }
    }

    /// Appends `n` NULL rows.
    mutating func appendNull(_ n: Int) {
        let newRows = rows + n
        let words = (newRows + 63) / 64
        if storage.count < words { storage.append(contentsOf: repeatElement(0, count: words - storage.count)) }
        rows = newRows
        nulls += n
    }
}
