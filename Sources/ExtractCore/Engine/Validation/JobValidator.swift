/// Turns config rows into typed ``ExtractJob``s, collecting every problem with its job and
/// column instead of stopping at the first.
///
/// ```swift
/// let result = JobValidator().validate(snapshot)
/// for issue in result.issues { print(issue) }
/// ```
public struct JobValidator: Sendable {
    /// The outcome: jobs that passed (active ones only, sorted by name) and every issue.
    public struct Result: Sendable {
        /// Valid active jobs, by name.
        public var jobs: [ExtractJob]
        /// Every error and warning, in job-name order.
        public var issues: [ValidationIssue]
        /// Names of active jobs that have at least one error.
        public var invalidJobs: [String]

        /// The errors only.
        public var errors: [ValidationIssue] { issues.filter { $0.severity == .error } }
    }

    public init() {}

    /// Validates every active job of `snapshot` (inactive jobs are skipped, their details too).
    public func validate(_ snapshot: ConfigSnapshot) -> Result {
        var issues: [ValidationIssue] = []
        var detailsByName: [String: [ExtractDetailsRecord]] = [:]
        for d in snapshot.details { detailsByName[d.extractName, default: []].append(d) }
        var seen: Set<String> = []
        var jobs: [ExtractJob] = []
        var invalid: [String] = []
        let datastoreIds = Set(snapshot.datastores.map(\.id))
        let targetIds = Set(snapshot.targetRoots.map(\.id))
        let sqliteIds = Set(snapshot.datastores.filter { $0.kind.lowercased() == "sqlite" }.map(\.id))
        let masters = snapshot.jobs.sorted { $0.extractName < $1.extractName }
        for master in masters {
            if !seen.insert(master.extractName).inserted {
                issues.append(
                    .init(
                        .error,
                        job: master.extractName,
                        column: "extract_name",
                        "several config_extract_generation rows have this name; keep one"
                    )
                )
                if master.isActive == true && !invalid.contains(master.extractName) {
                    invalid.append(master.extractName)
                }
                jobs.removeAll { $0.name == master.extractName }
                continue
            }
            guard master.isActive == true else { continue }
            var jobIssues: [ValidationIssue] = []
            let rows = detailsByName[master.extractName] ?? []
            if rows.isEmpty {
                jobIssues.append(
                    .init(
                        .error,
                        job: master.extractName,
                        column: "extract_name",
                        "no config_extract_generation_details row for this extract; add one with the same extract_name"
                    )
                )
            } else if rows.count > 1 {
                jobIssues.append(
                    .init(
                        .error,
                        job: master.extractName,
                        column: "extract_name",
                        "\(rows.count) config_extract_generation_details rows for this extract; keep exactly one"
                    )
                )
            }
            if let details = rows.first,
                let job = makeJob(master, details, datastoreIds: datastoreIds, targetIds: targetIds, issues: &jobIssues)
            {
                if let validation = job.validation {
                    let onSQLite: Bool
                    if let id = job.sourceDatastoreId {
                        onSQLite = sqliteIds.contains(id)
                    } else if let type = nonEmpty(details.sourceDatastoreType) {
                        onSQLite = type.lowercased() == "sqlite"
                    } else {
                        onSQLite = snapshot.storeKind?.lowercased() == "sqlite"
                    }
                    if onSQLite {
                        jobIssues.append(
                            .init(
                                .error,
                                job: master.extractName,
                                column: "validation_table_sp_name",
                                value: validation.displayName,
                                "SQLite has no stored procedures, so this source cannot run a validation procedure; clear validation_table_sp_name or read from a PostgreSQL datastore"
                            )
                        )
                    }
                }
                if !jobIssues.contains(where: { $0.severity == .error }) { jobs.append(job) }
            }
            if jobIssues.contains(where: { $0.severity == .error }) { invalid.append(master.extractName) }
            issues += jobIssues
        }
        let masterNames = Set(snapshot.jobs.map(\.extractName))
        for name in detailsByName.keys.sorted() where !masterNames.contains(name) {
            issues.append(
                .init(
                    .warning,
                    job: name,
                    column: "extract_name",
                    "details row without a config_extract_generation row; it is never run"
                )
            )
        }
        return Result(jobs: jobs, issues: issues, invalidJobs: invalid)
    }

