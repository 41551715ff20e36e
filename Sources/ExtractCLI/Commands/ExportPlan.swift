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
            url: command.source, selection: selection,
            options: SourceOptions(maxConnections: command.maxConnections, typeMismatch: command.typeMismatch))
    }

    static func delimitedOptions(_ command: ExportCommand) throws -> DelimitedOptions {
        var options = try DelimitedOptions.preset(named: command.format.rawValue)
        let args = command.delimited
        if let d = args.delimiter { options.delimiter = d == "\\t" ? "\t" : d }
        if let q = args.quote {
            if q.lowercased() == "none" || q.isEmpty {
                options.quote = nil
            } else if q.count == 1 {
                options.quote = q.first
            } else {
                throw ExtractError(.invalidArgument, "--quote takes one character or none", context: .init(value: q))
            }
        }
        if let e = args.escape {
            guard e.count == 1 else {
                throw ExtractError(.invalidArgument, "--escape takes one character", context: .init(value: e))
            }
            options.escape = e.first
        }
        if args.noHeader { options.header = false }
        if let n = args.nullValue { options.nullValue = n }
        if let r = args.rowDelimiter { options.rowDelimiter = try RowDelimiter(name: r) }
        if let e = args.encoding { options.encoding = try TextEncoding(name: e) }
        if let q = args.quoting { options.quoting = try QuotingPolicy(name: q) }
        try options.validate()
        return options
    }

    /// gzip and zstd compress independent blocks on every core (as `extract run` does).
    static let compressionThreads = max(2, ProcessInfo.processInfo.activeProcessorCount)

    /// `--compression` as the engine's compression kind (`lz4_raw` also names LZ4 for Parquet).
    static func compressionKind(_ command: ExportCommand) throws -> OutputCompression.Kind {
        let text = command.compression ?? (command.format == .parquet ? "snappy" : "none")
        let name = ["uncompressed": "none", "lz4_raw": "lz4", "lz4raw": "lz4"][text.lowercased()] ?? text
        guard let kind = OutputCompression.Kind(rawValue: name.uppercased()),
              !(kind == .zip && command.format == .parquet) else {
            throw ExtractError(
                .invalidArgument,
                command.format == .parquet
                    ? "Parquet pages take compression none, snappy, gzip, zstd or lz4 (LZ4_RAW)"
                    : "unknown compression; use one of none, gzip, zip, zstd, lz4, snappy",
                context: .init(value: text))
        }
        return kind
    }

    /// The sink for the export, built with the codec mappings `extract run` uses (StandardSinkFactory).
    static func sinkMaker(_ command: ExportCommand) throws -> (Schema) throws -> any DataSink {
        let output = FilePath(command.output)
        let level = try command.compressionLevel.map { try CompressionLevel(parsing: $0) } ?? .normal
        let kind = try compressionKind(command)
        switch command.format {
        case .parquet:
            var configuration = ParquetWriter.Configuration(
                codec: try StandardSinkFactory.pageCodec(OutputCompression(kind: kind), level: level))
            if let bytes = command.parquet.rowGroupSize { configuration.rowGroupBytes = bytes }
            if let bytes = command.parquet.pageSize { configuration.pageBytes = bytes }
            return { schema in
                try ParquetSink(path: output, schema: schema, configuration: configuration)
            }
        case .csv, .tsv, .dat:
            let options = try delimitedOptions(command)
            // One file in one archive entry named like the output without `.zip`.
            let codec: (any StreamCodec)? = kind == .zip
                ? try ZipStreamCodec(entryName: output.stem.map { String($0) } ?? "data", level: level)
                : try StandardSinkFactory.streamCodec(kind, level: level, threads: compressionThreads)
            return { schema in
                try DelimitedSink(path: output, schema: schema, options: options, compression: codec)
            }
        }
    }
}
