/// One row of `log_extract_generation` as the stores read it back, for `extract history`,
/// `extract list` and tests. Times are ISO 8601 UTC text (`2024-07-25T14:25:30.000000Z`) on every store.
public struct RunLogRow: Sendable, Hashable {
    /// The log id.
    public var logId: Int64
    /// The extract name.
    public var extractName: String
    /// The execution group.
    public var executionGroup: String?
    /// The run id.
    public var runId: String
    /// The run status.
    public var runStatus: String
    /// The run type.
    public var runType: String
    /// The start time.
    public var startTime: String
    /// The end time.
    public var endTime: String?
    /// The duration seconds.
    public var durationSeconds: Double?
    /// The rows extracted.
    public var rowsExtracted: Int64?
    /// The rows written.
    public var rowsWritten: Int64?
    /// The files generated.
    public var filesGenerated: Int64?
    /// The output file path.
    public var outputFilePath: String?
    /// The output file size bytes.
    public var outputFileSizeBytes: Int64?
    /// The uncompressed size bytes.
    public var uncompressedSizeBytes: Int64?
    /// The compressed file size bytes.
    public var compressedFileSizeBytes: Int64?
    /// The trigger file path.
    public var triggerFilePath: String?
    /// The throughput rows per second.
    public var throughputRowsPerSecond: Double?
    /// Resident set size of the process when the extract started, in MiB (`memory_measure` RSS).
    public var memoryUsageMBBefore: Double?
    /// Resident set size of the process when the extract ended, in MiB.
    public var memoryUsageMBAfter: Double?
    /// The error message.
    public var errorMessage: String?
    /// The committed files as a JSON array (path, rows, bytes, uncompressed_bytes, sha256).
    public var outputFiles: String?
    /// The watermark value.
    public var watermarkValue: String?
    /// The source type.
    public var sourceType: String?
    /// The source object.
    public var sourceObject: String?

    /// Creates a value with the given parts.
    public init(
        logId: Int64,
        extractName: String,
        executionGroup: String? = nil,
        runId: String,
        runStatus: String,
        runType: String,
        startTime: String,
        endTime: String? = nil,
        durationSeconds: Double? = nil,
        rowsExtracted: Int64? = nil,
        rowsWritten: Int64? = nil,
        filesGenerated: Int64? = nil,
        outputFilePath: String? = nil,
        outputFileSizeBytes: Int64? = nil,
        uncompressedSizeBytes: Int64? = nil,
        compressedFileSizeBytes: Int64? = nil,
        triggerFilePath: String? = nil,
        throughputRowsPerSecond: Double? = nil,
        memoryUsageMBBefore: Double? = nil,
        memoryUsageMBAfter: Double? = nil,
        errorMessage: String? = nil,
        outputFiles: String? = nil,
        watermarkValue: String? = nil,
        sourceType: String? = nil,
        sourceObject: String? = nil
    ) {
        self.logId = logId
        self.extractName = extractName
        self.executionGroup = executionGroup
        self.runId = runId
        self.runStatus = runStatus
        self.runType = runType
        self.startTime = startTime
        self.endTime = endTime
        self.durationSeconds = durationSeconds
        self.rowsExtracted = rowsExtracted
        self.rowsWritten = rowsWritten
        self.filesGenerated = filesGenerated
        self.outputFilePath = outputFilePath
        self.outputFileSizeBytes = outputFileSizeBytes
        self.uncompressedSizeBytes = uncompressedSizeBytes
        self.compressedFileSizeBytes = compressedFileSizeBytes
        self.triggerFilePath = triggerFilePath
        self.throughputRowsPerSecond = throughputRowsPerSecond
        self.memoryUsageMBBefore = memoryUsageMBBefore
        self.memoryUsageMBAfter = memoryUsageMBAfter
        self.errorMessage = errorMessage
        self.outputFiles = outputFiles
        self.watermarkValue = watermarkValue
        self.sourceType = sourceType
        self.sourceObject = sourceObject
    }
}
