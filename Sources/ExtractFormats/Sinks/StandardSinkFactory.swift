import ExtractCore
import SystemPackage

/// The ``ExtractCore/SinkFactory`` of the `extract` command: delimited text through
/// ``DelimitedSink`` (whole-file gzip, zstd, lz4 or snappy), ZIP archives holding every part, and
/// Parquet through the Parquet writer with a page codec.
///
/// ```swift
/// let engine = ExtractEngine(configStore: store, runLog: log, sources: resolver,
///                            sinks: StandardSinkFactory(), logger: logger)
/// ```
public struct StandardSinkFactory: SinkFactory {
    /// Threads a gzip or zstd compressor may use for one file.
    public var compressionThreads: Int
    /// The `created_by` of every Parquet file written (see ``ExtractCore/ExtractVersion``).
    public var createdBy: String

    public init(compressionThreads: Int = 1, createdBy: String = ExtractVersion.createdBy) {
        self.compressionThreads = max(1, compressionThreads)
        self.createdBy = createdBy
    }

    public func makeSink(for request: SinkRequest) throws -> any DataSink {
        let layout = request.layout
        let level = request.compression.level
        if request.format == .parquet {
            return try makeParquetSink(for: request, level: level)
        }
        let options = try Self.delimitedOptions(request.fileProperties, extractName: request.extractName)
        // SHA-256 costs about as much as rendering CSV: compute it when a trigger manifest needs it.
        let hashFiles = layout.triggerExtension != nil
        let schema = request.schema
        if request.compression.kind == .zip {
            let archivePath = layout.path(layout.archiveFileName)
            return try ZipBundleSink(
                path: archivePath,
                level: level,
                modificationDate: Self.zipDate(request.runTime),
                maxRowsPerFile: layout.maxRowsPerFile,
                hash: hashFiles
            ) { zip, part in
                let entry = try zip.beginEntry(name: layout.entryName(part: part))
                return try DelimitedWriter(schema: schema, options: options, writingTo: entry)
            }
        }
        let codec = try Self.streamCodec(request.compression.kind, level: level, threads: compressionThreads)
        return PartSplittingSink(maxRowsPerFile: layout.maxRowsPerFile) { part in
            try DelimitedSink(
                path: FilePath(layout.path(layout.fileName(part: part))),
                schema: schema,
                options: options,
                compression: codec,
                computeSHA256: hashFiles
            )
        }
    }

    /// The writer options for `properties` (the same type), checked.
    public static func delimitedOptions(_ p: FileProperties, extractName: String? = nil) throws -> DelimitedOptions {
        do {
            try p.validate()
        } catch let e as ExtractError {
            throw extractName.map { e.inJob($0) } ?? e
        }
        return p
    }

    /// The whole-file codec of delimited output compressed as `kind` (`nil` for none; ZIP is an
    /// archive, not a stream codec, and also gives `nil`). gzip and zstd compress independent
    /// blocks on `threads` threads.
    public static func streamCodec(
        _ kind: OutputCompression.Kind,
        level: CompressionLevel,
        threads: Int = 1
    ) throws -> (any StreamCodec)? {
        if kind == .zip { return nil }
        return try StreamCodecs.make(OutputCompression(kind: kind, level: level), parallelism: threads)
    }

    /// The timestamp of ZIP entries: the run's time (so repeated runs at one run time give
    /// identical archives), else now.
    static func zipDate(_ runTime: CivilDateTime?) -> DOSDateTime {
        guard let t = runTime else { return .now() }
        return DOSDateTime(year: t.year, month: t.month, day: t.day, hour: t.hour, minute: t.minute, second: t.second)
    }
}
