import ExtractCore

/// The PostgreSQL store's tables, in one schema (default `config`), versioned like the SQLite
/// store: `config_extract_generation`, `config_extract_generation_details`, `config_datastore`,
/// `config_target_root`, `log_extract_generation`, `extract_watermark`, `extract_store_info` and
/// the view `vw_extract_generation_latest_runs` (the latest log row of each extract). Column
/// names are the SQLite store's, with PostgreSQL types (boolean, bigint, double precision,
/// timestamp for the log's times).
enum PostgresStoreSchema {
    static let currentVersion = 2

    static func version(_ connection: PostgresConnection, schema: String) throws -> Int {
        let table = try connection.quoteLiteral(try connection.quoteIdentifier(schema) + ".extract_store_info")
        guard try connection.execute("SELECT to_regclass(\(table)) IS NOT NULL").first?[0] == "t" else { return 0 }
        let rows = try connection.execute(
            "SELECT value FROM \(try connection.quoteIdentifier(schema)).extract_store_info WHERE key = 'schema_version'"
        )
        return rows.first?[0].flatMap { Int($0) } ?? 0
    }

    @discardableResult
    static func migrate(_ connection: PostgresConnection, schema: String) throws -> (from: Int, to: Int) {
        let from = try version(connection, schema: schema)
        if from > currentVersion {
            throw ExtractError(
                .unsupported,
                "the store has schema version \(from), newer than this program's \(currentVersion); use a newer extract"
            )
        }
        var v = from
        while v < currentVersion {
            v += 1
            let s = try connection.quoteIdentifier(schema)
            try connection.transaction {
                try connection.execute(v == 1 ? version1(s) : version2(s))
                try connection.execute(
                    """
                    INSERT INTO \(s).extract_store_info(key, value) VALUES ('schema_version', $1)
                    ON CONFLICT (key) DO UPDATE SET value = excluded.value
                    """,
                    [String(v)]
                )
            }
        }
        return (from, v)
    }

    static func requireCurrent(_ connection: PostgresConnection, schema: String) throws {
        let v = try version(connection, schema: schema)
        if v == 0 {
            throw ExtractError(
                .notFound,
                "the PostgreSQL store \(connection.redactedDescription) has no extract tables in schema \(schema); run `extract init --store ...` first"
            )
        }
        if v != currentVersion {
            throw ExtractError(
                .invalidConfiguration,
                "the store has schema version \(v), this program needs \(currentVersion); run `extract init` to upgrade it"
            )
        }
    }

    /// Version 2 in quoted schema `s`: the pre-extract validation procedure columns of the
    /// original warehouse config (`IF NOT EXISTS`, so a store upgraded by hand stays valid).
    static func version2(_ s: String) -> String {
        """
        ALTER TABLE \(s).config_extract_generation ADD COLUMN IF NOT EXISTS validation_table_sp_name text;
        ALTER TABLE \(s).config_extract_generation ADD COLUMN IF NOT EXISTS validation_table_sp_schema text;
        """
    }

