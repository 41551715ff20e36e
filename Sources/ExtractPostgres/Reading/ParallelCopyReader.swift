import ExtractCore
import Foundation

/// One consistent read of a table over several connections.
///
/// The first connection opens a `REPEATABLE READ, READ ONLY` transaction and exports its snapshot
/// (`pg_export_snapshot()`); every other connection starts the same kind of transaction with
/// `SET TRANSACTION SNAPSHOT`, so all of them see exactly the same rows whatever other sessions
/// commit meanwhile. The table's blocks (counted after the snapshot was taken, so every row the
/// snapshot sees lies below) are cut into ranges of about one batch each; worker threads, one per
/// connection, claim ranges in block order and run
/// `COPY (SELECT … WHERE ctid >= '(a,0)' AND ctid < '(b,0)') TO STDOUT (FORMAT binary)`
/// (the last range is open-ended).
///
/// **Order:** batches are handed out range by range in block order, which is the physical order a
/// single sequential scan returns (unless the server's `synchronize_seqscans` starts that scan
/// mid-table). Workers may run at most `window` ranges ahead of the consumer, which bounds memory
/// to about `window` batches.
final class ParallelCopyReader: BatchReader {
    let schema: Schema
    private let state: ParallelCopyState
    private var pending: [ColumnBatch] = []
    private var pendingIndex = 0
    private var finished = false

    /// - Parameters:
    ///   - connections: one per worker, each inside its snapshot transaction; the reader owns them.
    init(connections: [PostgresConnection], plan: ReadPlan, ranges: [BlockRange], batchRowCount: Int) {
        schema = plan.schema
        state = ParallelCopyState(ranges: ranges, window: max(2, 2 * connections.count), workers: connections.count)
        for connection in connections {
            let handoff = Handoff(connection)
            let state = self.state
            let thread = Thread {
                ParallelCopyReader.work(
                    connection: handoff.take(),
                    plan: plan,
                    state: state,
                    batchRowCount: batchRowCount
                )
            }
            thread.name = "extract-pg-copy"
            thread.start()
        }
    }

    deinit { state.cancel() }

    func next() throws -> ColumnBatch? {
        while true {
            if pendingIndex < pending.count {
                let batch = pending[pendingIndex]
                pendingIndex += 1
                return batch
            }
            if finished { return nil }
            pending = []
            pendingIndex = 0
            do {
                switch try state.takeNext() {
                case .batches(let batches): pending = batches
                case .end: finished = true
                }
            } catch {
                close()
                throw error
            }
        }
    }

    func close() {
        finished = true
        pending = []
        state.cancel()
    }

    /// The body of one worker thread.
    private static func work(
        connection: PostgresConnection,
        plan: ReadPlan,
        state: ParallelCopyState,
        batchRowCount: Int
    ) {
        defer { connection.close() }
        var assembler = BatchAssembler(columns: plan.columns, object: plan.object, maxRows: batchRowCount)
        while let (index, range) = state.claim() {
            do {
                var batches: [ColumnBatch] = []
                assembler.resetCopyStream()
                try connection.startCopyOut(plan.copyStatement(blocks: (range.start, range.end)))
                while try connection.readCopyData({ try assembler.consumeCopyMessage($0) }) {
                    if assembler.isFull, let batch = assembler.finish() { batches.append(batch) }
                }
                if let batch = assembler.finish() { batches.append(batch) }
                state.deliver(index, batches)
            } catch {
                var failure = error as? ExtractError ?? ExtractError(.source, "parallel read failed", underlying: nil)
                if failure.context.object == nil { failure.context.object = plan.object }
                state.fail(failure)
                return
            }
        }
    }
}

/// A range of heap blocks `[start, end)`; `end == nil` means "to the end of the table".
struct BlockRange: Sendable, Hashable {
    var start: Int
    var end: Int?

