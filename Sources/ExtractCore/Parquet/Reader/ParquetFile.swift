/// An open Parquet file: its footer decoded, its schema as a tree, its row groups with their
/// statistics. Reading data goes through ``makeBatchReader(columns:rowGroups:batchRowCount:)``
/// (flat columns as ``ColumnBatch``es) or ``makeRecordReader(columns:rowGroups:)`` (any
/// nesting, as ``ParquetValue`` trees).
///
/// ```swift
/// let file = try ParquetFile(path: "orders.parquet", decompressors: BlockCodecs.decompressors)
/// let reader = try file.makeBatchReader(columns: ["id", "amount"])
/// while let batch = try reader.next() { … }
/// ```
public final class ParquetFile: Sendable {
    /// The path or name used in messages.
    public let displayPath: String
    let input: any RandomAccessInput
    let metadata: ParquetFileMetaData
    let leaves: [ParquetLeafColumn]
    let decompressors: any ParquetDecompressorProvider
    /// The schema tree; its children are the top-level columns.
    public let root: ParquetSchemaNode
    /// Footer `key_value_metadata`.
    public let keyValueMetadata: [String: String]
    /// The footer's `created_by`.
    public let createdBy: String?

    /// Opens and decodes the footer of the file at `path`.
    ///
    /// - Throws: ``ExtractError``: `notFound`/`io` for the file, `source` when it is not valid
    ///   Parquet, `unsupported` for encrypted files.
    public convenience init(
        path: String,
        decompressors: any ParquetDecompressorProvider = UncompressedOnlyDecompressors()
    ) throws {
        try self.init(input: FileInput(path: path), displayPath: path, decompressors: decompressors)
    }

    /// Decodes the footer of `input`.
    public init(
        input: any RandomAccessInput,
        displayPath: String,
        decompressors: any ParquetDecompressorProvider = UncompressedOnlyDecompressors()
    ) throws {
        self.input = input
        self.displayPath = displayPath
        self.decompressors = decompressors
        func corrupt(_ message: String) -> ExtractError {
            ExtractError(.source, message, context: .init(path: displayPath))
        }
        let size = input.size
        guard size >= 12 else {
            throw corrupt(
                "the file has \(size) bytes, too few for Parquet (it needs a header, a footer and 'PAR1' at both ends)"
            )
        }
        let tail = try input.read(at: size - 8, count: 8)
        let magic = Array(tail[4..<8])
        if magic == Array("PARE".utf8) {
            throw ExtractError(
                .unsupported,
                "the Parquet file has an encrypted footer, which this build does not read; write it without Parquet modular encryption",
                context: .init(path: displayPath)
            )
        }
        guard magic == Array("PAR1".utf8) else {
            throw corrupt("the file does not end with 'PAR1'; it is not Parquet or it is truncated")
        }
        let head = try input.read(at: 0, count: 4)
        guard head == Array("PAR1".utf8) else {
            throw corrupt("the file does not start with 'PAR1'; it is not Parquet")
        }
        let footerLength = Int64(UInt32(tail[0]) | UInt32(tail[1]) << 8 | UInt32(tail[2]) << 16 | UInt32(tail[3]) << 24)
        guard footerLength > 0, footerLength <= size - 12 else {
            throw corrupt(
                "the footer length \(footerLength) does not fit the file of \(size) bytes; the file is truncated or corrupt"
            )
        }
        let footer = try input.read(at: size - 8 - footerLength, count: Int(footerLength))
        do {
            metadata = try footer.withUnsafeBytes { raw in
                var reader = CompactProtocolReader(raw)
                return try ParquetFileMetaData(from: &reader)
            }
            (root, leaves) = try ParquetSchemaBuilder.build(metadata.schema)
        } catch var error as ExtractError {
            if error.context.path == nil { error.context.path = displayPath }
            throw error
        }
        for (index, group) in metadata.rowGroups.enumerated() where group.columns.count != leaves.count {
            throw corrupt(
                "row group \(index) has \(group.columns.count) column chunks but the schema has \(leaves.count) columns; the file is corrupt"
            )
        }
        var pairs: [String: String] = [:]
        for kv in metadata.keyValueMetadata ?? [] { pairs[kv.key] = kv.value ?? "" }
        keyValueMetadata = pairs
        createdBy = metadata.createdBy
        chunkRangePadding = Self.writesDictionaryHeaderOutsideChunk(createdBy: metadata.createdBy) ? 100 : 0
    }

