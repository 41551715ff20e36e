/// Makes the ``DataSink`` that writes one extract's output: delimited or Parquet, compressed,
/// split into parts, zipped. The standard implementation lives in ExtractFormats
/// (`StandardSinkFactory`); tests and other programs can supply their own.
///
/// The sink's ``DataSink/finish()`` returns every committed file (the parts, or the one ZIP
/// archive); ``DataSink/abort()`` leaves nothing behind. ``PartSplittingSink`` does the splitting
/// for factories: it publishes the parts only once all of them are complete.
public protocol SinkFactory: Sendable {
    /// A sink for `request`. The output folder exists when this is called.
    func makeSink(for request: SinkRequest) throws -> any DataSink
}

/// Everything a ``SinkFactory`` needs to write one extract.
public struct SinkRequest: Sendable {
    public var extractName: String
    /// The columns of every batch.
    public var schema: Schema
    public var format: OutputFormat
    /// Delimited-text properties (ignored for Parquet).
    public var fileProperties: FileProperties
    public var compression: OutputCompression
    /// Folder, names, parts and archive.
    public var layout: OutputLayout
    /// The run's start time (UTC, or `EXTRACT_RUN_TIME`): the modification time of ZIP entries, so
    /// the same extract zipped twice in one run gives the same bytes. `nil`: the current time.
    public var runTime: CivilDateTime?

    public init(
        extractName: String,
        schema: Schema,
        format: OutputFormat,
        fileProperties: FileProperties,
        compression: OutputCompression,
        layout: OutputLayout,
        runTime: CivilDateTime? = nil
    ) {
        self.extractName = extractName
        self.schema = schema
        self.format = format
        self.fileProperties = fileProperties
        self.compression = compression
        self.layout = layout
        self.runTime = runTime
    }
}
