/// One row of `config_extract_generation_details`: where and how a job's file is written, exactly
/// as stored (every column optional). The column names are the original lakehouse table's.
///
/// NULL means "use the documented default" (the original never applied its defaults; we do):
/// container `extracts`, file name = extract name, extension and delimiter by format, quote `"`,
/// header on, NULL text empty, single file, trigger extension `.done`, compression level NORMAL.
public struct ExtractDetailsRecord: Sendable, Hashable {
    public var extractName: String
    /// `file_generation_group`: informational.
    public var fileGenerationGroup: String?
    /// `extract_container`, `extract_directory`: folders below the target root (patterns allowed).
    public var extractContainer: String?
    public var extractDirectory: String?
    /// `extract_file_name`: base file name (patterns allowed); default the extract name.
    public var extractFileName: String?
    /// `extract_file_name_timestamp_format`: Java-style date pattern (`yyyyMMdd_HHmmss`) appended as `_<stamp>`.
    public var extractFileNameTimestampFormat: String?
    /// `extract_file_name_period_end_day`: stamp the period-end date (day N of this or the previous month) instead of now.
    public var extractFileNamePeriodEndDay: Int64?
    /// `extract_file_name_extension`: without dot; default by format.
    public var extractFileNameExtension: String?
    /// `extract_file_name_ordering`: informational.
    public var extractFileNameOrdering: Int64?
    public var filePropertiesColumnDelimiter: String?
    public var filePropertiesRowDelimiter: String?
    public var filePropertiesEncoding: String?
    public var filePropertiesQuoteCharacter: String?
    public var filePropertiesEscapeCharacter: String?
    public var filePropertiesHeader: Bool?
    public var filePropertiesNullValue: String?
    public var filePropertiesMaxRowsPerFile: Int64?
    /// `output_format`: csv, tsv, dat or parquet (case-insensitive).
    public var outputFormat: String?
    public var isTriggerFile: Bool?
    public var triggerFileExtension: String?
    public var isCompressed: Bool?
    /// `compressed_type`: NONE, GZIP, ZIP, SNAPPY, LZ4, ZSTD (case-insensitive).
    public var compressedType: String?
    /// `compressed_level`: MINIMUM, NORMAL, MAXIMUM or a number.
    public var compressedLevel: String?
    /// `compressed_file_name`: the ZIP archive's base name (patterns allowed); default the data file name.
    public var compressedFileName: String?
    /// `compressed_extension`: the suffix of compressed text files (`.gz`, `.zip`); default by codec.
    public var compressedExtension: String?
    public var sourceWorkspaceId: String?
    /// `source_datastore_id`: a datastore registered in the store; NULL = the store's own database.
    public var sourceDatastoreId: String?
    public var sourceDatastoreType: String?
    /// `source_schema_name`: the schema used when the master row names none.
    public var sourceSchemaName: String?
    public var targetWorkspaceId: String?
    /// `target_datastore_id`: a target root registered in the store; NULL = the run's output root.
    public var targetDatastoreId: String?
    public var targetDatastoreType: String?
    /// `target_file_root_path`: the first folder below the target root (for example `Files`).
    public var targetFileRootPath: String?
    /// `fabric_lakehouse_path`: legacy, informational.
    public var fabricLakehousePath: String?
    /// `force_single_file`: NULL means true.
    public var forceSingleFile: Bool?
    public var createdDate: String?
    public var createdBy: String?
    public var modifiedDate: String?
    public var modifiedBy: String?

    /// Creates a record; every column but the name defaults to NULL.
    public init(extractName: String) {
        self.extractName = extractName
    }
}
