/// A ``ByteSink`` that forwards writes to `downstream` but not ``finish()``: the stream above
/// ends without finishing the sink below, which its owner completes itself. A ``StagingDataSink``
/// puts it above its ``AtomicFile`` so that finishing the writer does not rename the file into
/// place, then calls ``AtomicFile/stage()``.
///
/// ```swift
/// let file = try AtomicFile(path: "out/orders.parquet")
/// let writer = try ParquetWriter(schema: schema, sink: KeepOpenByteSink(file))
/// // … write batches …
/// _ = try writer.finish()           // footer written; the file is still open
/// let temporary = try file.stage()  // complete and synced, not yet visible
/// ```
public final class KeepOpenByteSink: ByteSink {
    /// The sink that receives the bytes.
    public let downstream: any ByteSink

    /// Creates a sink that forwards writes to `downstream`.
    public init(_ downstream: any ByteSink) {
        self.downstream = downstream
    }

    public func write(_ bytes: UnsafeRawBufferPointer) throws {
        try downstream.write(bytes)
    }

    /// Does nothing: `downstream` stays open.
    public func finish() throws {}
}
