import ExtractCore
import SystemPackage

extension StandardSinkFactory {
    /// Parquet output: one file per part with the job's page codec (SNAPPY, GZIP, ZSTD, LZ4 as
    /// LZ4_RAW; NONE = uncompressed pages), or parts as entries of one ZIP archive.
    func makeParquetSink(for request: SinkRequest, level: CompressionLevel) throws -> any DataSink {
        let layout = request.layout
        let schema = request.schema
        var configuration = ParquetWriter.Configuration()
        configuration.codec = try Self.pageCodec(request.compression, level: level)
        configuration.keyValueMetadata = ["extract_name": request.extractName]
        let pageConfiguration = configuration
        if request.compression.kind == .zip {
            let archivePath = layout.path(layout.archiveName ?? (layout.baseName + "." + layout.fileExtension + ".zip"))
            return try ZipBundleSink(path: archivePath, level: level, modificationDate: Self.zipDate(request.runTime),
                                     maxRowsPerFile: layout.maxRowsPerFile,
                                     hash: layout.triggerExtension != nil) { zip, part in
                let entry = try zip.beginEntry(name: layout.entryName(part: part))
                return try ParquetEntryWriter(schema: schema, sink: entry, configuration: pageConfiguration)
            }
        }
        return PartSplittingSink(maxRowsPerFile: layout.maxRowsPerFile) { part in
            try HashedParquetSink(path: layout.path(layout.fileName(part: part)), schema: schema, configuration: pageConfiguration,
                                  hash: layout.triggerExtension != nil)
        }
    }

    /// The page codec for a job's compression (ZIP and NONE store pages uncompressed; LZ4 is
    /// LZ4_RAW, never the deprecated Hadoop LZ4).
    public static func pageCodec(_ compression: OutputCompression, level: CompressionLevel) throws -> any Codec {
        let kind: BlockCompression
        switch compression.kind {
        case .none, .zip: kind = .uncompressed
        case .snappy: kind = .snappy
        case .lz4: kind = .lz4Raw
        case .gzip: kind = .gzip
        case .zstd: kind = .zstd
        }
        // Names (minimum, normal, maximum) resolve per codec; a number only where the codec has levels.
        return try BlockCodecs.make(kind, compressionLevel: level)
    }
}

/// One Parquet file written atomically (or staged, see ``StagingDataSink``), with the SHA-256 of its bytes when `hash` is set.
final class HashedParquetSink: StagingDataSink {
    private let file: AtomicFile
    private let hasher: HashingByteSink?
    private let writer: ParquetWriter
    private var result: OutputFile?
    private var isStaged = false

    init(path: String, schema: Schema, configuration: ParquetWriter.Configuration, hash: Bool) throws {
        file = try AtomicFile(path: FilePath(path))
        // Finishing the writer must not commit the file: stage() or finish() does that.
        let open = KeepOpenByteSink(file)
        hasher = hash ? HashingByteSink(open) : nil
        do {
            writer = try ParquetWriter(schema: schema, sink: hasher ?? open, configuration: configuration)
        } catch {
            file.abort()
            throw error
        }
    }

    func write(_ batch: ColumnBatch) throws {
        try writer.write(batch)
    }

    func finish() throws -> [OutputFile] {
        if let result { return [result] }
        let files = try StagedFile.publishAll(try stage())
        result = files[0]
        return files
    }

    func stage() throws -> [StagedFile] {
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
        let output = OutputFile(path: file.path.string, rows: summary.rows, bytes: file.byteCount,
                                uncompressedBytes: file.byteCount, sha256: hasher?.digest.hexString)
        return [StagedFile(temporaryPath: temporary, file: output)]
    }

    func abort() {
        guard result == nil, !isStaged else { return }
        writer.abort()
        file.abort()
    }
}

/// A Parquet writer over one ZIP entry.
final class ParquetEntryWriter: EntryWriter {
    private let writer: ParquetWriter
    private(set) var rowCount: Int64 = 0
    private(set) var byteCount: Int64 = 0

    init(schema: Schema, sink: any ByteSink, configuration: ParquetWriter.Configuration) throws {
        writer = try ParquetWriter(schema: schema, sink: sink, configuration: configuration)
    }

    func write(_ batch: ColumnBatch) throws {
        try writer.write(batch)
    }

    func finish() throws {
        let summary = try writer.finish()
        rowCount = summary.rows
        byteCount = summary.bytes
    }
}