    /// Whether `createdBy` names parquet-mr older than 1.2.9 ("parquet-mr version 1.2.8 (build …)",
    /// "parquet-mr 1.0", or no version at all: "parquet-mr").
    static func writesDictionaryHeaderOutsideChunk(createdBy: String?) -> Bool {
        guard let createdBy, createdBy.lowercased().hasPrefix("parquet-mr") else { return false }
        let words = createdBy.split(separator: " ")
        guard let version = words.first(where: { $0.first?.isNumber == true }) else { return true }
        let parts = version.split(separator: ".").map { Int($0.prefix { $0.isNumber }) ?? 0 }
        let padded = parts + Array(repeating: 0, count: max(0, 3 - parts.count))
        return padded.lexicographicallyPrecedes([1, 2, 9])
    }

    /// The rows of the file: the sum of its row groups' rows (some old writers left the
    /// footer's `num_rows` at 0), the footer's count when there is no row group.
    public var rowCount: Int64 {
        metadata.rowGroups.isEmpty ? metadata.numRows : metadata.rowGroups.reduce(0) { $0 &+ $1.numRows }
    }

    /// Bytes a column chunk may run past its `total_compressed_size`: parquet-mr before 1.2.9
    /// left the dictionary page header out of it (PARQUET-816, IMPALA-694), so its chunks get
    /// up to 100 bytes more (never past the file). Every other writer: 0.
    let chunkRangePadding: Int64

    /// The row groups, in file order.
    public var rowGroups: [ParquetRowGroupInfo] {
        metadata.rowGroups.enumerated().map { ParquetRowGroupInfo(file: self, index: $0.offset, group: $0.element) }
    }

    /// The top-level columns as a flat ``Schema``.
    ///
    /// - Throws: ``ExtractError`` (`unsupported`) naming the first column that is nested
    ///   (struct, list, map) or of a type this build does not read.
    public func schema(columns: [String]? = nil) throws -> Schema {
        Schema(try flatColumns(columns).map(\.field))
    }

    struct FlatColumn {
        let field: Field
        let leaf: ParquetLeafColumn
        let type: ParquetLeafType
    }

    func flatColumns(_ names: [String]?) throws -> [FlatColumn] {
        let nodes: [ParquetSchemaNode]
        if let names {
            nodes = try names.map { name in
                guard let node = root.child(name) else {
                    throw ExtractError(
                        .notFound,
                        "the Parquet file has no column '\(name)' (it has \(root.children.map(\.name).joined(separator: ", ")))",
                        context: .init(column: name, path: displayPath)
                    )
                }
                return node
            }
        } else {
            nodes = root.children
        }
        return try nodes.map { node in
            guard let index = node.leafIndex, node.repetition != .repeated else {
                throw ExtractError(
                    .unsupported,
                    "Parquet column '\(node.name)' has type \(node.typeDescription); nested columns are not supported (Spark's CSV writer rejects them too). Select other columns or flatten it before extracting.",
                    context: .init(column: node.name, path: displayPath)
                )
            }
            let leaf = leaves[index]
            switch ParquetLeafType.map(leaf.element) {
            case .success(let type):
                return FlatColumn(
                    field: Field(node.name, type.columnType, nullable: node.repetition == .optional),
                    leaf: leaf,
                    type: type
                )
            case .failure(let refusal):
                throw ExtractError(
                    .unsupported,
                    "Parquet column '\(node.name)' cannot be read: \(refusal.reason), which this build does not support",
                    context: .init(column: node.name, path: displayPath)
                )
            }
        }
    }

