/// A folder of Parquet files (``ParquetFolder``) as one ``DataSource`` (`parquet:FOLDER`).
public struct ParquetFolderSource: DataSource {
    public let path: String
    /// The file columns to read, in this order (`nil`: every top-level column of the files);
    /// the partition columns always follow.
    public let columns: [String]?
    public let decompressors: any ParquetDecompressorProvider
    public let batchRowCount: Int

    public init(
        path: String,
        columns: [String]? = nil,
        decompressors: any ParquetDecompressorProvider = UncompressedOnlyDecompressors(),
        batchRowCount: Int = ColumnBatch.defaultRowCount
    ) {
        self.path = path
        self.columns = columns
        self.decompressors = decompressors
        self.batchRowCount = batchRowCount
    }

    public var displayName: String { "parquet:\(path)" }

    /// Lists the folder and checks every footer (the schema), then reads the files one by one.
    public func makeReader() throws -> any BatchReader {
        let folder = try ParquetFolder(path: path)
        let schema = try folder.schema(columns: columns, decompressors: decompressors)
        return ParquetFolderReader(
            folder: folder,
            schema: schema,
            decompressors: decompressors,
            batchRowCount: batchRowCount
        )
    }
}

/// Reads the files of a ``ParquetFolder`` in order, one open file at a time, adding the
/// partition columns as constants to every batch.
public final class ParquetFolderReader: BatchReader {
    public let schema: Schema
    private let folder: ParquetFolder
    private let fileColumns: [String]
    private let decompressors: any ParquetDecompressorProvider
    private let batchRowCount: Int
    private var nextFile = 0
    private var current: ParquetBatchReader?
    private var currentPartitions: [PartitionConstant] = []

    init(folder: ParquetFolder, schema: Schema, decompressors: any ParquetDecompressorProvider, batchRowCount: Int) {
        self.folder = folder
        self.schema = schema
        self.decompressors = decompressors
        self.batchRowCount = batchRowCount
        fileColumns = schema.fields.dropLast(folder.partitionFields.count).map(\.name)
    }

    public func next() throws -> ColumnBatch? {
        while true {
            if let reader = current, let batch = try reader.next() {
                // A required column of one file under a nullable folder field needs no change.
                guard !currentPartitions.isEmpty else { return ColumnBatch(schema: schema, columns: batch.columns) }
                return ColumnBatch(
                    schema: schema,
                    columns: batch.columns + currentPartitions.map { $0.column(rows: batch.rowCount) }
                )
            }
            current?.close()
            current = nil
            guard nextFile < folder.files.count else { return nil }
            let file = folder.files[nextFile]
            nextFile += 1
            let parquet = try ParquetFile(path: folder.fullPath(file), decompressors: decompressors)
            let reader = try parquet.makeBatchReader(columns: fileColumns, batchRowCount: batchRowCount)
            // The footers were checked when the reader was made; a file changed since is refused.
            let expected = Array(schema.fields.prefix(fileColumns.count))
            guard zip(reader.schema.fields, expected).allSatisfy({ $0.type == $1.type }) else {
                throw ExtractError(
                    .source,
                    "Parquet folder: \(file.relativePath) changed its schema while it was read",
                    context: .init(path: folder.path)
                )
            }
            current = reader
            currentPartitions = try zip(folder.partitionFields, file.partitionValues).map {
                try PartitionConstant(field: $0, text: $1, file: file.relativePath, folder: folder.path)
            }
        }
    }

    public func close() {
        current?.close()
        current = nil
        nextFile = folder.files.count
    }
}

/// One partition value, typed, repeated into a column of any length.
struct PartitionConstant {
    let type: ColumnType
    let text: String?

    init(field: Field, text: String?, file: String, folder: String) throws {
        type = field.type
        self.text = text
        if let text {
            let valid: Bool
            switch field.type {
            case .int32: valid = Int32(text) != nil
            case .int64: valid = Int64(text) != nil
            case .double: valid = Double(text) != nil
            case .date: valid = ParquetFolder.dateDays(text) != nil
            default: valid = true
            }
            guard valid else {
                throw ExtractError(
                    .source,
                    "Parquet folder: \(file) has partition value '\(text)' for '\(field.name)', which is not \(field.type)",
                    context: .init(column: field.name, value: text, path: folder)
                )
            }
        }
    }

    func column(rows: Int) -> Column {
        var builder = ColumnBuilder(type: type, capacity: rows)
        guard let text else {
            for _ in 0..<rows { builder.appendNull() }
            return builder.finish()
        }
        switch type {
        case .int32: for _ in 0..<rows { builder.append(Int32(text)!) }
        case .int64: for _ in 0..<rows { builder.append(Int64(text)!) }
        case .double: for _ in 0..<rows { builder.append(Double(text)!) }
        case .date:
            let days = ParquetFolder.dateDays(text)!
            for _ in 0..<rows { builder.append(days) }
        default: for _ in 0..<rows { builder.append(string: text) }
        }
        return builder.finish()
    }
}
