import ExtractCore
import Foundation

/// Runs another reader on its own thread, up to `depth` batches ahead of the consumer, so that
/// reading from the server (waiting for COPY data, decoding) overlaps with whatever the consumer
/// does with each batch (formatting, compressing, writing).
///
/// The wrapped reader is handed to the thread and used only there; ``close()`` asks the thread to
/// stop after the batch it is reading, and the thread then closes the wrapped reader.
final class PrefetchingBatchReader: BatchReader {
    let schema: Schema
    private let state: PrefetchState
    private var finished = false

    init(_ reader: any BatchReader, depth: Int = 2) {
        schema = reader.schema
        let state = PrefetchState(depth: max(1, depth))
        self.state = state
        let handoff = Handoff(reader)
        let thread = Thread {
            let reader = handoff.take()
            defer { reader.close() }
            while state.waitForRoom() {
                do {
                    guard let batch = try reader.next() else {
                        state.finish()
                        return
                    }
                    state.push(batch)
                } catch {
                    state.fail(
                        error as? ExtractError ?? ExtractError(.source, "reading from PostgreSQL failed: \(error)")
                    )
                    return
                }
            }
        }
        thread.name = "extract-pg-prefetch"
        thread.start()
    }

    deinit { state.cancel() }

    func next() throws -> ColumnBatch? {
        guard !finished else { return nil }
        do {
            let batch = try state.pop()
            if batch == nil { finished = true }
            return batch
        } catch {
            close()
            throw error
        }
    }

    func close() {
        finished = true
        state.cancel()
    }
}

/// The bounded hand-off between a prefetching thread and its consumer.
///
/// `@unchecked Sendable`: every stored `var` is read and written only while `condition` is locked.
final class PrefetchState: @unchecked Sendable {
    private let condition = NSCondition()
    private let depth: Int
    private var queue: [ColumnBatch] = []
    private var head = 0
    private var ended = false
    private var failure: ExtractError?
    private var cancelled = false

    init(depth: Int) { self.depth = depth }

    /// Waits until the queue has room; `false` when the consumer is gone.
    func waitForRoom() -> Bool {
        condition.lock()
        defer { condition.unlock() }
        while !cancelled && queue.count - head >= depth { condition.wait() }
        return !cancelled
    }

    func push(_ batch: ColumnBatch) {
        condition.lock()
        queue.append(batch)
        condition.broadcast()
        condition.unlock()
    }

    func finish() {
        condition.lock()
        ended = true
        condition.broadcast()
        condition.unlock()
    }

    func fail(_ error: ExtractError) {
        condition.lock()
        failure = error
        condition.broadcast()
        condition.unlock()
    }

    func cancel() {
        condition.lock()
        cancelled = true
        queue = []
        head = 0
        condition.broadcast()
        condition.unlock()
    }

    /// The next batch (waiting for it), `nil` at the end; throws the reader's error.
    func pop() throws -> ColumnBatch? {
        condition.lock()
        defer { condition.unlock() }
        while true {
            if head < queue.count {
                let batch = queue[head]
                head += 1
                if head == queue.count { queue.removeAll(keepingCapacity: true); head = 0 }
                condition.broadcast()
                return batch
            }
            if let failure { throw failure }
            if ended || cancelled { return nil }
            condition.wait()
        }
    }
}
