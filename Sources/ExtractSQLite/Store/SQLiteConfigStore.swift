import ExtractCore

/// The embedded config store: the config tables of one SQLite file (`extract.sqlite` by default).
///
/// ```swift
/// try SQLiteConfigStore.initialize(path: "extract.sqlite", samples: true)
/// let store = SQLiteConfigStore(path: "extract.sqlite")
/// let snapshot = try await store.loadSnapshot()
/// ```
public struct SQLiteConfigStore: ConfigStore {
    /// The store file.
    public let path: String

    public init(path: String) {
        self.path = path
    }

    /// Creates the store (or upgrades its schema) and, with `samples`, (re)creates the sample
    /// source tables and the sample extracts. Returns the schema versions before and after.
    @discardableResult
    public static func initialize(path: String, samples: Bool = false) throws -> (from: Int, to: Int) {
        let db = try StoreAccess.open(path: path, create: true)
        let versions = try StoreSchema.migrate(db)
        if samples { try SampleData.install(into: db) }
        return versions
    }

    /// The schema version of the store at `path` (0 when it has no extract tables).
    public static func schemaVersion(path: String) throws -> Int {
        try StoreSchema.version(StoreAccess.open(path: path))
    }

    func open() throws -> SQLiteConnection {
        let db = try StoreAccess.open(path: path)
        try StoreSchema.requireCurrent(db)
        return db
    }

    public func loadSnapshot() async throws -> ConfigSnapshot {
        let db = try open()
        let jobs = try db.query(
            """
            SELECT extract_name, is_active, trigger_name, extract_pipeline_name, extract_table_name, extract_table_schema,
                   extract_view_name, extract_view_schema, extract_sql, extract_sp_name, extract_sp_schema, is_full_load,
                   incremental_column, incremental_days_back, execution_group, created_date, created_by, modified_date,
                   modified_by, validation_table_sp_name, validation_table_sp_schema
            FROM config_extract_generation ORDER BY extract_name
            """
        ) { s in
            ExtractConfigRecord(
                extractName: s.text(0) ?? "",
                isActive: s.bool(1),
                triggerName: s.text(2),
                extractPipelineName: s.text(3),
                extractTableName: s.text(4),
                extractTableSchema: s.text(5),
                extractViewName: s.text(6),
                extractViewSchema: s.text(7),
                extractSQL: s.text(8),
                extractProcedureName: s.text(9),
                extractProcedureSchema: s.text(10),
                isFullLoad: s.bool(11),
                incrementalColumn: s.text(12),
                incrementalDaysBack: s.int(13),
                executionGroup: s.text(14),
                createdDate: s.text(15),
                createdBy: s.text(16),
                modifiedDate: s.text(17),
                modifiedBy: s.text(18),
                validationProcedureName: s.text(19),
                validationProcedureSchema: s.text(20)
            )
        }
        let details = try db.query(
            "SELECT \(DetailsColumns.list) FROM config_extract_generation_details ORDER BY extract_name"
        ) { s in
            DetailsColumns.record(s)
        }
        let datastores = try db.query(
            "SELECT datastore_id, datastore_type, location FROM config_datastore ORDER BY datastore_id"
        ) { s in
            DatastoreRecord(id: s.text(0) ?? "", kind: s.text(1) ?? "sqlite", location: s.text(2) ?? "")
        }
        let roots = try db.query("SELECT target_root_id, path FROM config_target_root ORDER BY target_root_id") { s in
            TargetRootRecord(id: s.text(0) ?? "", path: s.text(1) ?? "")
        }
        return ConfigSnapshot(
            jobs: jobs,
            details: details,
            datastores: datastores,
            targetRoots: roots,
            storeKind: "sqlite"
        )
    }

    /// Registers (or replaces) a named source datastore.
    public func registerDatastore(_ record: DatastoreRecord, description: String? = nil) throws {
        try open().run(
            "INSERT OR REPLACE INTO config_datastore(datastore_id, datastore_type, location, description) VALUES (?1, ?2, ?3, ?4)",
            [.text(record.id), .text(record.kind), .text(record.location), .of(description)]
        )
    }

    /// Registers (or replaces) a named target root folder.
    public func registerTargetRoot(_ record: TargetRootRecord, description: String? = nil) throws {
        try open().run(
            "INSERT OR REPLACE INTO config_target_root(target_root_id, path, description) VALUES (?1, ?2, ?3)",
            [.text(record.id), .text(record.path), .of(description)]
        )
    }

    /// Inserts or replaces one job (master and details row).
    public func save(_ config: ExtractConfigRecord, _ details: ExtractDetailsRecord) throws {
        let db = try open()
        try db.transaction(.immediate) { try Self.save(config, details, into: db) }
    }

