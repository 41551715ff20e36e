import Dispatch
import Synchronization
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
///                                configuration: .init(codec: BlockCodecs.make(.snappy)))
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
    private let group = DispatchGroup()
    private let inFlight = DispatchSemaphore(value: ParquetWriter.maxBatchesInFlight)

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
        let policy = DictionaryPolicy(
            enabled: configuration.dictionaryEnabled,
            pageSizeLimit: configuration.dictionaryPageSizeLimit
        )
        self.columns = descriptors.enumerated().map { index, descriptor in
            ColumnWork(
                index: index,
                writer: ColumnChunkWriter(
                    descriptor: descriptor,
                    codec: configuration.codec,
                    pageByteLimit: configuration.pageBytes,
                    pageRowLimit: configuration.pageRowLimit,
                    dictionary: policy,
                    writeChecksums: configuration.writePageChecksums,
                    writePageIndex: configuration.writePageIndex
                )
            )
        }
        self.parallel = configuration.parallelEncoding && descriptors.count > 1 && ParquetWriter.processorCount > 1
        try output(Array("PAR1".utf8))
    }

    deinit {
        group.wait()
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
            throw ExtractError(
                .invalidArgument,
                "write to a Parquet writer that is \(state == .failed ? "failed" : "finished")"
            )
        }
        guard batch.schema.fields.map(\.type) == schema.fields.map(\.type) else {
            throw ExtractError(
                .typeMismatch,
                "batch columns \(batch.schema.fields.map { "\($0.name) \($0.type)" }) do not match the Parquet schema \(schema.fields.map { "\($0.name) \($0.type)" })"
            )
        }
        do {
            var start = 0
            while start < batch.rowCount {
                let take = Swift.min(batch.rowCount - start, configuration.rowGroupRowLimit - rowGroupRows)
                try encode(batch, rows: start..<(start + take))
                rowGroupRows += take
                start += take
                if rowGroupRows >= configuration.rowGroupRowLimit || rowGroupIsFull() {
                    try flushRowGroup()
                }
            }
        } catch {
            state = .failed
            drain()
            throw error
        }
    }

    /// Whether the current row group's encoded pages reached ``Configuration/rowGroupBytes``.
    /// While columns still encode queued batches, each column's size is extrapolated to all rows
    /// submitted from its bytes per row so far (or, before it published anything, from the
    /// previous row group); only when that estimate reaches the limit, or a column has no figure
    /// at all yet, does the writer wait for the queues and decide on exact sizes.
    private func rowGroupIsFull() -> Bool {
        var estimate = 0.0
        for work in columns {
            let bytes = work.publishedBytes.load(ordering: .relaxed)
            let rows = work.publishedRows.load(ordering: .relaxed)
            if rows > 0 {
                estimate += Double(bytes) * Double(rowGroupRows) / Double(rows)
            } else if let ratio = work.previousBytesPerRow {
                estimate += ratio * Double(rowGroupRows)
            } else {
                estimate = .infinity
                break
            }
        }
        guard estimate >= Double(configuration.rowGroupBytes) else { return false }
        drain()
        return columns.reduce(0) { $0 + $1.writer.bufferedBytes } >= configuration.rowGroupBytes
    }

    /// The most batches whose columns may still be encoding while the caller produces the next
    /// one: bounds the raw rows held (the rest of the memory is encoded pages).
    static let maxBatchesInFlight = 3

    /// Encodes `rows` of `batch` into every column. In parallel mode each column has its own
    /// serial queue: a column encodes its batches in order, columns run side by side on the
    /// available cores, and nothing waits for the slowest column until the row group ends (or
    /// ``maxBatchesInFlight`` batches are pending), so a busy or descheduled core delays little.
    private func encode(_ batch: ColumnBatch, rows: Range<Int>) throws {
        guard parallel && rows.count >= 4096 else {
            // Small slices are not worth a hop to the queues; earlier batches queued there must
            // be done first (a column writer is used by one thread at a time).
            drain()
            try throwFirstError()
            for work in columns {
                try work.writer.append(batch.columns[work.index], rows: rows)
                work.publish()
            }
            return
        }
        try throwFirstError()
        inFlight.wait()
        let pending = PendingBatch(columns: columns.count, semaphore: inFlight)
        for work in columns {
            work.queue.async(group: group) {
                if !work.failed {
                    do {
                        try work.writer.append(batch.columns[work.index], rows: rows)
                        work.publish()
                    } catch {
                        work.fail(error)
                    }
                }
                pending.columnDone()
            }
        }
    }

    /// Waits for every queued column task.
    private func drain() {
        if parallel { group.wait() }
    }

    /// Rethrows the first error a column task recorded.
    private func throwFirstError() throws {
        for work in columns where work.failed {
            if let error = work.takeError() { throw error }
        }
    }

    /// Ends every column chunk (in parallel when enabled).
    private func finishChunks() throws {
        drain()
        try throwFirstError()
        if parallel {
            let columns = self.columns
            DispatchQueue.concurrentPerform(iterations: columns.count) { i in
                let work = columns[i]
                do { work.chunk = try work.writer.finishChunk() } catch { work.fail(error) }
            }
            try throwFirstError()
        } else {
            for work in columns { work.chunk = try work.writer.finishChunk() }
        }
        for work in columns {
            if let chunk = work.chunk, chunk.numValues > 0 {
                work.previousBytesPerRow = Double(chunk.totalCompressedSize) / Double(chunk.numValues)
            }
            work.publish()
        }
    }

    /// Writes the buffered row group.
    private func flushRowGroup() throws {
        guard rowGroupRows > 0 else { return }
        try finishChunks()
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
            chunks.append(
                ParquetColumnChunk(metaData: chunk.metaData(descriptor: descriptor, codec: codecKind, at: chunkOffset))
            )
            indexes.append((chunk.columnIndex, chunk.offsetIndex(at: chunkOffset)))
            uncompressed += chunk.totalUncompressedSize
        }
        rowGroups.append(
            ParquetRowGroup(
                columns: chunks,
                totalByteSize: uncompressed,
                numRows: Int64(rowGroupRows),
                fileOffset: start,
                totalCompressedSize: offset - start,
                ordinal: rowGroups.count <= Int(Int16.max) ? Int16(rowGroups.count) : nil
            )
        )
        pageIndexes.append(indexes)
        totalRows += Int64(rowGroupRows)
        rowGroupRows = 0
    }

    /// Writes the last row group, the page index and the footer, and finishes the sink (for a
    /// path: syncs and renames the file into place).
    @discardableResult
    public func finish() throws -> Summary {
        guard state == .open else {
            throw ExtractError(
                .invalidArgument,
                "finish of a Parquet writer that is \(state == .failed ? "failed" : "finished")"
            )
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
                version: 1,
                schema: [root] + descriptors.map(\.schemaElement),
                numRows: totalRows,
                rowGroups: rowGroups,
                keyValueMetadata: configuration.keyValueMetadata.isEmpty
                    ? nil
                    : configuration.keyValueMetadata.sorted { $0.key < $1.key }.map {
                        ParquetKeyValue(key: $0.key, value: $0.value)
                    },
                createdBy: configuration.createdBy,
                columnOrders: descriptors.map { _ in ParquetColumnOrder() }
            )
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
        drain()
        state = .failed
        atomicFile?.abort()
    }
}

