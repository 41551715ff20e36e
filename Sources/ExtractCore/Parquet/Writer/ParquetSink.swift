import SystemPackage

/// A ``DataSink`` that writes every batch into one Parquet file, under a temporary name until
/// ``finish()`` renames it into place (or ``stage()`` hands it over for a later, all-at-once
/// publish; see ``StagingDataSink``).
public final class ParquetSink: StagingDataSink {
    /// The final path of the file.
    public var path: FilePath { file.path }
    private let file: AtomicFile
    private let hasher: HashingByteSink?
    private let writer: ParquetWriter
    private var result: OutputFile?
    private var isStaged = false

    /// Starts the file at `path` (its folder must exist).
    /// - Parameter computeSHA256: whether to fingerprint the file's bytes (``OutputFile/sha256``);
    ///   it costs a pass over every byte, so leave it off unless a manifest needs it.
    public init(
        path: FilePath,
        schema: Schema,
        configuration: ParquetWriter.Configuration = .init(),
        computeSHA256: Bool = false
    ) throws {
        file = try AtomicFile(path: path)
        // Finishing the writer must not commit the file: stage() or finish() does that.
        let open = KeepOpenByteSink(file)
        hasher = computeSHA256 ? HashingByteSink(open) : nil
        do {
            writer = try ParquetWriter(schema: schema, sink: hasher ?? open, configuration: configuration)
        } catch {
            file.abort()
            throw error
        }
    }

    /// Starts the file at `path` (see ``init(path:schema:configuration:computeSHA256:)-(FilePath,_,_,_)``).
    public convenience init(
        path: String,
        schema: Schema,
        configuration: ParquetWriter.Configuration = .init(),
        computeSHA256: Bool = false
    ) throws {
        try self.init(path: FilePath(path), schema: schema, configuration: configuration, computeSHA256: computeSHA256)
    }

    /// Encodes `batch` into the file (see ``ParquetWriter/write(_:)``).
    public func write(_ batch: ColumnBatch) throws {
        try writer.write(batch)
    }

    /// Writes the footer and renames the file into place; returns it with its rows and bytes.
    public func finish() throws -> [OutputFile] {
        if let result { return [result] }
        let files = try StagedFile.publishAll(try stage())
        result = files[0]
        return files
    }

    /// Writes the footer and syncs the file, leaving it under its temporary name.
    public func stage() throws -> [StagedFile] {
        guard !isStaged, result == nil else {
            throw ExtractError(.internal, "stage after finish", context: .init(path: file.path.string))
        }
        let summary: ParquetWriter.Summary
        let temporary: FilePath
        do {
            summary = try writer.finish()
            temporary = try file.stage()
        } catch {
            file.abort()
            throw error
        }
        isStaged = true
        let output = OutputFile(
            path: file.path.string,
            rows: summary.rows,
            bytes: file.byteCount,
            uncompressedBytes: file.byteCount,
            sha256: hasher?.digest.hexString
        )
        return [StagedFile(temporaryPath: temporary, file: output)]
    }

    /// Removes the temporary file; nothing is left under the final name.
    public func abort() {
        guard result == nil, !isStaged else { return }
        writer.abort()
        file.abort()
    }
}
