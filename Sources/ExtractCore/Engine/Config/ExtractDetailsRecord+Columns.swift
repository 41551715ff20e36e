extension ExtractDetailsRecord {
    /// The columns of `config_extract_generation_details`, in the one order every store uses for
    /// its DDL reads and writes (the original package's lakehouse column names).
    public static let columnNames = [
        "extract_name", "file_generation_group", "extract_container", "extract_directory", "extract_file_name",
        "extract_file_name_timestamp_format", "extract_file_name_period_end_day", "extract_file_name_extension",
        "extract_file_name_ordering", "file_properties_column_delimiter", "file_properties_row_delimiter",
        "file_properties_encoding", "file_properties_quote_character", "file_properties_escape_character",
        "file_properties_header", "file_properties_null_value", "file_properties_max_rows_per_file", "output_format",
        "is_trigger_file", "trigger_file_extension", "is_compressed", "compressed_type", "compressed_level",
        "compressed_file_name", "compressed_extension", "source_workspace_id", "source_datastore_id",
        "source_datastore_type", "source_schema_name", "target_workspace_id", "target_datastore_id",
        "target_datastore_type", "target_file_root_path", "fabric_lakehouse_path", "force_single_file",
        "created_date", "created_by", "modified_date", "modified_by",
    ]
}
