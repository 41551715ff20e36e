#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Reads a ``DataSource`` on a thread of its own, up to ``depth`` batches ahead of the consumer,
/// so that reading (the database driver) overlaps encoding and compression (the sink).
///
/// The source's reader is created, used and closed on that thread only. ``next()`` blocks until
/// a batch is ready; ``close()`` stops the reader early and waits for the thread.
///
/// `@unchecked Sendable`: the only mutable state (`queue`, `schemaValue`, `failure`, `done`,
/// `stopRequested`) is read and written exclusively while holding `mutex`; the condition variable
/// hands batches between exactly two threads. A dedicated thread (not a Swift task) is used
/// because the reader blocks in C code for long stretches and must stay confined to one thread.
public final class BatchPrefetcher: @unchecked Sendable {
    /// How many batches may wait for the consumer.
    public let depth: Int
    private let mutex: UnsafeMutablePointer<pthread_mutex_t>
    private let condition: UnsafeMutablePointer<pthread_cond_t>
    private var queue: [ColumnBatch] = []
    private var schemaValue: Schema?
    private var failure: (any Error)?
    private var done = false
    private var stopRequested = false
    #if canImport(Darwin)
        private var thread: pthread_t?
    #else
        private var thread = pthread_t()
    #endif
    private var joined = false

    /// Starts reading `source` and waits until its schema is known.
    /// - Throws: whatever opening the source throws.
    public init(source: any DataSource, depth: Int = 2) throws {
        self.depth = max(1, depth)
        mutex = .allocate(capacity: 1)
        condition = .allocate(capacity: 1)
        pthread_mutex_init(mutex, nil)
        pthread_cond_init(condition, nil)
        let context = Unmanaged.passRetained(ProducerContext(prefetcher: self, source: source)).toOpaque()
        let rc = pthread_create(
            &thread,
            nil,
            { raw in
                let context = Unmanaged<ProducerContext>.fromOpaque(raw!).takeRetainedValue()
                context.prefetcher.produce(context.source)
                return nil
            },
            context
        )
        guard rc == 0 else {
            Unmanaged<ProducerContext>.fromOpaque(context).release()
            joined = true
            throw ExtractError(.internal, "cannot start a reader thread (error \(rc))")
        }
        lock()
        while schemaValue == nil && failure == nil && !done { pthread_cond_wait(condition, mutex) }
        let error = failure
        unlock()
        if let error {
            close()
            throw error
        }
    }

    deinit {
        close()
        pthread_cond_destroy(condition)
        pthread_mutex_destroy(mutex)
        condition.deallocate()
        mutex.deallocate()
    }

    /// The columns of every batch.
    public var schema: Schema {
        lock()
        defer { unlock() }
        return schemaValue ?? Schema([])
    }

    /// The next batch, or `nil` at the end; rethrows the reader's error after the batches read
    /// before it.
    public func next() throws -> ColumnBatch? {
        lock()
        defer { unlock() }
        while queue.isEmpty && failure == nil && !done { pthread_cond_wait(condition, mutex) }
        if !queue.isEmpty {
            let batch = queue.removeFirst()
            pthread_cond_broadcast(condition)
            return batch
        }
        if let failure { throw failure }
        return nil
    }

    /// Stops the reader (if still reading) and waits for its thread. Safe to call more than once.
    public func close() {
        lock()
        stopRequested = true
        pthread_cond_broadcast(condition)
        let mustJoin = !joined
        joined = true
        unlock()
        if mustJoin {
            #if canImport(Darwin)
                if let thread { pthread_join(thread, nil) }
            #else
                pthread_join(thread, nil)
            #endif
        }
    }

    private func produce(_ source: any DataSource) {
        do {
            let reader = try source.makeReader()
            defer { reader.close() }
            lock()
            schemaValue = reader.schema
            pthread_cond_broadcast(condition)
            unlock()
            while true {
                lock()
                while queue.count >= depth && !stopRequested { pthread_cond_wait(condition, mutex) }
                let stop = stopRequested
                unlock()
                if stop { break }
                guard let batch = try reader.next() else { break }
                lock()
                queue.append(batch)
                pthread_cond_broadcast(condition)
                unlock()
            }
        } catch {
            lock()
            failure = error
            unlock()
        }
        lock()
        done = true
        pthread_cond_broadcast(condition)
        unlock()
    }

    private func lock() { pthread_mutex_lock(mutex) }
    private func unlock() { pthread_mutex_unlock(mutex) }

    private final class ProducerContext {
        let prefetcher: BatchPrefetcher
        let source: any DataSource
        init(prefetcher: BatchPrefetcher, source: any DataSource) {
            self.prefetcher = prefetcher
            self.source = source
        }
    }
}
