/// A destination for bytes: a file, a compressor that feeds another sink, an archive entry.
///
/// Sinks are reference types confined to the task that drives them (not `Sendable`). Writers
/// call ``write(_:)`` with large chunks (tens of KiB and up); a sink never keeps a pointer
/// it was handed past the call.
public protocol ByteSink: AnyObject {
    /// Consumes `bytes`.
    func write(_ bytes: UnsafeRawBufferPointer) throws
    /// Flushes everything buffered and ends the stream (a compressor writes its trailer and
    /// finishes the sink below it). No write may follow.
    func finish() throws
}

extension ByteSink {
    /// Consumes the bytes of `array`.
    @inlinable
    public func write(_ array: [UInt8]) throws {
        try array.withUnsafeBytes { try write($0) }
    }
}

/// A sink that counts and forwards: how many bytes passed through it.
public final class CountingByteSink: ByteSink {
    public let downstream: any ByteSink
    /// The bytes written so far.
    public private(set) var byteCount: Int64 = 0

    public init(_ downstream: any ByteSink) {
        self.downstream = downstream
    }

    public func write(_ bytes: UnsafeRawBufferPointer) throws {
        byteCount += Int64(bytes.count)
        try downstream.write(bytes)
    }

    public func finish() throws {
        try downstream.finish()
    }
}

/// A sink that keeps every byte in memory; for tests and small outputs.
public final class MemoryByteSink: ByteSink {
    public private(set) var bytes: [UInt8] = []
    public private(set) var isFinished = false

    public init() {}

    public func write(_ bytes: UnsafeRawBufferPointer) throws {
        precondition(!isFinished, "write after finish")
        self.bytes.append(contentsOf: bytes)
    }

    public func finish() throws {
        isFinished = true
    }
}
