import Dispatch
import SystemPackage

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Writes ``ColumnBatch``es as one Parquet file, in pure Swift.
///
/// Batches are encoded as they arrive: each column's values go straight into compressed pages,
/// which are buffered per row group (not the rows), and a row group is written out once its
/// pages reach ``Configuration/rowGroupBytes`` or ``Configuration/rowGroupRowLimit`` rows, so
/// memory stays bounded by one row group whatever the size of the table. The column chunks of a
/// row group are encoded in parallel. ``finish()`` writes the page index and the footer.
///
/// ```swift
/// let writer = try ParquetWriter(schema: schema, path: "out/orders.parquet",
///                                configuration: .init(codec: try BlockCodecs.make(.snappy)))
/// while let batch = try reader.next() { try writer.write(batch) }
/// let summary = try writer.finish()
/// ```
public final class ParquetWriter {
    /// What ``finish()`` reports.
    public struct Summary: Sendable, Hashable {
        /// Rows written.
        public var rows: Int64
        /// Bytes of the whole file.
        public var bytes: Int64
        /// Row groups written.
        public var rowGroups: Int
    }

    /// The columns every batch must have.
    public let schema: Schema
    /// The settings the file is written with.
    public let configuration: Configuration

    private let sink: any ByteSink
    private let atomicFile: AtomicFile?
    private let descriptors: [ParquetColumnDescriptor]
    private let columns: [ColumnWork]
    private let codecKind: ParquetCompressionCodec
    private let parallel: Bool

    private var offset: Int64 = 0
    private var totalRows: Int64 = 0
    private var rowGroupRows = 0
    private var rowGroups: [ParquetRowGroup] = []
    /// Per row group, per column: the page index parts, written at the end.
    private var pageIndexes: [[(columnIndex: ParquetColumnIndex?, offsetIndex: ParquetOffsetIndex)]] = []
    private var state: State = .open

    private enum State { case open, finished, failed }

    /// Creates a writer that writes to `sink` (and finishes it in ``finish()``).
    public convenience init(schema: Schema, sink: any ByteSink, configuration: Configuration = Configuration()) throws {
        try self.init(schema: schema, sink: sink, atomicFile: nil, configuration: configuration)
    }

    /// Creates a writer of the file at `path`, written under a temporary name and renamed into
    /// place by ``finish()`` (see ``AtomicFile``).
    public convenience init(schema: Schema, path: FilePath, configuration: Configuration = Configuration()) throws {
        let file = try AtomicFile(path: path)
        try self.init(schema: schema, sink: file, atomicFile: file, configuration: configuration)
    }

    private init(schema: Schema, sink: any ByteSink, atomicFile: AtomicFile?, configuration: Configuration) throws {
        try configuration.validate()
        guard !schema.fields.isEmpty else {
            throw ExtractError(.invalidArgument, "a Parquet file needs at least one column")
        }
        self.schema = schema
        self.configuration = configuration
        self.sink = sink
        self.atomicFile = atomicFile
        self.codecKind = ParquetCompressionCodec(configuration.codec.kind)
        let descriptors = try schema.fields.map { try ParquetColumnDescriptor(field: $0) }
        self.descriptors = descriptors
        let policy = DictionaryPolicy(enabled: configuration.dictionaryEnabled,
                                      pageSizeLimit: configuration.dictionaryPageSizeLimit)
        self.columns = descriptors.enumerated().map { index, descriptor in
            ColumnWork(index: index, writer: ColumnChunkWriter(
                descriptor: descriptor, codec: configuration.codec, pageByteLimit: configuration.pageBytes,
                pageRowLimit: configuration.pageRowLimit, dictionary: policy,
                writeChecksums: configuration.writePageChecksums, writePageIndex: configuration.writePageIndex))
        }
        self.parallel = configuration.parallelEncoding && descriptors.count > 1 && ParquetWriter.processorCount > 1
        try output(Array("PAR1".utf8))
    }

    deinit {
        if state != .finished { atomicFile?.abort() }
    }

    static let processorCount: Int = Int(sysconf(Int32(_SC_NPROCESSORS_ONLN)))

    private func output(_ bytes: [UInt8]) throws {
        try sink.write(bytes)
        offset += Int64(bytes.count)
    }

    /// Appends the rows of `batch`; its schema must be the writer's.
    public func write(_ batch: ColumnBatch) throws {
        guard state == .open else {
            throw ExtractError(.invalidArgument, "write to a Parquet writer that is \(state == .failed ? "failed" : "finished")")
        }
        guard batch.schema.fields.map(\.type) == schema.fields.map(\.type) else {
            throw ExtractError(.typeMismatch, "batch columns \(batch.schema.fields.map { "\($0.name) \($0.type)" }) do not match the Parquet schema \(schema.fields.map { "\($0.name) \($0.type)" })")
        }
        do {
            var start = 0
            while start < batch.rowCount {
                let take = Swift.min(batch.rowCount - start, configuration.rowGroupRowLimit - rowGroupRows)
                try encode(batch, rows: start..<(start + take))
                rowGroupRows += take
                start += take
                if rowGroupRows >= configuration.rowGroupRowLimit || bufferedBytes >= configuration.rowGroupBytes {
                    try flushRowGroup()
                }
            }
        } catch {
            state = .failed
            throw error
        }
    }

    /// Encoded bytes buffered for the current row group.
    private var bufferedBytes: Int { columns.reduce(0) { $0 + $1.writer.bufferedBytes } }

