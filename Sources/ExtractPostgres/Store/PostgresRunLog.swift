import ExtractCore

/// The run log on PostgreSQL: `log_extract_generation` and `extract_watermark` in the store's
/// schema. Each call opens its own connection, so concurrent extracts log independently; a
/// SUCCESS row and its watermark are written in one transaction.
public struct PostgresRunLog: RunLog, CustomStringConvertible {
    /// Where the store lives (never printed with its password).
    public let connectionString: PostgresConnectionString
    /// The schema holding the store's tables.
    public let schema: String

    /// The run log in `schema` of the database at `connectionString`.
    public init(connectionString: PostgresConnectionString, schema: String = "config") {
        self.connectionString = connectionString
        self.schema = schema
    }

    /// The run log of `store`.
    public init(store: PostgresConfigStore) {
        self.init(connectionString: store.connectionString, schema: store.schema)
    }

    /// `PostgresRunLog(postgresql://user@host:port/db, schema config)`, without password.
    public var description: String { "PostgresRunLog(\(connectionString.redacted), schema \(schema))" }

    func open() throws -> (PostgresConnection, String) {
        let connection = try PostgresConnection(connectionString)
        try PostgresStoreSchema.requireCurrent(connection, schema: schema)
        return (connection, try connection.quoteIdentifier(schema))
    }

    /// Inserts the IN_PROGRESS row and returns its `log_id`.
    public func recordStart(_ s: RunLogStart) async throws -> Int64 {
        let (connection, schema) = try open()
        let rows = try connection.execute(
            """
            INSERT INTO \(schema).log_extract_generation(extract_name, execution_group, run_id, run_timestamp, run_status, run_type,
                start_time, source_type, source_object, source_schema, source_datastore_id, output_format, is_compressed,
                compression_type, memory_usage_mb_before, memory_measure, created_by)
            VALUES ($1, $2, $3, $4, 'IN_PROGRESS', $5, $4, $6, $7, $8, $9, $10, $11, $12, $13, 'RSS', 'extract')
            RETURNING log_id
            """,
            [
                s.extractName, s.executionGroup, s.runId, s.startTime.isoTimestamp, s.runType.rawValue, s.sourceType,
                s.sourceObject, s.sourceSchema, s.sourceDatastoreId, s.outputFormat, text(s.isCompressed),
                s.compressionType,
                s.rssBytesBefore.map { String(Double($0) / 1_048_576) },
            ]
        )
        guard let id = rows.first?[0].flatMap({ Int64($0) }) else {
            throw ExtractError(.internal, "inserting the log row returned no log_id")
        }
        return id
    }

    /// Completes row `logId`; a SUCCESS with a watermark stores the watermark in the same transaction.
    public func recordFinish(logId: Int64, _ f: RunLogFinish, watermark: Watermark?) async throws {
        let (connection, schema) = try open()
        let m = f.metrics
        let first = f.files.first
        let firstName = first.map { $0.path.split(separator: "/").last.map(String.init) ?? $0.path }
        let compressed =
            f.files.contains { $0.bytes != $0.uncompressedBytes } || (first?.path.hasSuffix(".zip") ?? false)
        let filesJSON =
            "["
            + f.files.map { file in
                "{\"path\":" + jsonString(file.path)
                    + ",\"rows\":\(file.rows),\"bytes\":\(file.bytes),\"uncompressed_bytes\":\(file.uncompressedBytes),\"sha256\":"
                    + (file.sha256.map(jsonString) ?? "null") + "}"
            }.joined(separator: ",") + "]"
        func mb(_ bytes: Int64?) -> String? { bytes.map { String(Double($0) / 1_048_576) } }
        try connection.transaction {
            try connection.execute(
                """
                UPDATE \(schema).log_extract_generation SET run_status = $2, end_time = $3, duration_seconds = $4, error_message = $5,
                    error_details = $6, rows_extracted = $7, rows_written = $8, files_generated = $9, output_file_path = $10,
                    output_file_name = $11, output_file_size_bytes = $12, uncompressed_size_bytes = $13, output_files = $14,
                    compressed_file_path = $15, compressed_file_name = $16, compressed_file_size_bytes = $17,
                    trigger_file_created = $18, trigger_file_path = $19, throughput_rows_per_second = $20,
                    throughput_mb_per_second = $21, memory_usage_mb_after = $22, watermark_value = $23,
                    memory_usage_mb_before = COALESCE(memory_usage_mb_before, $24)
                WHERE log_id = $1
                """,
                [
                    String(logId), f.status.rawValue, f.endTime.isoTimestamp, String(m.durationSeconds), f.errorMessage,
                    f.errorDetails, String(m.rowsExtracted), String(m.rowsWritten), String(m.filesGenerated),
                    first?.path,
                    firstName, String(m.bytesWritten), String(m.uncompressedBytes), filesJSON,
                    compressed ? first?.path : nil, compressed ? firstName : nil,
                    compressed ? String(m.bytesWritten) : nil,
                    text(f.triggerPath != nil), f.triggerPath, String(m.rowsPerSecond), String(m.megabytesPerSecond),
                    mb(m.rssBytesAfter), f.status == .success ? watermark?.description : nil, mb(m.rssBytesBefore),
                ]
            )
            if f.status == .success, let watermark {
                try connection.execute(
                    """
                    INSERT INTO \(schema).extract_watermark(extract_name, incremental_column, watermark_kind, watermark_value, run_id, log_id, updated_at)
                    SELECT l.extract_name, c.incremental_column, $2, $3, l.run_id, l.log_id, $4
                    FROM \(schema).log_extract_generation l
                    LEFT JOIN \(schema).config_extract_generation c ON c.extract_name = l.extract_name
                    WHERE l.log_id = $1
                    ON CONFLICT (extract_name) DO UPDATE SET incremental_column = excluded.incremental_column,
                        watermark_kind = excluded.watermark_kind, watermark_value = excluded.watermark_value,
                        run_id = excluded.run_id, log_id = excluded.log_id, updated_at = excluded.updated_at
                    """,
                    [String(logId), watermark.kind, watermark.description, f.endTime.isoTimestamp]
                )
            }
        }
    }

    /// The watermark of the last successful run of `extractName`.
    public func watermark(for extractName: String) async throws -> Watermark? {
        let (connection, schema) = try open()
        let rows = try connection.execute(
            "SELECT watermark_kind, watermark_value FROM \(schema).extract_watermark WHERE extract_name = $1",
            [extractName]
        )
        guard let row = rows.first else { return nil }
        return Watermark(kind: row[0] ?? "", text: row[1] ?? "")
    }

    /// Extracts whose latest row in run `runId` (or the latest run with a failure) is not SUCCESS.
    public func failedExtracts(inRun runId: String?) async throws -> (runId: String, names: [String])? {
        let (connection, schema) = try open()
        var run = runId
        if run == nil {
            run =
                try connection.execute(
                    "SELECT run_id FROM \(schema).log_extract_generation WHERE run_status <> 'SUCCESS' ORDER BY log_id DESC LIMIT 1"
                ).first?[0] ?? nil
        }
        guard let run else { return nil }
        let names = try connection.execute(
            """
            SELECT DISTINCT ON (extract_name) extract_name, run_status FROM \(schema).log_extract_generation
            WHERE run_id = $1 ORDER BY extract_name, log_id DESC
            """,
            [run]
        ).filter { $0[1] != "SUCCESS" }.compactMap { $0[0] }
        return (run, names)
    }
}
