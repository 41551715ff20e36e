import ExtractCore

/// `extract history` and `extract list` on a PostgreSQL store: the same rows as the SQLite
/// store's, with times rendered as the SQLite store stores them (`2024-07-25T14:25:30.000000Z`)
/// and `output_files` as JSON text.
extension PostgresRunLog: RunHistory {
    /// The `log_extract_generation` columns `row(_:)` reads, in order.
    static let historyColumns = """
        log_id, extract_name, execution_group, run_id, run_status, run_type,
        to_char(start_time, 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"'), to_char(end_time, 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"'),
        duration_seconds, rows_extracted, rows_written, files_generated, output_file_path, output_file_size_bytes,
        uncompressed_size_bytes, compressed_file_size_bytes, trigger_file_path, throughput_rows_per_second,
        memory_usage_mb_before, memory_usage_mb_after, error_message, output_files::text, watermark_value,
        source_type, source_object
        """

    /// Recent log rows, newest first, optionally of one extract.
    public func history(extractName: String? = nil, limit: Int = 20) async throws -> [RunLogRow] {
        let (connection, schema) = try open()
        let limit = String(max(1, limit))
        let rows: [[String?]]
        if let extractName {
            rows = try connection.execute(
                """
                SELECT \(Self.historyColumns) FROM \(schema).log_extract_generation
                WHERE extract_name = $1 ORDER BY log_id DESC LIMIT $2
                """,
                [extractName, limit]
            )
        } else {
            rows = try connection.execute(
                """
                SELECT \(Self.historyColumns) FROM \(schema).log_extract_generation ORDER BY log_id DESC LIMIT $1
                """,
                [limit]
            )
        }
        return rows.map(Self.row)
    }

    /// Every log row of run `runId`, oldest first.
    public func rows(ofRun runId: String) async throws -> [RunLogRow] {
        let (connection, schema) = try open()
        return try connection.execute(
            """
            SELECT \(Self.historyColumns) FROM \(schema).log_extract_generation WHERE run_id = $1 ORDER BY log_id
            """,
            [runId]
        ).map(Self.row)
    }

    /// The latest log row of every extract (the `vw_extract_generation_latest_runs` view).
    public func latestRuns() async throws -> [RunLogRow] {
        let (connection, schema) = try open()
        return try connection.execute(
            """
            SELECT \(Self.historyColumns) FROM \(schema).vw_extract_generation_latest_runs ORDER BY extract_name
            """
        ).map(Self.row)
    }

    /// One text-format result row, columns in the order of `historyColumns`.
    static func row(_ r: [String?]) -> RunLogRow {
        func text(_ i: Int) -> String? { i < r.count ? r[i] : nil }
        func int(_ i: Int) -> Int64? { text(i).flatMap { Int64($0) } }
        func double(_ i: Int) -> Double? { text(i).flatMap { Double($0) } }
        return RunLogRow(
            logId: int(0) ?? 0,
            extractName: text(1) ?? "",
            executionGroup: text(2),
            runId: text(3) ?? "",
            runStatus: text(4) ?? "",
            runType: text(5) ?? "",
            startTime: text(6) ?? "",
            endTime: text(7),
            durationSeconds: double(8),
            rowsExtracted: int(9),
            rowsWritten: int(10),
            filesGenerated: int(11),
            outputFilePath: text(12),
            outputFileSizeBytes: int(13),
            uncompressedSizeBytes: int(14),
            compressedFileSizeBytes: int(15),
            triggerFilePath: text(16),
            throughputRowsPerSecond: double(17),
            memoryUsageMBBefore: double(18),
            memoryUsageMBAfter: double(19),
            errorMessage: text(20),
            outputFiles: text(21),
            watermarkValue: text(22),
            sourceType: text(23),
            sourceObject: text(24)
        )
    }
}
