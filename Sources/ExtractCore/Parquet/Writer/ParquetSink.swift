import SystemPackage

/// A ``DataSink`` that writes every batch into one Parquet file (behind
/// `extract export --format parquet`). ``finish()`` commits the file under its final name.
public final class ParquetSink: DataSink {
    /// The final path of the file.
    public let path: FilePath
    private let writer: ParquetWriter

    /// Starts the file at `path` (its folder must exist).
    public init(path: FilePath, schema: Schema, configuration: ParquetWriter.Configuration = .init()) throws {
        self.path = path
        self.writer = try ParquetWriter(schema: schema, path: path, configuration: configuration)
    }

    /// Encodes `batch` into the file (see ``ParquetWriter/write(_:)``).
    public func write(_ batch: ColumnBatch) throws {
        try writer.write(batch)
    }

    /// Writes the footer and renames the file into place; returns it with its rows and bytes.
    public func finish() throws -> [OutputFile] {
        let summary = try writer.finish()
        return [OutputFile(path: path.string, rows: summary.rows, bytes: summary.bytes)]
    }

    /// Removes the temporary file; nothing is left under the final name.
    public func abort() {
        writer.abort()
    }
}