    /// Ranges of about `batchRowCount` rows each (from the planner's rows-per-block estimate),
    /// at least `workers` of them when the table has that many blocks, the last one open-ended.
    static func split(blocks: Int, estimatedRows: Double, batchRowCount: Int, workers: Int) -> [BlockRange] {
        guard blocks > 1 else { return [BlockRange(start: 0, end: nil)] }
        let rowsPerBlock = estimatedRows > 0 ? max(1, estimatedRows / Double(blocks)) : 50
        var size = max(1, Int(Double(batchRowCount) / rowsPerBlock))
        size = min(size, max(1, (blocks + workers - 1) / workers))
        var ranges: [BlockRange] = []
        var start = 0
        while start < blocks {
            ranges.append(BlockRange(start: start, end: start + size))
            start += size
        }
        ranges[ranges.count - 1].end = nil
        return ranges
    }
}

/// What the consumer gets next.
enum ParallelNext {
    case batches([ColumnBatch])
    case end
}

/// The state shared by the consumer and the worker threads.
///
/// `@unchecked Sendable`: every stored `var` is read and written only while `condition` is locked
/// (NSCondition is the lock plus the wait queue that the bounded hand-off needs; `Mutex` has no
/// wait).
final class ParallelCopyState: @unchecked Sendable {
    private let condition = NSCondition()
    private let ranges: [BlockRange]
    private let window: Int
    private var nextToClaim = 0
    private var nextToConsume = 0
    private var results: [Int: [ColumnBatch]] = [:]
    private var failure: ExtractError?
    private var cancelled = false
    private var liveWorkers: Int

    init(ranges: [BlockRange], window: Int, workers: Int) {
        self.ranges = ranges
        self.window = window
        self.liveWorkers = workers
    }

    /// The next range for a worker, waiting while it would run more than `window` ranges ahead;
    /// `nil` when there is nothing left to do (or the read failed or was cancelled).
    func claim() -> (Int, BlockRange)? {
        condition.lock()
        defer { condition.unlock() }
        while !cancelled && failure == nil && nextToClaim < ranges.count && nextToClaim >= nextToConsume + window {
            condition.wait()
        }
        guard !cancelled, failure == nil, nextToClaim < ranges.count else {
            liveWorkers -= 1
            condition.broadcast()
            return nil
        }
        let index = nextToClaim
        nextToClaim += 1
        return (index, ranges[index])
    }

    func deliver(_ index: Int, _ batches: [ColumnBatch]) {
        condition.lock()
        results[index] = batches
        condition.broadcast()
        condition.unlock()
    }

    func fail(_ error: ExtractError) {
        condition.lock()
        if failure == nil { failure = error }
        liveWorkers -= 1
        condition.broadcast()
        condition.unlock()
    }

    func cancel() {
        condition.lock()
        cancelled = true
        results = [:]
        condition.broadcast()
        condition.unlock()
    }

    /// The batches of the next range in block order (waiting for them), or the end.
    func takeNext() throws -> ParallelNext {
        condition.lock()
        defer { condition.unlock() }
        while true {
            if let failure { throw failure }
            if nextToConsume >= ranges.count { return .end }
            if let batches = results.removeValue(forKey: nextToConsume) {
                nextToConsume += 1
                condition.broadcast()
                return .batches(batches)
            }
            if liveWorkers == 0 || cancelled {
                throw ExtractError(
                    .internal,
                    "the parallel PostgreSQL readers stopped before range \(nextToConsume) of \(ranges.count) was read"
                )
            }
            condition.wait()
        }
    }
}

/// Moves a non-`Sendable` value to exactly one other thread.
///
/// `@unchecked Sendable`: the value is stored before the receiving thread starts and taken exactly
/// once by that thread; the creating thread never touches it again, so there is no shared access.
final class Handoff<Value>: @unchecked Sendable {
    private var value: Value?
    init(_ value: Value) { self.value = value }
    func take() -> Value {
        defer { value = nil }
        return value!
    }
}