/// One column's writer, its serial queue and what its tasks hand back.
///
/// `@unchecked Sendable`: the writer, `chunk` and `error` are only touched by tasks on this
/// column's serial `queue` (one at a time, in order) or by `concurrentPerform` (one worker per
/// column), and the ``ParquetWriter`` reads them only after `DispatchGroup.wait()` or
/// `concurrentPerform` returned, which order the memory accesses. What the writer's thread reads
/// while tasks run is atomic (`publishedBytes`, `failedFlag`). Measured: see BENCHMARKS.md.
final class ColumnWork: @unchecked Sendable {
    let writer: ColumnChunkWriter
    let index: Int
    let queue: DispatchQueue
    var chunk: EncodedColumnChunk?
    /// Compressed bytes per row of this column's previous chunk (writer's thread only).
    var previousBytesPerRow: Double?
    /// The writer's buffered bytes and rows after its last task, for the row group size check.
    let publishedBytes = Atomic<Int>(0)
    let publishedRows = Atomic<Int>(0)
    private let failedFlag = Atomic<Bool>(false)
    private var error: (any Error)?

    init(index: Int, writer: ColumnChunkWriter) {
        self.index = index
        self.writer = writer
        self.queue = DispatchQueue(label: "parquet.column.\(index)")
    }

    var failed: Bool { failedFlag.load(ordering: .acquiring) }

    func publish() {
        publishedBytes.store(writer.bufferedBytes, ordering: .relaxed)
        publishedRows.store(writer.bufferedRows, ordering: .relaxed)
    }

    func fail(_ error: any Error) {
        if !failed { self.error = error }
        failedFlag.store(true, ordering: .releasing)
    }

    /// The recorded error (once).
    func takeError() -> (any Error)? {
        defer { error = nil }
        return error
    }
}

/// Counts the columns still encoding one batch; the last one frees an in-flight slot.
private final class PendingBatch: Sendable {
    private let remaining: Atomic<Int>
    private let semaphore: DispatchSemaphore

    init(columns: Int, semaphore: DispatchSemaphore) {
        remaining = Atomic(columns)
        self.semaphore = semaphore
    }

    func columnDone() {
        if remaining.subtract(1, ordering: .acquiringAndReleasing).newValue == 0 { semaphore.signal() }
    }
}
