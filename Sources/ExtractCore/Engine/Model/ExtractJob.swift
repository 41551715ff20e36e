/// A validated, typed extract job: one master row joined with its details row.
///
/// Built by ``JobValidator`` from an ``ExtractConfigRecord`` and an ``ExtractDetailsRecord``;
/// every default is applied and every value checked, so running a job never meets a bad value.
public struct ExtractJob: Sendable, Hashable {
    /// `extract_name`.
    public var name: String
    /// `execution_group` (`nil` when NULL or empty).
    public var executionGroup: String?
    /// What is read.
    public var source: JobSource
    /// `source_datastore_id`: a registered datastore, or `nil` for the store's own database.
    public var sourceDatastoreId: String?
    /// The output format.
    public var format: OutputFormat
    /// Delimited-text properties (ignored for Parquet).
    public var fileProperties: FileProperties
    /// Page codec (Parquet) or whole-file codec / ZIP (text).
    public var compression: OutputCompression
    /// How files are named and where they go.
    public var naming: FileNaming
    /// Split into parts of at most this many rows (`_part0001`, `_part0002`, ...); `nil` = one file.
    public var maxRowsPerFile: Int?
    /// `force_single_file` (NULL = true). Every extract writes a single real file per part anyway;
    /// kept for the log and the plan.
    public var forceSingleFile: Bool
    /// The trigger file's extension (with dot, for example `.done`), or `nil` for no trigger file.
    public var triggerExtension: String?
    /// Incremental settings, when the job has an incremental column.
    public var incremental: IncrementalSpec?
    /// The procedure called before reading (`validation_table_sp_name`), if any.
    public var validation: ValidationProcedure?
    /// The rows as stored, for reference.
    public var config: ExtractConfigRecord
    public var details: ExtractDetailsRecord

    public init(
        name: String,
        executionGroup: String?,
        source: JobSource,
        sourceDatastoreId: String?,
        format: OutputFormat,
        fileProperties: FileProperties,
        compression: OutputCompression,
        naming: FileNaming,
        maxRowsPerFile: Int?,
        forceSingleFile: Bool,
        triggerExtension: String?,
        incremental: IncrementalSpec?,
        config: ExtractConfigRecord,
        details: ExtractDetailsRecord,
        validation: ValidationProcedure? = nil
    ) {
        self.name = name
        self.executionGroup = executionGroup
        self.source = source
        self.sourceDatastoreId = sourceDatastoreId
        self.format = format
        self.fileProperties = fileProperties
        self.compression = compression
        self.naming = naming
        self.maxRowsPerFile = maxRowsPerFile
        self.forceSingleFile = forceSingleFile
        self.triggerExtension = triggerExtension
        self.incremental = incremental
        self.validation = validation
        self.config = config
        self.details = details
    }
}

/// How an extract's files are named: the `extract_*` and `target_*` path columns, parsed.
public struct FileNaming: Sendable, Hashable {
    /// `target_datastore_id`: a registered target root, or `nil` for the run's output root.
    public var targetRootId: String?
    /// `target_file_root_path` (may be empty).
    public var rootPath: PathTemplate
    /// `extract_container`.
    public var container: PathTemplate
    /// `extract_directory`.
    public var directory: PathTemplate
    /// `extract_file_name`.
    public var fileName: PathTemplate
    /// `extract_file_name_timestamp_format`, appended to the name as `_<stamp>`.
    public var timestampFormat: DateFormatPattern?
    /// `extract_file_name_period_end_day`: stamp the period-end date instead of the run time.
    public var periodEndDay: Int?
    /// `extract_file_name_extension`, without dot.
    public var fileExtension: String
    /// `compressed_file_name`: the ZIP archive's base name, when set.
    public var archiveName: PathTemplate?

    public init(
        targetRootId: String?,
        rootPath: PathTemplate,
        container: PathTemplate,
        directory: PathTemplate,
        fileName: PathTemplate,
        timestampFormat: DateFormatPattern?,
        periodEndDay: Int?,
        fileExtension: String,
        archiveName: PathTemplate?
    ) {
        self.targetRootId = targetRootId
        self.rootPath = rootPath
        self.container = container
        self.directory = directory
        self.fileName = fileName
        self.timestampFormat = timestampFormat
        self.periodEndDay = periodEndDay
        self.fileExtension = fileExtension
        self.archiveName = archiveName
    }
}

/// A job's incremental settings.
public struct IncrementalSpec: Sendable, Hashable {
    /// `incremental_column`.
    public var column: String
    /// `incremental_days_back`: the window of a first run (no watermark yet); `nil` = everything.
    public var daysBack: Int?
    /// `is_full_load = false`: the job runs incrementally unless the run asks for FULL.
    public var incrementalByDefault: Bool

    public init(column: String, daysBack: Int?, incrementalByDefault: Bool) {
        self.column = column
        self.daysBack = daysBack
        self.incrementalByDefault = incrementalByDefault
    }
}