    /// Validates one master + details pair; returns the job, or `nil` when an error made it impossible.
    public func makeJob(
        _ m: ExtractConfigRecord,
        _ d: ExtractDetailsRecord,
        datastoreIds: Set<String>,
        targetIds: Set<String>,
        issues: inout [ValidationIssue]
    ) -> ExtractJob? {
        let name = m.extractName
        func error(_ column: String?, _ value: String? = nil, _ message: String) {
            issues.append(.init(.error, job: name, column: column, value: value, message))
        }
        func warning(_ column: String?, _ value: String? = nil, _ message: String) {
            issues.append(.init(.warning, job: name, column: column, value: value, message))
        }
        if name.isEmpty || name.contains(where: { $0.isNewline || $0 == "\0" }) {
            error("extract_name", name, "extract_name must be a non-empty single-line name")
        }

        // Source: exactly one kind.
        var sources: [(String, JobSource)] = []
        if let t = nonEmpty(m.extractTableName) {
            sources.append(
                ("extract_table_name", .table(schema: schemaName(m.extractTableSchema, d.sourceSchemaName), name: t))
            )
        }
        if let v = nonEmpty(m.extractViewName) {
            sources.append(
                ("extract_view_name", .view(schema: schemaName(m.extractViewSchema, d.sourceSchemaName), name: v))
            )
        }
        if let s = nonEmpty(m.extractSQL) { sources.append(("extract_sql", .sql(s))) }
        if let p = nonEmpty(m.extractProcedureName) {
            sources.append(
                (
                    "extract_sp_name",
                    .procedure(schema: schemaName(m.extractProcedureSchema, d.sourceSchemaName), name: p)
                )
            )
        }
        var source: JobSource? = nil
        if sources.isEmpty {
            error(
                "extract_table_name",
                nil,
                "no source: set exactly one of extract_table_name, extract_view_name, extract_sql, extract_sp_name"
            )
        } else if sources.count > 1 {
            error(
                sources[1].0,
                nil,
                "several sources set (\(sources.map(\.0).joined(separator: ", "))); set exactly one"
            )
        } else {
            source = sources[0].1
        }
        if let ds = nonEmpty(d.sourceDatastoreId), !datastoreIds.contains(ds) {
            error(
                "source_datastore_id",
                ds,
                "no datastore with this id is registered; register it or leave the column NULL for the store's own database"
            )
        }
        if let type = nonEmpty(d.sourceDatastoreType),
            !["lakehouse", "warehouse", "sqlite", "postgresql", "postgres"].contains(type.lowercased())
        {
            error(
                "source_datastore_type",
                type,
                "unknown datastore type; use lakehouse, warehouse, sqlite or postgresql"
            )
        }
        if let type = nonEmpty(d.targetDatastoreType), !["lakehouse", "warehouse", "files"].contains(type.lowercased())
        {
            error("target_datastore_type", type, "unknown target type; use lakehouse, warehouse or files")
        }
        if nonEmpty(d.sourceWorkspaceId) != nil || nonEmpty(d.targetWorkspaceId) != nil {
            warning(
                nonEmpty(d.sourceWorkspaceId) != nil ? "source_workspace_id" : "target_workspace_id",
                nil,
                "workspace ids have no meaning outside Fabric and are ignored"
            )
        }

        var report = IssueReporter(job: name)
        let format = parseFormat(d, &report)
        let props = parseFileProperties(d, format: format, &report)
        let compression = parseCompression(d, format: format, &report)
        issues += report.issues

        // Naming.
        func template(_ column: String, _ text: String?) -> PathTemplate? {
            do { return try PathTemplate(text ?? "") } catch let e as ExtractError {
                error(column, text, e.message); return nil
            } catch { return nil }
        }
        let rootPath = template("target_file_root_path", d.targetFileRootPath)
        let container = template("extract_container", d.extractContainer ?? "extracts")
        let directory = template("extract_directory", d.extractDirectory)
        let fileName = template("extract_file_name", nonEmpty(d.extractFileName) ?? name)
        var archiveName: PathTemplate? = nil
        if let a = nonEmpty(d.compressedFileName), compression.kind == .zip {
            archiveName = template("compressed_file_name", a)
        }
        var stamp: DateFormatPattern? = nil
        if let f = nonEmpty(d.extractFileNameTimestampFormat) {
            do {
                stamp = try DateFormatPattern(f)
                if stamp!.format(CivilDateTime(year: 2024, month: 1, day: 1)).contains("/") {
                    error("extract_file_name_timestamp_format", f, "the timestamp format must not produce \"/\"")
                }
            } catch let e as ExtractError { error("extract_file_name_timestamp_format", f, e.message) } catch {}
        }
        var periodEnd: Int? = nil
        if let p = d.extractFileNamePeriodEndDay {
            if p < 1 || p > 31 {
                error("extract_file_name_period_end_day", String(p), "the period end day must be 1...31")
            } else {
                periodEnd = Int(p)
            }
            if stamp == nil {
                warning(
                    "extract_file_name_period_end_day",
                    nil,
                    "has no effect without extract_file_name_timestamp_format"
                )
            }
        }
        var ext = format.defaultExtension
        if let e = nonEmpty(d.extractFileNameExtension) {
            let trimmed = e.hasPrefix(".") ? String(e.dropFirst()) : e
            if trimmed.isEmpty || trimmed.contains("/") || trimmed.contains("{") {
                error("extract_file_name_extension", e, "the extension must be a plain suffix such as csv")
            } else {
                ext = trimmed
            }
        }
        if let t = nonEmpty(d.targetDatastoreId), !targetIds.contains(t) {
            error(
                "target_datastore_id",
                t,
                "no target root with this id is registered; register it or leave the column NULL for the output root"
            )
        }

        // Splitting, trigger.
        var maxRows: Int? = nil
        if let mr = d.filePropertiesMaxRowsPerFile {
            if mr < 1 {
                error(
                    "file_properties_max_rows_per_file",
                    String(mr),
                    "max rows per file must be at least 1 (NULL for one file)"
                )
            } else {
                maxRows = Int(mr)
            }
        }
        var trigger: String? = nil
        if d.isTriggerFile == true {
            let t = nonEmpty(d.triggerFileExtension) ?? ".done"
            if t.contains("/") || t == "." || t.contains("\0") {
                error("trigger_file_extension", t, "the trigger extension must be a plain suffix such as .done")
            } else {
                trigger = t.hasPrefix(".") ? t : "." + t
            }
        }

        // Incremental.
        var incremental: IncrementalSpec? = nil
        if let column = nonEmpty(m.incrementalColumn) {
            var daysBack: Int? = nil
            if let db = m.incrementalDaysBack {
                if db < 0 {
                    error("incremental_days_back", String(db), "days back must be 0 or more")
                } else {
                    daysBack = Int(db)
                }
            }
            incremental = IncrementalSpec(
                column: column,
                daysBack: daysBack,
                incrementalByDefault: m.isFullLoad == false
            )
        } else if m.isFullLoad == false {
            error(
                "incremental_column",
                nil,
                "is_full_load is false but incremental_column is NULL; name the column that grows with new rows"
            )
        }
        // Pre-extract validation procedure.
        var validation: ValidationProcedure? = nil
        if let v = nonEmpty(m.validationProcedureName) {
            var schema = nonEmpty(m.validationProcedureSchema)
            if schema?.lowercased() == "default" { schema = nil }
            validation = ValidationProcedure(schema: schema, name: v)
        } else if let s = nonEmpty(m.validationProcedureSchema) {
            error(
                "validation_table_sp_schema",
                s,
                "validation_table_sp_schema is set but validation_table_sp_name is NULL; name the procedure or clear the schema"
            )
        }

        if case .procedure = source, incremental != nil {
            error("incremental_column", incremental?.column, "procedures cannot be extracted incrementally")
        }

        guard let source, let rootPath, let container, let directory, let fileName else { return nil }
        let naming = FileNaming(
            targetRootId: nonEmpty(d.targetDatastoreId),
            rootPath: rootPath,
            container: container,
            directory: directory,
            fileName: fileName,
            timestampFormat: stamp,
            periodEndDay: periodEnd,
            fileExtension: ext,
            archiveName: archiveName
        )
        return ExtractJob(
            name: name,
            executionGroup: nonEmpty(m.executionGroup),
            source: source,
            sourceDatastoreId: nonEmpty(d.sourceDatastoreId),
            format: format,
            fileProperties: props,
            compression: compression,
            naming: naming,
            maxRowsPerFile: maxRows,
            forceSingleFile: d.forceSingleFile ?? true,
            triggerExtension: trigger,
            incremental: incremental,
            config: m,
            details: d,
            validation: validation
        )
    }