    /// Runs `body` for every column, on all cores when parallel encoding is on.
    private func forEachColumn(parallel: Bool, _ body: @escaping @Sendable (ColumnWork) throws -> Void) throws {
        let columns = self.columns
        if parallel {
            DispatchQueue.concurrentPerform(iterations: columns.count) { i in
                let work = columns[i]
                do { try body(work) } catch { work.error = error }
            }
            for work in columns {
                if let error = work.error {
                    work.error = nil
                    throw error
                }
            }
        } else {
            for work in columns { try body(work) }
        }
    }

    private func encode(_ batch: ColumnBatch, rows: Range<Int>) throws {
        let useParallel = parallel && rows.count >= 4096
        try forEachColumn(parallel: useParallel) { work in
            try work.writer.append(batch.columns[work.index], rows: rows)
        }
    }

    /// Writes the buffered row group.
    private func flushRowGroup() throws {
        guard rowGroupRows > 0 else { return }
        try forEachColumn(parallel: parallel) { work in
            work.chunk = try work.writer.finishChunk()
        }
        let start = offset
        var chunks: [ParquetColumnChunk] = []
        var indexes: [(columnIndex: ParquetColumnIndex?, offsetIndex: ParquetOffsetIndex)] = []
        var uncompressed: Int64 = 0
        for (work, descriptor) in zip(columns, descriptors) {
            guard let chunk = work.chunk else { continue }
            work.chunk = nil
            let chunkOffset = offset
            if let dictionary = chunk.dictionaryPage { try output(dictionary) }
            for page in chunk.dataPages { try output(page) }
            chunks.append(ParquetColumnChunk(metaData: chunk.metaData(descriptor: descriptor, codec: codecKind, at: chunkOffset)))
            indexes.append((chunk.columnIndex, chunk.offsetIndex(at: chunkOffset)))
            uncompressed += chunk.totalUncompressedSize
        }
        rowGroups.append(ParquetRowGroup(columns: chunks, totalByteSize: uncompressed, numRows: Int64(rowGroupRows),
                                         fileOffset: start, totalCompressedSize: offset - start,
                                         ordinal: rowGroups.count <= Int(Int16.max) ? Int16(rowGroups.count) : nil))
        pageIndexes.append(indexes)
        totalRows += Int64(rowGroupRows)
        rowGroupRows = 0
    }

    /// Writes the last row group, the page index and the footer, and finishes the sink (for a
    /// path: syncs and renames the file into place).
    @discardableResult
    public func finish() throws -> Summary {
        guard state == .open else {
            throw ExtractError(.invalidArgument, "finish of a Parquet writer that is \(state == .failed ? "failed" : "finished")")
        }
        do {
            try flushRowGroup()
            if configuration.writePageIndex {
                for g in rowGroups.indices {
                    for c in rowGroups[g].columns.indices {
                        guard let columnIndex = pageIndexes[g][c].columnIndex else { continue }
                        let bytes = columnIndex.serialized()
                        rowGroups[g].columns[c].columnIndexOffset = offset
                        rowGroups[g].columns[c].columnIndexLength = Int32(bytes.count)
                        try output(bytes)
                    }
                }
                for g in rowGroups.indices {
                    for c in rowGroups[g].columns.indices {
                        let bytes = pageIndexes[g][c].offsetIndex.serialized()
                        rowGroups[g].columns[c].offsetIndexOffset = offset
                        rowGroups[g].columns[c].offsetIndexLength = Int32(bytes.count)
                        try output(bytes)
                    }
                }
            }
            let root = ParquetSchemaElement(name: "schema", numChildren: Int32(descriptors.count))
            let metadata = ParquetFileMetaData(
                version: 1, schema: [root] + descriptors.map(\.schemaElement), numRows: totalRows,
                rowGroups: rowGroups,
                keyValueMetadata: configuration.keyValueMetadata.isEmpty ? nil
                    : configuration.keyValueMetadata.sorted { $0.key < $1.key }.map { ParquetKeyValue(key: $0.key, value: $0.value) },
                createdBy: configuration.createdBy,
                columnOrders: descriptors.map { _ in ParquetColumnOrder() })
            var footer = metadata.serialized()
            footer.appendLittleEndian(UInt32(footer.count))
            footer.append(contentsOf: Array("PAR1".utf8))
            try output(footer)
            try sink.finish()
            state = .finished
        } catch {
            state = .failed
            atomicFile?.abort()
            throw error
        }
        return Summary(rows: totalRows, bytes: offset, rowGroups: rowGroups.count)
    }

    /// Discards the output: removes the temporary file when the writer owns one. Does nothing
    /// after a successful ``finish()``.
    public func abort() {
        guard state != .finished else { return }
        state = .failed
        atomicFile?.abort()
    }
}

/// One column's writer plus the hand-off slots of a parallel step.
///
/// `@unchecked Sendable`: `DispatchQueue.concurrentPerform` hands each instance to exactly one
/// worker per step, and the writer reads `error`/`chunk` only after `concurrentPerform` returned
/// (which orders the memory accesses), so no instance is ever touched by two threads at once.
/// Parallel encoding of the column chunks is measured to pay (see the Parquet report/benchmark).
final class ColumnWork: @unchecked Sendable {
    let writer: ColumnChunkWriter
    let index: Int
    var error: (any Error)?
    var chunk: EncodedColumnChunk?

    init(index: Int, writer: ColumnChunkWriter) {
        self.index = index
        self.writer = writer
    }
}