    static func save(_ m: ExtractConfigRecord, _ d: ExtractDetailsRecord, into db: SQLiteConnection) throws {
        try db.run(
            """
            INSERT OR REPLACE INTO config_extract_generation(extract_name, is_active, trigger_name, extract_pipeline_name,
                extract_table_name, extract_table_schema, extract_view_name, extract_view_schema, extract_sql, extract_sp_name,
                extract_sp_schema, is_full_load, incremental_column, incremental_days_back, execution_group, created_date,
                created_by, modified_date, modified_by, validation_table_sp_name, validation_table_sp_schema)
            VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15,
                    COALESCE(?16, strftime('%Y-%m-%d', 'now')), COALESCE(?17, 'system'), ?18, ?19, ?20, ?21)
            """,
            [
                .text(m.extractName), .of(m.isActive ?? false), .of(m.triggerName), .of(m.extractPipelineName),
                .of(m.extractTableName), .of(m.extractTableSchema), .of(m.extractViewName), .of(m.extractViewSchema),
                .of(m.extractSQL), .of(m.extractProcedureName), .of(m.extractProcedureSchema),
                .of(m.isFullLoad ?? true),
                .of(m.incrementalColumn), .of(m.incrementalDaysBack), .of(m.executionGroup), .of(m.createdDate),
                .of(m.createdBy), .of(m.modifiedDate), .of(m.modifiedBy),
                .of(m.validationProcedureName), .of(m.validationProcedureSchema),
            ]
        )
        let values = DetailsColumns.values(d)
        let placeholders = (1...values.count).map { "?\($0)" }.joined(separator: ", ")
        try db.run(
            "INSERT OR REPLACE INTO config_extract_generation_details(\(DetailsColumns.list)) VALUES (\(placeholders))",
            values
        )
    }
}

/// The details table's columns in one order, shared by reads and writes.
enum DetailsColumns {
    static let names = ExtractDetailsRecord.columnNames
    static let list = names.joined(separator: ", ")

    static func record(_ s: SQLiteStatement) -> ExtractDetailsRecord {
        var d = ExtractDetailsRecord(extractName: s.text(0) ?? "")
        d.fileGenerationGroup = s.text(1)
        d.extractContainer = s.text(2)
        d.extractDirectory = s.text(3)
        d.extractFileName = s.text(4)
        d.extractFileNameTimestampFormat = s.text(5)
        d.extractFileNamePeriodEndDay = s.int(6)
        d.extractFileNameExtension = s.text(7)
        d.extractFileNameOrdering = s.int(8)
        d.filePropertiesColumnDelimiter = s.text(9)
        d.filePropertiesRowDelimiter = s.text(10)
        d.filePropertiesEncoding = s.text(11)
        d.filePropertiesQuoteCharacter = s.text(12)
        d.filePropertiesEscapeCharacter = s.text(13)
        d.filePropertiesHeader = s.bool(14)
        d.filePropertiesNullValue = s.text(15)
        d.filePropertiesMaxRowsPerFile = s.int(16)
        d.outputFormat = s.text(17)
        d.isTriggerFile = s.bool(18)
        d.triggerFileExtension = s.text(19)
        d.isCompressed = s.bool(20)
        d.compressedType = s.text(21)
        d.compressedLevel = s.text(22)
        d.compressedFileName = s.text(23)
        d.compressedExtension = s.text(24)
        d.sourceWorkspaceId = s.text(25)
        d.sourceDatastoreId = s.text(26)
        d.sourceDatastoreType = s.text(27)
        d.sourceSchemaName = s.text(28)
        d.targetWorkspaceId = s.text(29)
        d.targetDatastoreId = s.text(30)
        d.targetDatastoreType = s.text(31)
        d.targetFileRootPath = s.text(32)
        d.fabricLakehousePath = s.text(33)
        d.forceSingleFile = s.bool(34)
        d.createdDate = s.text(35)
        d.createdBy = s.text(36)
        d.modifiedDate = s.text(37)
        d.modifiedBy = s.text(38)
        return d
    }

    static func values(_ d: ExtractDetailsRecord) -> [SQLiteValue] {
        [
            .text(d.extractName), .of(d.fileGenerationGroup), .of(d.extractContainer), .of(d.extractDirectory),
            .of(d.extractFileName), .of(d.extractFileNameTimestampFormat), .of(d.extractFileNamePeriodEndDay),
            .of(d.extractFileNameExtension), .of(d.extractFileNameOrdering), .of(d.filePropertiesColumnDelimiter),
            .of(d.filePropertiesRowDelimiter), .of(d.filePropertiesEncoding), .of(d.filePropertiesQuoteCharacter),
            .of(d.filePropertiesEscapeCharacter), .of(d.filePropertiesHeader), .of(d.filePropertiesNullValue),
            .of(d.filePropertiesMaxRowsPerFile), .of(d.outputFormat), .of(d.isTriggerFile), .of(d.triggerFileExtension),
            .of(d.isCompressed), .of(d.compressedType), .of(d.compressedLevel), .of(d.compressedFileName),
            .of(d.compressedExtension), .of(d.sourceWorkspaceId), .of(d.sourceDatastoreId), .of(d.sourceDatastoreType),
            .of(d.sourceSchemaName), .of(d.targetWorkspaceId), .of(d.targetDatastoreId), .of(d.targetDatastoreType),
            .of(d.targetFileRootPath), .of(d.fabricLakehousePath), .of(d.forceSingleFile),
            .text(d.createdDate ?? today()), .text(d.createdBy ?? "system"), .of(d.modifiedDate), .of(d.modifiedBy),
        ]
    }

    static func today() -> String { CivilDateTime.now().isoDate }
}