    /// Where the parts of ``makeJob(_:_:datastoreIds:targetIds:issues:)`` report problems.
    struct IssueReporter {
        let job: String
        var issues: [ValidationIssue] = []
        mutating func error(_ column: String?, _ value: String?, _ message: String) {
            issues.append(.init(.error, job: job, column: column, value: value, message))
        }
        mutating func warning(_ column: String?, _ value: String?, _ message: String) {
            issues.append(.init(.warning, job: job, column: column, value: value, message))
        }
    }

    /// `output_format` (default csv).
    func parseFormat(_ d: ExtractDetailsRecord, _ report: inout IssueReporter) -> OutputFormat {
        guard let text = nonEmpty(d.outputFormat) else { return .csv }
        do { return try OutputFormat(parsing: text) } catch let e as ExtractError {
            report.error("output_format", text, e.message)
        } catch {}
        return .csv
    }

    /// The `file_properties_*` columns, read with the parsers and checked with the rules
    /// (``DelimitedOptions/optionProblems``) that `extract export` and the writer use.
    func parseFileProperties(_ d: ExtractDetailsRecord, format: OutputFormat, _ report: inout IssueReporter)
        -> FileProperties
    {
        var props = DelimitedOptions.preset(format)
        guard format.isDelimited else { return props }
        func parse<T>(_ column: String, _ raw: String?, _ parse: (String) throws -> T) -> T? {
            guard let raw else { return nil }
            do { return try parse(raw) } catch let e as ExtractError {
                report.error(column, raw, e.message)
            } catch {}
            return nil
        }
        if let raw = d.filePropertiesColumnDelimiter, !raw.isEmpty {
            props.delimiter = DelimitedOptions.parseDelimiter(raw)
        }
        if let quote = parse(
            "file_properties_quote_character",
            d.filePropertiesQuoteCharacter,
            DelimitedOptions.parseQuote
        ) {
            props.quote = quote
        }
        if let escape = parse(
            "file_properties_escape_character",
            d.filePropertiesEscapeCharacter,
            DelimitedOptions.parseEscape
        ) {
            props.escape = escape
        }
        if let raw = d.filePropertiesRowDelimiter, !raw.isEmpty,
            let rowDelimiter = parse("file_properties_row_delimiter", raw, RowDelimiter.init(name:))
        {
            props.rowDelimiter = rowDelimiter
        }
        if let raw = nonEmpty(d.filePropertiesEncoding),
            let encoding = parse("file_properties_encoding", raw, TextEncoding.init(name:))
        {
            props.encoding = encoding
        }
        props.header = d.filePropertiesHeader ?? true
        if let nullValue = d.filePropertiesNullValue { props.nullValue = nullValue }
        for problem in props.optionProblems {
            let (column, value): (String, String?)
            switch problem.option {
            case .delimiter: (column, value) = ("file_properties_column_delimiter", d.filePropertiesColumnDelimiter)
            case .quote: (column, value) = ("file_properties_quote_character", d.filePropertiesQuoteCharacter)
            case .escape: (column, value) = ("file_properties_escape_character", d.filePropertiesEscapeCharacter)
            case .nullValue: (column, value) = ("file_properties_null_value", d.filePropertiesNullValue)
            case .quoting: (column, value) = ("file_properties_quote_character", d.filePropertiesQuoteCharacter)
            }
            report.error(column, value, problem.message)
        }
        return props
    }

