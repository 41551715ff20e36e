/// One row of `log_extract_generation` as the stores read it back, for `extract history`,
/// `extract list` and tests. Times are ISO 8601 UTC text (`2024-07-25T14:25:30.000000Z`) on every store.
public struct RunLogRow: Sendable, Hashable {
    public var logId: Int64
    public var extractName: String
    public var executionGroup: String?
    public var runId: String
    public var runStatus: String
    public var runType: String
    public var startTime: String
    public var endTime: String?
    public var durationSeconds: Double?
    public var rowsExtracted: Int64?
    public var rowsWritten: Int64?
    public var filesGenerated: Int64?
    public var outputFilePath: String?
    public var outputFileSizeBytes: Int64?
    public var uncompressedSizeBytes: Int64?
    public var compressedFileSizeBytes: Int64?
    public var triggerFilePath: String?
    public var throughputRowsPerSecond: Double?
    /// Resident set size of the process when the extract started, in MiB (`memory_measure` RSS).
    public var memoryUsageMBBefore: Double?
    /// Resident set size of the process when the extract ended, in MiB.
    public var memoryUsageMBAfter: Double?
    public var errorMessage: String?
    /// The committed files as a JSON array (path, rows, bytes, uncompressed_bytes, sha256).
    public var outputFiles: String?
    public var watermarkValue: String?
    public var sourceType: String?
    public var sourceObject: String?

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
