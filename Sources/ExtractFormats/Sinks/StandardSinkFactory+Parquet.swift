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
            return try ZipBundleSink(path: archivePath, level: level, maxRowsPerFile: layout.maxRowsPerFile,
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

    /// The page codec for a job's compression (ZIP and NONE store pages uncompressed).
    static func pageCodec(_ compression: OutputCompression, level: CompressionLevel) throws -> any Codec {
        switch compression.kind {
        case .none, .zip: return UncompressedCodec()
        case .snappy: return BlockCodecs.make(.snappy)
        case .lz4: return BlockCodecs.make(.lz4Raw)
        case .gzip: return BlockCodecs.make(.gzip, level: try level.resolved(for: "gzip"))
        case .zstd: return BlockCodecs.make(.zstd, level: try level.resolved(for: "zstd"))
        }
    }
}

/// One Parquet file written atomically, with the SHA-256 of its bytes when `hash` is set.
final class HashedParquetSink: DataSink {
    private let file: AtomicFile
    private let hasher: HashingByteSink?
    private let writer: ParquetWriter
    private var result: OutputFile?

    init(path: String, schema: Schema, configuration: ParquetWriter.Configuration, hash: Bool) throws {
        file = try AtomicFile(path: FilePath(path))
        hasher = hash ? HashingByteSink(file) : nil
        do {
            writer = try ParquetWriter(schema: schema, sink: hasher ?? file, configuration: configuration)
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
        let summary: ParquetWriter.Summary
        do {
            summary = try writer.finish()
        } catch {
            file.abort()
            throw error
        }
        let output = OutputFile(path: file.path.string, rows: summary.rows, bytes: file.byteCount,
                                uncompressedBytes: file.byteCount, sha256: hasher?.digest.hexString)
        result = output
        return [output]
    }

    func abort() {
        guard result == nil else { return }
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
