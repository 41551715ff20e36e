/// The run history: `log_extract_generation` rows and the incremental watermarks.
///
/// The engine writes an IN_PROGRESS row when an extract starts and turns it into SUCCESS or
/// FAILED when it ends. A SUCCESS row and the new watermark are written in ONE transaction, so a
/// watermark never moves for output that was not logged as successful, and never on failure.
public protocol RunLog: Sendable {
    /// Inserts the IN_PROGRESS row; returns its `log_id`.
    func recordStart(_ start: RunLogStart) async throws -> Int64
    /// Completes row `logId` with its outcome; for SUCCESS, also stores `watermark` (when not
    /// `nil`) in the same transaction.
    func recordFinish(logId: Int64, _ finish: RunLogFinish, watermark: Watermark?) async throws
    /// The watermark of the last successful run of `extractName`, if any.
    func watermark(for extractName: String) async throws -> Watermark?
    /// Extracts whose row in run `runId` (or, when `nil`, the most recent run that had a
    /// failure) ended FAILED or never finished. Returns the run id and the names.
    func failedExtracts(inRun runId: String?) async throws -> (runId: String, names: [String])?
}

/// The facts known when an extract starts.
public struct RunLogStart: Sendable, Hashable {
    public var extractName: String
    public var executionGroup: String?
    public var runId: String
    /// `FULL` or `INCREMENTAL`.
    public var runType: RunType
    /// UTC start time.
    public var startTime: CivilDateTime
    /// `TABLE`, `VIEW`, `SQL`, `PROCEDURE`.
    public var sourceType: String
    public var sourceObject: String
    public var sourceSchema: String?
    public var sourceDatastoreId: String?
    public var outputFormat: String
    public var isCompressed: Bool
    public var compressionType: String?
    /// Resident set size of this process at start, in bytes.
    public var rssBytesBefore: Int64?

    public init(
        extractName: String,
        executionGroup: String?,
        runId: String,
        runType: RunType,
        startTime: CivilDateTime,
        sourceType: String,
        sourceObject: String,
        sourceSchema: String?,
        sourceDatastoreId: String?,
        outputFormat: String,
        isCompressed: Bool,
        compressionType: String?,
        rssBytesBefore: Int64?
    ) {
        self.extractName = extractName
        self.executionGroup = executionGroup
        self.runId = runId
        self.runType = runType
        self.startTime = startTime
        self.sourceType = sourceType
        self.sourceObject = sourceObject
        self.sourceSchema = sourceSchema
        self.sourceDatastoreId = sourceDatastoreId
        self.outputFormat = outputFormat
        self.isCompressed = isCompressed
        self.compressionType = compressionType
        self.rssBytesBefore = rssBytesBefore
    }
}

/// `FULL` or `INCREMENTAL`.
public enum RunType: String, Sendable, Hashable, CaseIterable, Codable {
    case full = "FULL"
    case incremental = "INCREMENTAL"
}

/// `SUCCESS` or `FAILED` (a row being written is `IN_PROGRESS`).
public enum RunStatus: String, Sendable, Hashable, Codable {
    case inProgress = "IN_PROGRESS"
    case success = "SUCCESS"
    case failed = "FAILED"
}

/// The outcome of an extract, written to its log row.
public struct RunLogFinish: Sendable, Hashable {
    public var status: RunStatus
    public var endTime: CivilDateTime
    public var metrics: ExtractMetrics
    /// The committed files (empty on failure).
    public var files: [OutputFile]
    /// The trigger file's path, when one was written.
    public var triggerPath: String?
    public var errorMessage: String?
    public var errorDetails: String?

    public init(
        status: RunStatus,
        endTime: CivilDateTime,
        metrics: ExtractMetrics,
        files: [OutputFile],
        triggerPath: String?,
        errorMessage: String?,
        errorDetails: String?
    ) {
        self.status = status
        self.endTime = endTime
        self.metrics = metrics
        self.files = files
        self.triggerPath = triggerPath
        // The log table is read by other tools: no password ever reaches it.
        self.errorMessage = errorMessage.map { Redaction.redact($0) }
        self.errorDetails = errorDetails.map { Redaction.redact($0) }
    }
}