    /// Version 1 in quoted schema `s`.
    static func version1(_ s: String) -> String {
        """
        CREATE SCHEMA IF NOT EXISTS \(s);
        CREATE TABLE IF NOT EXISTS \(s).extract_store_info (key text PRIMARY KEY, value text);
        CREATE TABLE IF NOT EXISTS \(s).config_extract_generation (
            extract_name text PRIMARY KEY,
            is_active boolean NOT NULL DEFAULT true,
            trigger_name text, extract_pipeline_name text,
            extract_table_name text, extract_table_schema text,
            extract_view_name text, extract_view_schema text,
            extract_sql text, extract_sp_name text, extract_sp_schema text,
            is_full_load boolean NOT NULL DEFAULT true,
            incremental_column text, incremental_days_back bigint, execution_group text,
            created_date text NOT NULL DEFAULT to_char(now() AT TIME ZONE 'UTC', 'YYYY-MM-DD'),
            created_by text NOT NULL DEFAULT 'system', modified_date text, modified_by text
        );
        CREATE TABLE IF NOT EXISTS \(s).config_extract_generation_details (
            extract_name text PRIMARY KEY,
            file_generation_group text, extract_container text, extract_directory text, extract_file_name text,
            extract_file_name_timestamp_format text, extract_file_name_period_end_day bigint,
            extract_file_name_extension text, extract_file_name_ordering bigint,
            file_properties_column_delimiter text, file_properties_row_delimiter text, file_properties_encoding text,
            file_properties_quote_character text, file_properties_escape_character text, file_properties_header boolean,
            file_properties_null_value text, file_properties_max_rows_per_file bigint,
            output_format text, is_trigger_file boolean, trigger_file_extension text,
            is_compressed boolean, compressed_type text, compressed_level text, compressed_file_name text, compressed_extension text,
            source_workspace_id text, source_datastore_id text, source_datastore_type text, source_schema_name text,
            target_workspace_id text, target_datastore_id text, target_datastore_type text, target_file_root_path text,
            fabric_lakehouse_path text, force_single_file boolean,
            created_date text NOT NULL DEFAULT to_char(now() AT TIME ZONE 'UTC', 'YYYY-MM-DD'),
            created_by text NOT NULL DEFAULT 'system', modified_date text, modified_by text
        );
        CREATE TABLE IF NOT EXISTS \(s).config_datastore (
            datastore_id text PRIMARY KEY, datastore_type text NOT NULL DEFAULT 'postgresql', location text NOT NULL, description text
        );
        CREATE TABLE IF NOT EXISTS \(s).config_target_root (target_root_id text PRIMARY KEY, path text NOT NULL, description text);
        CREATE TABLE IF NOT EXISTS \(s).log_extract_generation (
            log_id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
            extract_name text NOT NULL, execution_group text, run_id text NOT NULL,
            run_timestamp timestamp NOT NULL,
            run_status text NOT NULL CHECK (run_status IN ('IN_PROGRESS', 'SUCCESS', 'FAILED')),
            run_type text NOT NULL CHECK (run_type IN ('FULL', 'INCREMENTAL')),
            start_time timestamp NOT NULL, end_time timestamp, duration_seconds double precision,
            error_message text, error_details text,
            source_type text, source_object text, source_schema text, source_datastore_id text,
            rows_extracted bigint, rows_written bigint, files_generated bigint,
            output_format text, output_file_path text, output_file_name text,
            output_file_size_bytes bigint, uncompressed_size_bytes bigint, output_files jsonb,
            is_compressed boolean, compression_type text,
            compressed_file_path text, compressed_file_name text, compressed_file_size_bytes bigint,
            trigger_file_created boolean, trigger_file_path text,
            throughput_rows_per_second double precision, throughput_mb_per_second double precision,
            memory_usage_mb_before double precision, memory_usage_mb_after double precision,
            memory_measure text DEFAULT 'RSS', watermark_value text,
            workspace_id text, lakehouse_id text, warehouse_id text, notebook_run_id text,
            created_by text NOT NULL DEFAULT 'extract',
            created_timestamp timestamptz NOT NULL DEFAULT now()
        );
        CREATE INDEX IF NOT EXISTS log_extract_generation_by_name ON \(s).log_extract_generation(extract_name, log_id);
        CREATE INDEX IF NOT EXISTS log_extract_generation_by_run ON \(s).log_extract_generation(run_id);
        CREATE TABLE IF NOT EXISTS \(s).extract_watermark (
            extract_name text PRIMARY KEY, incremental_column text,
            watermark_kind text NOT NULL CHECK (watermark_kind IN ('integer', 'real', 'text')),
            watermark_value text NOT NULL, run_id text NOT NULL, log_id bigint NOT NULL, updated_at timestamp NOT NULL
        );
        CREATE OR REPLACE VIEW \(s).vw_extract_generation_latest_runs AS
            SELECT DISTINCT ON (extract_name) * FROM \(s).log_extract_generation ORDER BY extract_name, log_id DESC;
        """
    }
}
