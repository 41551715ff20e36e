import ExtractCore

/// The embedded run log: `log_extract_generation` and `extract_watermark` in the store file.
/// Each call opens its own connection, so concurrent extracts log safely (SQLite serialises
/// writers; the busy timeout waits for the lock).
public struct SQLiteRunLog: RunLog, RunHistory {
    public let path: String

    public init(path: String) {
        self.path = path
    }

    func open() throws -> SQLiteConnection {
        let db = try StoreAccess.open(path: path)
        try StoreSchema.requireCurrent(db)
        return db
    }

    public func recordStart(_ s: RunLogStart) async throws -> Int64 {
        let db = try open()
        try db.run(
            """
            INSERT INTO log_extract_generation(extract_name, execution_group, run_id, run_timestamp, run_status, run_type,
                start_time, source_type, source_object, source_schema, source_datastore_id, output_format, is_compressed,
                compression_type, memory_usage_mb_before, memory_measure, created_by)
            VALUES (?1, ?2, ?3, ?4, 'IN_PROGRESS', ?5, ?4, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, 'RSS', 'extract')
            """,
            [
                .text(s.extractName), .of(s.executionGroup), .text(s.runId), .text(s.startTime.isoTimestamp),
                .text(s.runType.rawValue), .text(s.sourceType), .text(s.sourceObject), .of(s.sourceSchema),
                .of(s.sourceDatastoreId), .text(s.outputFormat), .of(s.isCompressed), .of(s.compressionType),
                .of(s.rssBytesBefore.map { Double($0) / 1_048_576 }),
            ]
        )
        return db.lastInsertRowID
    }

    public func recordFinish(logId: Int64, _ f: RunLogFinish, watermark: Watermark?) async throws {
        let db = try open()
        let m = f.metrics
        let first = f.files.first
        let firstName = first.map { name(of: $0.path) }
        let compressed =
            f.files.contains { $0.bytes != $0.uncompressedBytes } || (first?.path.hasSuffix(".zip") ?? false)
        let filesJSON =
            "["
            + f.files.map { file in
                "{\"path\":" + jsonString(file.path)
                    + ",\"rows\":\(file.rows),\"bytes\":\(file.bytes),\"uncompressed_bytes\":\(file.uncompressedBytes),\"sha256\":"
                    + (file.sha256.map(jsonString) ?? "null") + "}"
            }.joined(separator: ",") + "]"
        try db.transaction(.immediate) {
            try db.run(
                """
                UPDATE log_extract_generation SET run_status = ?2, end_time = ?3, duration_seconds = ?4, error_message = ?5,
                    error_details = ?6, rows_extracted = ?7, rows_written = ?8, files_generated = ?9, output_file_path = ?10,
                    output_file_name = ?11, output_file_size_bytes = ?12, uncompressed_size_bytes = ?13, output_files = ?14,
                    compressed_file_path = ?15, compressed_file_name = ?16, compressed_file_size_bytes = ?17,
                    trigger_file_created = ?18, trigger_file_path = ?19, throughput_rows_per_second = ?20,
                    throughput_mb_per_second = ?21, memory_usage_mb_after = ?22, watermark_value = ?23,
                    memory_usage_mb_before = COALESCE(memory_usage_mb_before, ?24)
                WHERE log_id = ?1
                """,
                [
                    .integer(logId), .text(f.status.rawValue), .text(f.endTime.isoTimestamp), .real(m.durationSeconds),
                    .of(f.errorMessage), .of(f.errorDetails), .integer(m.rowsExtracted), .integer(m.rowsWritten),
                    .integer(Int64(m.filesGenerated)), .of(first?.path), .of(firstName), .integer(m.bytesWritten),
                    .integer(m.uncompressedBytes), .text(filesJSON),
                    compressed ? .of(first?.path) : .null, compressed ? .of(firstName) : .null,
                    compressed ? .integer(m.bytesWritten) : .null,
                    .of(f.triggerPath != nil), .of(f.triggerPath), .real(m.rowsPerSecond), .real(m.megabytesPerSecond),
                    .of(m.rssBytesAfter.map { Double($0) / 1_048_576 }),
                    f.status == .success ? .of(watermark?.description) : .null,
                    .of(m.rssBytesBefore.map { Double($0) / 1_048_576 }),
                ]
            )
            if f.status == .success, let watermark {
                try db.run(
                    """
                    INSERT INTO extract_watermark(extract_name, incremental_column, watermark_kind, watermark_value, run_id, log_id, updated_at)
                    SELECT l.extract_name, c.incremental_column, ?2, ?3, l.run_id, l.log_id, ?4
                    FROM log_extract_generation l LEFT JOIN config_extract_generation c ON c.extract_name = l.extract_name
                    WHERE l.log_id = ?1
                    ON CONFLICT(extract_name) DO UPDATE SET incremental_column = excluded.incremental_column,
                        watermark_kind = excluded.watermark_kind, watermark_value = excluded.watermark_value,
                        run_id = excluded.run_id, log_id = excluded.log_id, updated_at = excluded.updated_at
                    """,
                    [
                        .integer(logId), .text(watermark.kind), .text(watermark.description),
                        .text(f.endTime.isoTimestamp),
                    ]
                )
            }
        }
    }

