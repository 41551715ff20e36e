#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A ``DataSink`` that splits rows into parts of at most `maxRowsPerFile` rows, asking
/// `makePart` for the sink of each part (1, 2, 3, ...). Without a maximum, everything goes to
/// part 1. An extract with no rows still produces part 1 (a file with just the header, or an
/// empty Parquet file), so downstream systems always find a file.
///
/// A part is finished (committed) as soon as it is full. ``abort()`` aborts the open part and
/// deletes the parts already committed, so a failed extract leaves no file behind.
public final class PartSplittingSink: DataSink {
    private let maxRows: Int?
    private let makePart: (Int) throws -> any DataSink
    private var current: (any DataSink)?
    private var rowsInCurrent = 0
    private var partCount = 0
    private var committed: [OutputFile] = []
    /// Called after every part is committed (for progress reporting).
    public var onPartCommitted: ((OutputFile) -> Void)?

    /// - Parameters:
    ///   - maxRowsPerFile: rows per part, or `nil` for one part.
    ///   - makePart: makes the sink of part `n` (1-based); called lazily, when a row needs it.
    public init(maxRowsPerFile: Int?, makePart: @escaping (Int) throws -> any DataSink) {
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
            if rowsInCurrent == maxRows { try finishCurrent() }
        }
    }

    public func finish() throws -> [OutputFile] {
        if partCount == 0 { _ = try openIfNeeded() }
        try finishCurrent()
        return committed
    }

    public func abort() {
        current?.abort()
        current = nil
        for file in committed { unlink(file.path) }
        committed = []
    }

    private func openIfNeeded() throws -> any DataSink {
        if let current { return current }
        partCount += 1
        let sink = try makePart(partCount)
        current = sink
        rowsInCurrent = 0
        return sink
    }

    private func finishCurrent() throws {
        guard let sink = current else { return }
        current = nil
        let files = try sink.finish()
        committed += files
        for f in files { onPartCommitted?(f) }
    }
}
