/// Where batches go: a delimited or Parquet writer over one or more files.
///
/// A sink is confined to the task that drives it. Either ``finish()`` commits every file it
/// wrote and returns them, or ``abort()`` removes everything it started; nothing half-written
/// is ever left under a final name.
public protocol DataSink: AnyObject {
    /// Consumes one batch (its schema is the one the sink was made for).
    func write(_ batch: ColumnBatch) throws
    /// Completes and commits the output.
    func finish() throws -> [OutputFile]
    /// Discards everything written so far. Safe to call more than once, and after a failure.
    func abort()
}