    public func watermark(for extractName: String) async throws -> Watermark? {
        let db = try open()
        let rows = try db.query(
            "SELECT watermark_kind, watermark_value FROM extract_watermark WHERE extract_name = ?1",
            [.text(extractName)]
        ) { s in Watermark(kind: s.text(0) ?? "", text: s.text(1) ?? "") }
        return rows.first ?? nil
    }

    public func failedExtracts(inRun runId: String?) async throws -> (runId: String, names: [String])? {
        let db = try open()
        var run = runId
        if run == nil {
            run =
                try db.query(
                    """
                    SELECT run_id FROM log_extract_generation WHERE run_status <> 'SUCCESS' ORDER BY log_id DESC LIMIT 1
                    """
                ) { $0.text(0) }.first ?? nil
        }
        guard let run else { return nil }
        let names = try db.query(
            """
            SELECT extract_name FROM log_extract_generation l
            WHERE run_id = ?1 AND log_id = (SELECT MAX(log_id) FROM log_extract_generation x
                                            WHERE x.run_id = l.run_id AND x.extract_name = l.extract_name)
              AND run_status <> 'SUCCESS'
            ORDER BY extract_name
            """,
            [.text(run)]
        ) { $0.text(0) ?? "" }
        return (run, names)
    }

    /// Recent log rows, newest first, optionally of one extract.
    public func history(extractName: String? = nil, limit: Int = 20) throws -> [RunLogRow] {
        let db = try open()
        var sql = "SELECT \(RunLogRow.columns) FROM log_extract_generation"
        var values: [SQLiteValue] = []
        if let extractName { sql += " WHERE extract_name = ?1"; values.append(.text(extractName)) }
        sql += " ORDER BY log_id DESC LIMIT \(max(1, limit))"
        return try db.query(sql, values) { RunLogRow($0) }
    }

    /// Every log row of run `runId`.
    public func rows(ofRun runId: String) throws -> [RunLogRow] {
        try open().query(
            "SELECT \(RunLogRow.columns) FROM log_extract_generation WHERE run_id = ?1 ORDER BY log_id",
            [.text(runId)]
        ) { RunLogRow($0) }
    }

    /// The latest log row of every extract (the `vw_extract_generation_latest_runs` view).
    public func latestRuns() throws -> [RunLogRow] {
        try open().query("SELECT \(RunLogRow.columns) FROM vw_extract_generation_latest_runs ORDER BY extract_name") {
            RunLogRow($0)
        }
    }

    func name(of path: String) -> String {
        path.split(separator: "/").last.map(String.init) ?? path
    }
}

extension RunLogRow {
    /// The columns `init(_:)` reads, in order.
    static let columns = """
        log_id, extract_name, execution_group, run_id, run_status, run_type, start_time, end_time, duration_seconds,
        rows_extracted, rows_written, files_generated, output_file_path, output_file_size_bytes, uncompressed_size_bytes,
        compressed_file_size_bytes, trigger_file_path, throughput_rows_per_second, memory_usage_mb_before,
        memory_usage_mb_after, error_message, output_files, watermark_value, source_type, source_object
        """

    /// The row at the statement's current position (columns in the order of `columns`).
    init(_ s: SQLiteStatement) {
        self.init(
            logId: s.int(0) ?? 0,
            extractName: s.text(1) ?? "",
            executionGroup: s.text(2),
            runId: s.text(3) ?? "",
            runStatus: s.text(4) ?? "",
            runType: s.text(5) ?? "",
            startTime: s.text(6) ?? "",
            endTime: s.text(7),
            durationSeconds: s.double(8),
            rowsExtracted: s.int(9),
            rowsWritten: s.int(10),
            filesGenerated: s.int(11),
            outputFilePath: s.text(12),
            outputFileSizeBytes: s.int(13),
            uncompressedSizeBytes: s.int(14),
            compressedFileSizeBytes: s.int(15),
            triggerFilePath: s.text(16),
            throughputRowsPerSecond: s.double(17),
            memoryUsageMBBefore: s.double(18),
            memoryUsageMBAfter: s.double(19),
            errorMessage: s.text(20),
            outputFiles: s.text(21),
            watermarkValue: s.text(22),
            sourceType: s.text(23),
            sourceObject: s.text(24)
        )
    }
}
