/// One row of `config_extract_generation_details`: where and how a job's file is written, exactly
/// as stored (every column optional). The column names are the original lakehouse table's.
///
/// NULL means "use the documented default" (the original never applied its defaults; we do):
/// container `extracts`, file name = extract name, extension and delimiter by format, quote `"`,
/// header on, NULL text empty, single file, trigger extension `.done`, compression level NORMAL.
public struct ExtractDetailsRecord: Sendable, Hashable {
    /// `extract_name`.
    public var extractName: String
    /// `file_generation_group`: informational.
    public var fileGenerationGroup: String?
    /// `extract_container`, `extract_directory`: folders below the target root (patterns allowed).
    public var extractContainer: String?
    /// `extract_directory`.
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
    /// `file_properties_column_delimiter`.
    public var filePropertiesColumnDelimiter: String?
    /// `file_properties_row_delimiter`.
    public var filePropertiesRowDelimiter: String?
    /// `file_properties_encoding`.
    public var filePropertiesEncoding: String?
    /// `file_properties_quote_character`.
    public var filePropertiesQuoteCharacter: String?
    /// `file_properties_escape_character`.
    public var filePropertiesEscapeCharacter: String?
    /// `file_properties_header`.
    public var filePropertiesHeader: Bool?
    /// `file_properties_null_value`.
    public var filePropertiesNullValue: String?
    /// `file_properties_max_rows_per_file`.
    public var filePropertiesMaxRowsPerFile: Int64?
    /// `output_format`: csv, tsv, dat or parquet (case-insensitive).
    public var outputFormat: String?
    /// `is_trigger_file`.
    public var isTriggerFile: Bool?
    /// `trigger_file_extension`.
    public var triggerFileExtension: String?
    /// `is_compressed`.
    public var isCompressed: Bool?
    /// `compressed_type`: NONE, GZIP, ZIP, SNAPPY, LZ4, ZSTD (case-insensitive).
    public var compressedType: String?
    /// `compressed_level`: MINIMUM, NORMAL, MAXIMUM or a number.
    public var compressedLevel: String?
    /// `compressed_file_name`: the ZIP archive's base name (patterns allowed); default the data file name.
    public var compressedFileName: String?
    /// `compressed_extension`: the suffix of compressed text files (`.gz`, `.zip`); default by codec.
    public var compressedExtension: String?
    /// `source_workspace_id`.
    public var sourceWorkspaceId: String?
    /// `source_datastore_id`: a datastore registered in the store; NULL = the store's own database.
    public var sourceDatastoreId: String?
    /// `source_datastore_type`.
    public var sourceDatastoreType: String?
    /// `source_schema_name`: the schema used when the master row names none.
    public var sourceSchemaName: String?
    /// `target_workspace_id`.
    public var targetWorkspaceId: String?
    /// `target_datastore_id`: a target root registered in the store; NULL = the run's output root.
    public var targetDatastoreId: String?
    /// `target_datastore_type`.
    public var targetDatastoreType: String?
    /// `target_file_root_path`: the first folder below the target root (for example `Files`).
    public var targetFileRootPath: String?
    /// `fabric_lakehouse_path`: legacy, informational.
    public var fabricLakehousePath: String?
    /// `force_single_file`: NULL means true.
    public var forceSingleFile: Bool?
    /// `created_date`.
    public var createdDate: String?
    /// `created_by`.
    public var createdBy: String?
    /// `modified_date`.
    public var modifiedDate: String?
    /// `modified_by`.
    public var modifiedBy: String?

    /// Creates a record; every column but the name defaults to NULL.
    public init(extractName: String) {
        self.extractName = extractName
    }
}
