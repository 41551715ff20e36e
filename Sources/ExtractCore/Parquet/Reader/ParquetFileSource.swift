/// One Parquet file as a ``DataSource``: its flat top-level columns (or the `columns` given),
/// every row group, in batches of ``ColumnBatch/defaultRowCount`` rows.
public struct ParquetFileSource: DataSource {
    public let path: String
    /// The columns to read, in this order; `nil` reads every top-level column.
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

    public func makeReader() throws -> any BatchReader {
        try ParquetFile(path: path, decompressors: decompressors).makeBatchReader(
            columns: columns,
            batchRowCount: batchRowCount
        )
    }
}
