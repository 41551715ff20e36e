import ExtractCore
import SystemPackage

extension StandardSinkFactory {
    /// Parquet output: one file per part with the job's page codec (SNAPPY, GZIP, ZSTD, LZ4 as
    /// LZ4_RAW; NONE = uncompressed pages), or parts as entries of one ZIP archive.
    func makeParquetSink(for request: SinkRequest, level: CompressionLevel) throws -> any DataSink {
        let layout = request.layout
        let schema = request.schema
        var configuration = ParquetWriter.Configuration(createdBy: createdBy)
        configuration.codec = try Self.pageCodec(request.compression, level: level)
        configuration.keyValueMetadata = ["extract_name": request.extractName]
        let pageConfiguration = configuration
        if request.compression.kind == .zip {
            let archivePath = layout.path(layout.archiveFileName)
            return try ZipBundleSink(
                path: archivePath,
                level: level,
                modificationDate: Self.zipDate(request.runTime),
                maxRowsPerFile: layout.maxRowsPerFile,
                hash: layout.triggerExtension != nil
            ) { zip, part in
                let entry = try zip.beginEntry(name: layout.entryName(part: part))
                return try ParquetEntryWriter(schema: schema, sink: entry, configuration: pageConfiguration)
            }
        }
        return PartSplittingSink(maxRowsPerFile: layout.maxRowsPerFile) { part in
            try ParquetSink(
                path: FilePath(layout.path(layout.fileName(part: part))),
                schema: schema,
                configuration: pageConfiguration,
                computeSHA256: layout.triggerExtension != nil
            )
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

extension StandardSinkFactory {
    /// One Parquet file as the single entry `entryName` of the ZIP archive at `path` (what
    /// `extract export --format parquet --compression zip` writes; configured jobs get the same
    /// from ``makeSink(for:)``).
    public static func parquetInZip(
        path: String,
        entryName: String,
        schema: Schema,
        configuration: ParquetWriter.Configuration,
        level: CompressionLevel
    ) throws -> any DataSink {
        try ZipBundleSink(path: path, level: level, modificationDate: .now(), maxRowsPerFile: nil, hash: false) {
            zip,
            _ in
            let entry = try zip.beginEntry(name: entryName)
            return try ParquetEntryWriter(schema: schema, sink: entry, configuration: configuration)
        }
    }
}