    /// `is_compressed`, `compressed_type`, `compressed_level` and `compressed_extension`, read
    /// with the parsers `extract export` uses and checked against the format's codec.
    func parseCompression(_ d: ExtractDetailsRecord, format: OutputFormat, _ report: inout IssueReporter)
        -> OutputCompression
    {
        guard d.isCompressed == true else {
            if let t = nonEmpty(d.compressedType), t.uppercased() != "NONE", d.isCompressed == nil {
                report.warning(
                    "is_compressed",
                    nil,
                    "compressed_type is \(t) but is_compressed is NULL, so nothing is compressed; set is_compressed to true"
                )
            }
            return .none
        }
        let typeText = nonEmpty(d.compressedType) ?? (format == .parquet ? "SNAPPY" : "GZIP")
        var kind: OutputCompression.Kind? = nil
        do { kind = try OutputCompression.Kind(parsing: typeText) } catch let e as ExtractError {
            report.error("compressed_type", typeText, e.message)
        } catch {}
        var level = OutputCompression.Level.normal
        if let text = nonEmpty(d.compressedLevel) {
            do { level = try CompressionLevel(parsing: text) } catch let e as ExtractError {
                report.error("compressed_level", text, e.message)
            } catch {}
        }
        var ext: String? = nil
        if let e = nonEmpty(d.compressedExtension), format.isDelimited || kind == .zip {
            let suffix = e.hasPrefix(".") ? e : "." + e
            if suffix.contains("/") || suffix == "." {
                report.error("compressed_extension", e, "the compressed extension must be a plain suffix such as .gz")
            } else {
                ext = suffix
            }
        }
        guard let kind else { return .none }
        let compression = OutputCompression(kind: kind, level: level, fileExtension: ext)
        if let problem = compression.problem(for: format) {
            report.error("compressed_level", d.compressedLevel, problem.message)
        }
        return compression
    }
}

/// `text` unless it is NULL or only whitespace.
func nonEmpty(_ text: String?) -> String? {
    guard let text, !text.allSatisfy({ $0 == " " || $0 == "\t" || $0.isNewline }) else { return nil }
    return text
}

/// The schema to use: the object's own schema, else `source_schema_name`; `default` means none.
func schemaName(_ own: String?, _ fallback: String?) -> String? {
    guard let s = nonEmpty(own) ?? nonEmpty(fallback), s.lowercased() != "default" else { return nil }
    return s
}
