import ExtractCore

/// A sink that only counts what it is given: the end of a pipeline whose bytes the benchmark
/// does not need to keep.
public final class NullByteSink: ByteSink {
    /// Bytes written so far.
    public private(set) var byteCount = 0

    public init() {}

    public func write(_ bytes: UnsafeRawBufferPointer) throws { byteCount += bytes.count }

    public func finish() throws {}
}
