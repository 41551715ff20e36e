import ExtractCore

/// The store's tables, versioned. ``migrate(_:)`` creates a new store or upgrades an old one to
/// ``currentVersion``, one step per version, each in its own transaction.
///
/// Tables (names and columns of the original package's lakehouse tables, plus the columns its
/// documentation promises and the run metrics):
/// - `config_extract_generation`: one row per extract job.
/// - `config_extract_generation_details`: file format, naming, compression, trigger, split, location.
/// - `log_extract_generation`: one row per extract per run (IN_PROGRESS, SUCCESS, FAILED) with metrics.
/// - `extract_watermark`: the last successful incremental value per extract.
/// - `config_datastore`, `config_target_root`: named sources and output folders.
/// - `vw_extract_generation_latest_runs`: the latest log row of each extract.
/// - `extract_store_info`: `schema_version`.
enum StoreSchema {
    static let currentVersion = 2

    static let migrations: [Int: String] = [1: version1, 2: version2]

    /// The schema version of `db` (0 for an empty file).
    static func version(_ db: SQLiteConnection) throws -> Int {
        let exists = try db.query("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'extract_store_info'") {
            _ in 1
        }
        guard !exists.isEmpty else { return 0 }
        let rows = try db.query("SELECT value FROM extract_store_info WHERE key = 'schema_version'") { $0.text(0) }
        return rows.first.flatMap { $0.flatMap { Int($0) } } ?? 0
    }

    /// Creates or upgrades the schema; returns the version before and after.
    @discardableResult
    static func migrate(_ db: SQLiteConnection) throws -> (from: Int, to: Int) {
        let from = try version(db)
        if from > currentVersion {
            throw ExtractError(
                .unsupported,
                "the store has schema version \(from), newer than this program's \(currentVersion); use a newer extract",
                context: .init(path: db.path)
            )
        }
        try db.execute("PRAGMA journal_mode = WAL")
        var v = from
        while v < currentVersion {
            v += 1
            try db.transaction(.immediate) {
                try db.execute(migrations[v]!)
                try db.run(
                    "INSERT OR REPLACE INTO extract_store_info(key, value) VALUES ('schema_version', ?1)",
                    [.text(String(v))]
                )
            }
        }
        return (from, v)
    }

    /// Throws unless `db` is at ``currentVersion``.
    static func requireCurrent(_ db: SQLiteConnection) throws {
        let v = try version(db)
        if v == 0 {
            throw ExtractError(
                .notFound,
                "the store has no extract tables; run `extract init` first",
                context: .init(path: db.path)
            )
        }
        if v != currentVersion {
            throw ExtractError(
                .invalidConfiguration,
                "the store has schema version \(v), this program needs \(currentVersion); run `extract init` to upgrade it",
                context: .init(path: db.path)
            )
        }
    }

    /// Version 2: the pre-extract validation procedure of the original warehouse config.
    static let version2 = """
        ALTER TABLE config_extract_generation ADD COLUMN validation_table_sp_name TEXT;
        ALTER TABLE config_extract_generation ADD COLUMN validation_table_sp_schema TEXT;
        """

