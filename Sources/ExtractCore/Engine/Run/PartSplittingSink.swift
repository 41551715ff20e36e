/// A ``DataSink`` that splits rows into parts of at most `maxRowsPerFile` rows, asking
/// `makePart` for the sink of each part (1, 2, 3, ...). Without a maximum, everything goes to
/// part 1. An extract with no rows still produces part 1 (a file with just the header, or an
/// empty Parquet file), so downstream systems always find a file.
///
/// Parts are committed in two phases: a full part is only *staged* (complete and synced under a
/// temporary name, see ``StagingDataSink``) and its sink released; ``finish()`` stages the last
/// part, then publishes (renames) every part in order. Until then no final name is touched, so
/// ``abort()`` (or a failure anywhere before the renames) removes only temporary files and leaves
/// the files of a previous run with the same names as they were.
public final class PartSplittingSink: StagingDataSink {
    private let maxRows: Int?
    private let makePart: (Int) throws -> any StagingDataSink
    private var current: (any StagingDataSink)?
    private var rowsInCurrent = 0
    private var partCount = 0
    private var staged: [StagedFile] = []
    private var published: [OutputFile]?
    /// Called after every part is published (for progress reporting).
    public var onPartCommitted: ((OutputFile) -> Void)?

    /// - Parameters:
    ///   - maxRowsPerFile: rows per part, or `nil` for one part.
    ///   - makePart: makes the sink of part `n` (1-based); called lazily, when a row needs it.
    public init(maxRowsPerFile: Int?, makePart: @escaping (Int) throws -> any StagingDataSink) {
        precondition(maxRowsPerFile.map { $0 > 0 } ?? true, "maxRowsPerFile must be positive")
        self.maxRows = maxRowsPerFile
        self.makePart = makePart
    }

    /// The number of parts started so far.
    public var partsStarted: Int { partCount }

    public func write(_ batch: ColumnBatch) throws {
        guard let maxRows else {
            try openIfNeeded().write(batch)
            rowsInCurrent += batch.rowCount
            return
        }
        var offset = 0
        while offset < batch.rowCount {
            let sink = try openIfNeeded()
            let take = min(maxRows - rowsInCurrent, batch.rowCount - offset)
            try sink.write(offset == 0 && take == batch.rowCount ? batch : batch.slice(offset..<(offset + take)))
            rowsInCurrent += take
            offset += take
            if rowsInCurrent == maxRows { try stageCurrent() }
        }
    }

    /// Stages the open part and hands every staged part over (nothing is published).
    public func stage() throws -> [StagedFile] {
        if partCount == 0 { _ = try openIfNeeded() }
        try stageCurrent()
        let files = staged
        staged = []
        return files
    }

    /// Stages the open part, then publishes every part in order.
    public func finish() throws -> [OutputFile] {
        if let published { return published }
        let files = try StagedFile.publishAll(try stage())
        for f in files { onPartCommitted?(f) }
        published = files
        return files
    }

    /// Aborts the open part and discards the staged ones; published files are not touched.
    public func abort() {
        current?.abort()
        current = nil
        for file in staged { file.discard() }
        staged = []
    }

    private func openIfNeeded() throws -> any StagingDataSink {
        if let current { return current }
        partCount += 1
        let sink = try makePart(partCount)
        current = sink
        rowsInCurrent = 0
        return sink
    }

    private func stageCurrent() throws {
        guard let sink = current else { return }
        current = nil
        do {
            staged += try sink.stage()
        } catch {
            sink.abort()
            throw error
        }
    }
}
