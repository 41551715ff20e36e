import ExtractCore
import ExtractFormats
import ExtractStandard
import Foundation
import SystemPackage

/// The outcome of an export.
struct ExportResult {
    var rows: Int64
    var bytes: Int64
    var files: [OutputFile]
}

/// `extract export`'s arguments resolved into a source and a sink, validated before anything is
/// written.
struct ExportPlan {
    let source: any DataSource
    let makeSink: (Schema) throws -> any DataSink

    init(command: ExportCommand) throws {
        source = try ExportPlan.resolveSource(command)
        makeSink = try ExportPlan.sinkMaker(command)
    }

    /// Streams every batch from the source into the sink; on any failure the sink is aborted so
    /// no partial file remains. The source is read on a thread of its own, a couple of batches
    /// ahead, so reading overlaps rendering and compression.
    func run(progress: ProgressReporter) throws -> ExportResult {
        let reader = try BatchPrefetcher(source: source)
        defer { reader.close() }
        let sink = try makeSink(reader.schema)
        var rows: Int64 = 0
        do {
            while let batch = try reader.next() {
                try sink.write(batch)
                rows += Int64(batch.rowCount)
                progress.update(rows: rows)
            }
            let files = try sink.finish()
            progress.finish()
            return ExportResult(rows: rows, bytes: files.reduce(0) { $0 + $1.bytes }, files: files)
        } catch {
            sink.abort()
            progress.finish()
            throw error
        }
    }

    /// The source `--source` names, through the standard source registry (`sqlite:`, `postgresql://`, `parquet:`).
    static func resolveSource(_ command: ExportCommand) throws -> any DataSource {
        let selection: SourceSelection = command.table.map { .table($0) } ?? command.query.map { .query($0) } ?? .whole
        return try DataSourceRegistry.standard.makeSource(
            url: command.source,
            selection: selection,
            options: SourceOptions(
                maxConnections: command.maxConnections,
                typeMismatch: command.typeMismatch,
                statementTimeout: command.statementTimeout.map { .milliseconds(Int64(($0 * 1000).rounded(.up))) }
            )
        )
    }

    /// The delimited options: the format's preset, then the flags, read with the parsers and
    /// checked with the rules that config rows use (``DelimitedOptions``).
    static func delimitedOptions(_ command: ExportCommand) throws -> DelimitedOptions {
        var options = DelimitedOptions.preset(command.format)
        let args = command.delimited
        if let d = args.delimiter { options.delimiter = DelimitedOptions.parseDelimiter(d) }
        if let q = args.quote { options.quote = try DelimitedOptions.parseQuote(q) }
        if let e = args.escape { options.escape = try DelimitedOptions.parseEscape(e) }
        if args.noHeader { options.header = false }
        if let n = args.nullValue { options.nullValue = n }
        if let r = args.rowDelimiter { options.rowDelimiter = r }
        if let e = args.encoding { options.encoding = e }
        if let q = args.quoting { options.quoting = q }
        try options.validate()
        return options
    }

    /// gzip and zstd compress independent blocks on every core (as `extract run` does).
    static let compressionThreads = StandardEngine.defaultCompressionThreads

    /// `--compression` and `--compression-level`, checked against the format's codec as config
    /// rows are (default: snappy pages for Parquet, none for text).
    static func compression(_ command: ExportCommand) throws -> OutputCompression {
        let kind = command.compression ?? (command.format == .parquet ? .snappy : .none)
        let compression = OutputCompression(kind: kind, level: command.compressionLevel ?? .normal)
        if let problem = compression.problem(for: command.format) { throw problem }
        return compression
    }

    /// The sink for the export, built with the codec mappings `extract run` uses (StandardSinkFactory).
    static func sinkMaker(_ command: ExportCommand) throws -> (Schema) throws -> any DataSink {
        let output = FilePath(command.output)
        let compression = try compression(command)
        let level = compression.level
        // A ZIP archive holds one entry named like the output without `.zip`.
        let entryName = output.stem.map { String($0) } ?? "data"
        switch command.format {
        case .parquet:
            var configuration = ParquetWriter.Configuration(
                codec: try StandardSinkFactory.pageCodec(compression, level: level),
                createdBy: ExtractCommand.createdBy
            )
            if let bytes = command.parquet.rowGroupSize { configuration.rowGroupBytes = bytes }
            if let bytes = command.parquet.pageSize { configuration.pageBytes = bytes }
            if compression.kind == .zip {
                return { schema in
                    try StandardSinkFactory.parquetInZip(
                        path: command.output,
                        entryName: entryName,
                        schema: schema,
                        configuration: configuration,
                        level: level
                    )
                }
            }
            return { schema in
                try ParquetSink(path: output, schema: schema, configuration: configuration)
            }
        case .csv, .tsv, .dat:
            let options = try delimitedOptions(command)
            let codec: (any StreamCodec)? =
                compression.kind == .zip
                ? try ZipStreamCodec(entryName: entryName, level: level)
                : try StandardSinkFactory.streamCodec(compression.kind, level: level, threads: compressionThreads)
            return { schema in
                try DelimitedSink(path: output, schema: schema, options: options, compression: codec)
            }
        }
    }
}