    static let version1 = """
        CREATE TABLE IF NOT EXISTS extract_store_info (
            key TEXT PRIMARY KEY NOT NULL,
            value TEXT
        );

        CREATE TABLE IF NOT EXISTS config_extract_generation (
            extract_name TEXT PRIMARY KEY NOT NULL,
            is_active INTEGER NOT NULL DEFAULT 1,
            trigger_name TEXT,
            extract_pipeline_name TEXT,
            extract_table_name TEXT,
            extract_table_schema TEXT,
            extract_view_name TEXT,
            extract_view_schema TEXT,
            extract_sql TEXT,
            extract_sp_name TEXT,
            extract_sp_schema TEXT,
            is_full_load INTEGER NOT NULL DEFAULT 1,
            incremental_column TEXT,
            incremental_days_back INTEGER,
            execution_group TEXT,
            created_date TEXT NOT NULL DEFAULT (strftime('%Y-%m-%d', 'now')),
            created_by TEXT NOT NULL DEFAULT 'system',
            modified_date TEXT,
            modified_by TEXT
        );

        CREATE TABLE IF NOT EXISTS config_extract_generation_details (
            extract_name TEXT PRIMARY KEY NOT NULL,
            file_generation_group TEXT,
            extract_container TEXT,
            extract_directory TEXT,
            extract_file_name TEXT,
            extract_file_name_timestamp_format TEXT,
            extract_file_name_period_end_day INTEGER,
            extract_file_name_extension TEXT,
            extract_file_name_ordering INTEGER,
            file_properties_column_delimiter TEXT,
            file_properties_row_delimiter TEXT,
            file_properties_encoding TEXT,
            file_properties_quote_character TEXT,
            file_properties_escape_character TEXT,
            file_properties_header INTEGER,
            file_properties_null_value TEXT,
            file_properties_max_rows_per_file INTEGER,
            output_format TEXT,
            is_trigger_file INTEGER,
            trigger_file_extension TEXT,
            is_compressed INTEGER,
            compressed_type TEXT,
            compressed_level TEXT,
            compressed_file_name TEXT,
            compressed_extension TEXT,
            source_workspace_id TEXT,
            source_datastore_id TEXT,
            source_datastore_type TEXT,
            source_schema_name TEXT,
            target_workspace_id TEXT,
            target_datastore_id TEXT,
            target_datastore_type TEXT,
            target_file_root_path TEXT,
            fabric_lakehouse_path TEXT,
            force_single_file INTEGER,
            created_date TEXT NOT NULL DEFAULT (strftime('%Y-%m-%d', 'now')),
            created_by TEXT NOT NULL DEFAULT 'system',
            modified_date TEXT,
            modified_by TEXT
        );

        CREATE TABLE IF NOT EXISTS config_datastore (
            datastore_id TEXT PRIMARY KEY NOT NULL,
            datastore_type TEXT NOT NULL DEFAULT 'sqlite',
            location TEXT NOT NULL,
            description TEXT
        );

        CREATE TABLE IF NOT EXISTS config_target_root (
            target_root_id TEXT PRIMARY KEY NOT NULL,
            path TEXT NOT NULL,
            description TEXT
        );

        CREATE TABLE IF NOT EXISTS log_extract_generation (
            log_id INTEGER PRIMARY KEY AUTOINCREMENT,
            extract_name TEXT NOT NULL,
            execution_group TEXT,
            run_id TEXT NOT NULL,
            run_timestamp TEXT NOT NULL,
            run_status TEXT NOT NULL CHECK (run_status IN ('IN_PROGRESS', 'SUCCESS', 'FAILED')),
            run_type TEXT NOT NULL CHECK (run_type IN ('FULL', 'INCREMENTAL')),
            start_time TEXT NOT NULL,
            end_time TEXT,
            duration_seconds REAL,
            error_message TEXT,
            error_details TEXT,
            source_type TEXT,
            source_object TEXT,
            source_schema TEXT,
            source_datastore_id TEXT,
            rows_extracted INTEGER,
            rows_written INTEGER,
            files_generated INTEGER,
            output_format TEXT,
            output_file_path TEXT,
            output_file_name TEXT,
            output_file_size_bytes INTEGER,
            uncompressed_size_bytes INTEGER,
            output_files TEXT,
            is_compressed INTEGER,
            compression_type TEXT,
            compressed_file_path TEXT,
            compressed_file_name TEXT,
            compressed_file_size_bytes INTEGER,
            trigger_file_created INTEGER,
            trigger_file_path TEXT,
            throughput_rows_per_second REAL,
            throughput_mb_per_second REAL,
            memory_usage_mb_before REAL,
            memory_usage_mb_after REAL,
            memory_measure TEXT DEFAULT 'RSS',
            watermark_value TEXT,
            workspace_id TEXT,
            lakehouse_id TEXT,
            warehouse_id TEXT,
            notebook_run_id TEXT,
            created_by TEXT NOT NULL DEFAULT 'extract',
            created_timestamp TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now'))
        );
        CREATE INDEX IF NOT EXISTS log_extract_generation_by_name ON log_extract_generation(extract_name, log_id);
        CREATE INDEX IF NOT EXISTS log_extract_generation_by_run ON log_extract_generation(run_id);

        CREATE TABLE IF NOT EXISTS extract_watermark (
            extract_name TEXT PRIMARY KEY NOT NULL,
            incremental_column TEXT,
            watermark_kind TEXT NOT NULL CHECK (watermark_kind IN ('integer', 'real', 'text')),
            watermark_value TEXT NOT NULL,
            run_id TEXT NOT NULL,
            log_id INTEGER NOT NULL,
            updated_at TEXT NOT NULL
        );

        CREATE VIEW IF NOT EXISTS vw_extract_generation_latest_runs AS
            SELECT l.* FROM log_extract_generation l
            WHERE l.log_id = (SELECT MAX(x.log_id) FROM log_extract_generation x WHERE x.extract_name = l.extract_name);
        """
}