    /// Reads the flat columns `columns` (all top-level columns when `nil`) of the row groups
    /// `rowGroups` (all when `nil`, else these indices in this order) as batches of at most
    /// `batchRowCount` rows. Batches never span two row groups.
    public func makeBatchReader(
        columns: [String]? = nil,
        rowGroups: [Int]? = nil,
        batchRowCount: Int = ColumnBatch.defaultRowCount
    ) throws -> ParquetBatchReader {
        try ParquetBatchReader(
            file: self,
            columns: flatColumns(columns),
            rowGroups: checkedRowGroups(rowGroups),
            batchRowCount: max(1, batchRowCount)
        )
    }

    func checkedRowGroups(_ groups: [Int]?) throws -> [Int] {
        let all = Array(metadata.rowGroups.indices)
        guard let groups else { return all }
        for g in groups where !all.contains(g) {
            throw ExtractError(
                .invalidArgument,
                "the Parquet file has no row group \(g) (it has \(all.count))",
                context: .init(path: displayPath)
            )
        }
        return groups
    }

    func chunkReader(leaf: ParquetLeafColumn, rowGroup: Int) throws -> ColumnChunkReader {
        try ColumnChunkReader(
            leaf: leaf,
            chunk: metadata.rowGroups[rowGroup].columns[leaf.index],
            input: input,
            displayPath: displayPath,
            decompressors: decompressors,
            rangePadding: chunkRangePadding
        )
    }
}

/// One row group: its row count and per-column statistics, so callers can skip it.
public struct ParquetRowGroupInfo: Sendable {
    /// The position among the file's row groups.
    public let index: Int
    public let rowCount: Int64
    /// Compressed bytes of the group's chunks.
    public let compressedBytes: Int64
    private let statistics: [String: ParquetColumnStatistics]

    init(file: ParquetFile, index: Int, group: ParquetRowGroup) {
        self.index = index
        rowCount = group.numRows
        compressedBytes = group.totalCompressedSize ?? group.columns.reduce(0) { $0 + $1.metaData.totalCompressedSize }
        var stats: [String: ParquetColumnStatistics] = [:]
        for (leaf, chunk) in zip(file.leaves, group.columns) {
            guard case .success(let type) = ParquetLeafType.map(leaf.element) else { continue }
            stats[leaf.dottedPath] = ParquetColumnStatistics(leaf: leaf, type: type, meta: chunk.metaData)
        }
        statistics = stats
    }

    /// The statistics of the column at dotted path `column` (a top-level name for flat columns),
    /// or `nil` when the writer wrote none.
    public func statistics(for column: String) -> ParquetColumnStatistics? { statistics[column] }
}

/// Column-chunk statistics, decoded to the column's logical values.
public struct ParquetColumnStatistics: Sendable {
    /// The column's type.
    public let type: ColumnType
    public let nullCount: Int64?
    /// The number of values (NULLs included) of the chunk.
    public let valueCount: Int64
    /// The smallest non-NULL value, when known (and exact or a valid lower bound).
    public let min: ParquetValue?
    /// The largest non-NULL value, when known (or a valid upper bound).
    public let max: ParquetValue?

    init?(leaf: ParquetLeafColumn, type: ParquetLeafType, meta: ParquetColumnMetaData) {
        self.type = type.columnType
        valueCount = meta.numValues
        guard let stats = meta.statistics else { return nil }
        nullCount = stats.nullCount
        // min_value/max_value follow the column order; the deprecated min/max are signed-order
        // and trustworthy only for signed types (numbers, dates, times).
        var minBytes = stats.minValue, maxBytes = stats.maxValue
        if minBytes == nil || maxBytes == nil {
            switch type.columnType {
            case .string, .binary: minBytes = nil; maxBytes = nil
            case .decimal where leaf.physicalType == .byteArray || leaf.physicalType == .fixedLenByteArray:
                minBytes = nil; maxBytes = nil
            default: minBytes = stats.min; maxBytes = stats.max
            }
        }
        if leaf.physicalType == .int96 || type.conversion == .uint32ToInt64 || type.conversion == .uint64ToInt128
            || type.conversion == .float16ToFloat
        {
            minBytes = nil; maxBytes = nil
        }
        min = minBytes.flatMap { ParquetValue.statistic($0, leaf: leaf, type: type) }
        max = maxBytes.flatMap { ParquetValue.statistic($0, leaf: leaf, type: type) }
    }
}
