import ExtractCore

/// A fixed, large byte buffer that a writer fills and hands to a ``ByteSink`` in full chunks.
///
/// A value type over memory owned by the writer: the hot loop copies it into a local variable
/// (so no class-property exclusivity checks happen per cell) and stores it back afterwards.
/// The unchecked `put` functions need room made first with ``reserve(_:)``.
struct OutputBuffer {
    let base: UnsafeMutablePointer<UInt8>
    let capacity: Int
    let sink: any ByteSink
    /// Bytes waiting in the buffer.
    var count = 0
    /// Bytes already handed to the sink.
    var flushed: Int64 = 0

    init(capacity: Int, sink: any ByteSink) {
        self.base = .allocate(capacity: capacity)
        self.capacity = capacity
        self.sink = sink
    }

    /// Frees the memory; the buffer must not be used afterwards.
    func deallocate() { base.deallocate() }

    /// Where the next byte goes.
    @inline(__always) var cursor: UnsafeMutablePointer<UInt8> { base + count }
    /// Room left before a flush.
    @inline(__always) var free: Int { capacity &- count }
    /// All bytes produced so far (flushed and waiting).
    var total: Int64 { flushed + Int64(count) }

    /// Makes sure `n` (≤ ``capacity``) bytes fit without a flush.
    @inline(__always)
    mutating func reserve(_ n: Int) throws {
        if capacity &- count < n { try flush() }
    }

    /// Hands every waiting byte to the sink.
    mutating func flush() throws {
        guard count > 0 else { return }
        try sink.write(UnsafeRawBufferPointer(start: base, count: count))
        flushed += Int64(count)
        count = 0
    }

    /// Appends one byte; room must have been reserved.
    @inline(__always)
    mutating func put(_ byte: UInt8) {
        base[count] = byte
        count &+= 1
    }

    /// Appends `n` bytes; room must have been reserved.
    @inline(__always)
    mutating func put(_ bytes: UnsafePointer<UInt8>, _ n: Int) {
        (base + count).update(from: bytes, count: n)
        count &+= n
    }

    /// Appends one byte, flushing first when full.
    @inline(__always)
    mutating func append(_ byte: UInt8) throws {
        if count == capacity { try flush() }
        base[count] = byte
        count &+= 1
    }

    /// Appends `n` bytes of any length, flushing as often as needed.
    @inline(__always)
    mutating func append(_ bytes: UnsafePointer<UInt8>, _ n: Int) throws {
        if n <= capacity &- count {
            (base + count).update(from: bytes, count: n)
            count &+= n
            return
        }
        try appendLarge(bytes, n)
    }

    private mutating func appendLarge(_ bytes: UnsafePointer<UInt8>, _ n: Int) throws {
        var source = bytes
        var remaining = n
        while remaining > 0 {
            if count == capacity { try flush() }
            let take = min(remaining, capacity - count)
            (base + count).update(from: source, count: take)
            count += take
            source += take
            remaining -= take
        }
    }

    /// Appends `bytes` as lowercase hex, flushing as often as needed.
    mutating func appendHex(_ bytes: UnsafePointer<UInt8>, _ n: Int) throws {
        var source = bytes
        var remaining = n
        while remaining > 0 {
            if free < 2 { try flush() }
            let take = min(remaining, free / 2)
            count += ValueRenderer.writeHex(UnsafeRawBufferPointer(start: source, count: take), to: cursor)
            source += take
            remaining -= take
        }
    }
}
