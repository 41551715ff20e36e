import ExtractCore

/// The config store on PostgreSQL: the config tables in one schema (default `config`) of a
/// warehouse database. Jobs that name no source datastore read from this same database.
///
/// ```swift
/// let store = try PostgresConfigStore(url: "postgresql://extract@db/warehouse")
/// try store.initialize(samples: true)
/// let snapshot = try await store.loadSnapshot()
/// ```
public struct PostgresConfigStore: ConfigStore, CustomStringConvertible {
    /// Where the store lives (never printed with its password).
    public let connectionString: PostgresConnectionString
    /// The schema holding the store's tables.
    public let schema: String

    /// The store in `schema` of the database at `connectionString`.
    public init(connectionString: PostgresConnectionString, schema: String = "config") {
        self.connectionString = connectionString
        self.schema = schema
    }

    /// A store at `url` (`postgresql://user@host:port/db` or `key=value` pairs).
    public init(url: String, schema: String = "config") throws {
        self.init(connectionString: try PostgresConnectionString(url), schema: schema)
    }

    /// `PostgresConfigStore(postgresql://user@host:port/db, schema config)`, without password.
    public var description: String { "PostgresConfigStore(\(connectionString.redacted), schema \(schema))" }

    /// Creates the store's tables (or upgrades them) and, with `samples`, (re)creates the sample
    /// source objects (`dbo`, `reporting`, `finance`) and the `SAMPLE_%` extracts.
    /// Returns the schema versions before and after.
    @discardableResult
    public func initialize(samples: Bool = false) throws -> (from: Int, to: Int) {
        let connection = try PostgresConnection(connectionString)
        let versions = try PostgresStoreSchema.migrate(connection, schema: schema)
        if samples { try PostgresSampleData.install(on: connection, storeSchema: schema) }
        return versions
    }

    /// The schema version of the store (0 when it has no extract tables).
    public func schemaVersion() throws -> Int {
        try PostgresStoreSchema.version(try PostgresConnection(connectionString), schema: schema)
    }

    func open() throws -> (PostgresConnection, String) {
        let connection = try PostgresConnection(connectionString)
        try PostgresStoreSchema.requireCurrent(connection, schema: schema)
        return (connection, try connection.quoteIdentifier(schema))
    }

    /// Every job, details row, datastore and target root (throws `notFound` before `initialize`).
    public func loadSnapshot() async throws -> ConfigSnapshot {
        let (connection, s) = try open()
        let jobs = try connection.execute(
            """
            SELECT extract_name, is_active, trigger_name, extract_pipeline_name, extract_table_name, extract_table_schema,
                   extract_view_name, extract_view_schema, extract_sql, extract_sp_name, extract_sp_schema, is_full_load,
                   incremental_column, incremental_days_back, execution_group, created_date, created_by, modified_date, modified_by,
                   validation_table_sp_name, validation_table_sp_schema
            FROM \(s).config_extract_generation ORDER BY extract_name
            """
        ).map { r in
            ExtractConfigRecord(
                extractName: r[0] ?? "",
                isActive: bool(r[1]),
                triggerName: r[2],
                extractPipelineName: r[3],
                extractTableName: r[4],
                extractTableSchema: r[5],
                extractViewName: r[6],
                extractViewSchema: r[7],
                extractSQL: r[8],
                extractProcedureName: r[9],
                extractProcedureSchema: r[10],
                isFullLoad: bool(r[11]),
                incrementalColumn: r[12],
                incrementalDaysBack: r[13].flatMap { Int64($0) },
                executionGroup: r[14],
                createdDate: r[15],
                createdBy: r[16],
                modifiedDate: r[17],
                modifiedBy: r[18],
                validationProcedureName: r[19],
                validationProcedureSchema: r[20]
            )
        }
        let details = try connection.execute(
            "SELECT \(PostgresDetailsColumns.list) FROM \(s).config_extract_generation_details ORDER BY extract_name"
        )
        .map(PostgresDetailsColumns.record)
        let datastores = try connection.execute(
            "SELECT datastore_id, datastore_type, location FROM \(s).config_datastore ORDER BY datastore_id"
        ).map {
            DatastoreRecord(id: $0[0] ?? "", kind: $0[1] ?? "postgresql", location: $0[2] ?? "")
        }
        let roots = try connection.execute(
            "SELECT target_root_id, path FROM \(s).config_target_root ORDER BY target_root_id"
        ).map {
            TargetRootRecord(id: $0[0] ?? "", path: $0[1] ?? "")
        }
        return ConfigSnapshot(
            jobs: jobs,
            details: details,
            datastores: datastores,
            targetRoots: roots,
            storeKind: "postgresql"
        )
    }

    /// Registers (or replaces) a named source datastore. Its location (a connection string for
    /// PostgreSQL) is stored as given and never printed.
    public func registerDatastore(_ record: DatastoreRecord, description: String? = nil) throws {
        let (connection, s) = try open()
        try connection.execute(
            """
            INSERT INTO \(s).config_datastore(datastore_id, datastore_type, location, description) VALUES ($1, $2, $3, $4)
            ON CONFLICT (datastore_id) DO UPDATE SET datastore_type = excluded.datastore_type, location = excluded.location,
                description = excluded.description
            """,
            [record.id, record.kind, record.location, description]
        )
    }

    /// Registers (or replaces) a named target root folder.
    public func registerTargetRoot(_ record: TargetRootRecord, description: String? = nil) throws {
        let (connection, s) = try open()
        try connection.execute(
            """
            INSERT INTO \(s).config_target_root(target_root_id, path, description) VALUES ($1, $2, $3)
            ON CONFLICT (target_root_id) DO UPDATE SET path = excluded.path, description = excluded.description
            """,
            [record.id, record.path, description]
        )
    }

    /// Inserts or replaces one job (master and details row) in one transaction.
    public func save(_ config: ExtractConfigRecord, _ details: ExtractDetailsRecord) throws {
        let (connection, s) = try open()
        try connection.transaction { try Self.save(config, details, on: connection, schema: s) }
    }

    static func save(
        _ m: ExtractConfigRecord,
        _ d: ExtractDetailsRecord,
        on connection: PostgresConnection,
        schema s: String
    ) throws {
        try connection.execute("DELETE FROM \(s).config_extract_generation WHERE extract_name = $1", [m.extractName])
        try connection.execute(
            """
            INSERT INTO \(s).config_extract_generation(extract_name, is_active, trigger_name, extract_pipeline_name,
                extract_table_name, extract_table_schema, extract_view_name, extract_view_schema, extract_sql, extract_sp_name,
                extract_sp_schema, is_full_load, incremental_column, incremental_days_back, execution_group, created_date,
                created_by, modified_date, modified_by, validation_table_sp_name, validation_table_sp_schema)
            VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15,
                    COALESCE($16, to_char(now() AT TIME ZONE 'UTC', 'YYYY-MM-DD')), COALESCE($17, 'system'), $18, $19, $20, $21)
            """,
            [
                m.extractName, text(m.isActive ?? false), m.triggerName, m.extractPipelineName, m.extractTableName,
                m.extractTableSchema, m.extractViewName, m.extractViewSchema, m.extractSQL, m.extractProcedureName,
                m.extractProcedureSchema, text(m.isFullLoad ?? true), m.incrementalColumn,
                m.incrementalDaysBack.map { String($0) },
                m.executionGroup, m.createdDate, m.createdBy, m.modifiedDate, m.modifiedBy,
                m.validationProcedureName, m.validationProcedureSchema,
            ]
        )
        try connection.execute(
            "DELETE FROM \(s).config_extract_generation_details WHERE extract_name = $1",
            [d.extractName]
        )
        let values = PostgresDetailsColumns.values(d)
        let placeholders = (1...values.count).map { "$\($0)" }.joined(separator: ", ")
        try connection.execute(
            "INSERT INTO \(s).config_extract_generation_details(\(PostgresDetailsColumns.list)) VALUES (\(placeholders))",
            values
        )
    }
}

/// PostgreSQL's text form of a boolean as a Swift `Bool`.
func bool(_ text: String?) -> Bool? { text.map { $0 == "t" || $0 == "true" } }
/// A `Bool` as a parameter.
func text(_ value: Bool?) -> String? { value.map { $0 ? "true" : "false" } }

/// The details table's columns in one order, shared by reads and writes.
enum PostgresDetailsColumns {
    static let names = ExtractDetailsRecord.columnNames
    static let list = names.joined(separator: ", ")

    static func record(_ r: [String?]) -> ExtractDetailsRecord {
        var d = ExtractDetailsRecord(extractName: r[0] ?? "")
        d.fileGenerationGroup = r[1]
        d.extractContainer = r[2]
        d.extractDirectory = r[3]
        d.extractFileName = r[4]
        d.extractFileNameTimestampFormat = r[5]
        d.extractFileNamePeriodEndDay = r[6].flatMap { Int64($0) }
        d.extractFileNameExtension = r[7]
        d.extractFileNameOrdering = r[8].flatMap { Int64($0) }
        d.filePropertiesColumnDelimiter = r[9]
        d.filePropertiesRowDelimiter = r[10]
        d.filePropertiesEncoding = r[11]
        d.filePropertiesQuoteCharacter = r[12]
        d.filePropertiesEscapeCharacter = r[13]
        d.filePropertiesHeader = bool(r[14])
        d.filePropertiesNullValue = r[15]
        d.filePropertiesMaxRowsPerFile = r[16].flatMap { Int64($0) }
        d.outputFormat = r[17]
        d.isTriggerFile = bool(r[18])
        d.triggerFileExtension = r[19]
        d.isCompressed = bool(r[20])
        d.compressedType = r[21]
        d.compressedLevel = r[22]
        d.compressedFileName = r[23]
        d.compressedExtension = r[24]
        d.sourceWorkspaceId = r[25]
        d.sourceDatastoreId = r[26]
        d.sourceDatastoreType = r[27]
        d.sourceSchemaName = r[28]
        d.targetWorkspaceId = r[29]
        d.targetDatastoreId = r[30]
        d.targetDatastoreType = r[31]
        d.targetFileRootPath = r[32]
        d.fabricLakehousePath = r[33]
        d.forceSingleFile = bool(r[34])
        d.createdDate = r[35]
        d.createdBy = r[36]
        d.modifiedDate = r[37]
        d.modifiedBy = r[38]
        return d
    }

    static func values(_ d: ExtractDetailsRecord) -> [String?] {
        func int(_ v: Int64?) -> String? { v.map { String($0) } }
        return [
            d.extractName, d.fileGenerationGroup, d.extractContainer, d.extractDirectory, d.extractFileName,
            d.extractFileNameTimestampFormat, int(d.extractFileNamePeriodEndDay), d.extractFileNameExtension,
            int(d.extractFileNameOrdering), d.filePropertiesColumnDelimiter, d.filePropertiesRowDelimiter,
            d.filePropertiesEncoding, d.filePropertiesQuoteCharacter, d.filePropertiesEscapeCharacter,
            text(d.filePropertiesHeader), d.filePropertiesNullValue, int(d.filePropertiesMaxRowsPerFile),
            d.outputFormat,
            text(d.isTriggerFile), d.triggerFileExtension, text(d.isCompressed), d.compressedType, d.compressedLevel,
            d.compressedFileName, d.compressedExtension, d.sourceWorkspaceId, d.sourceDatastoreId,
            d.sourceDatastoreType, d.sourceSchemaName, d.targetWorkspaceId, d.targetDatastoreId,
            d.targetDatastoreType, d.targetFileRootPath, d.fabricLakehousePath, text(d.forceSingleFile),
            d.createdDate ?? CivilDateTime.now().isoDate, d.createdBy ?? "system", d.modifiedDate, d.modifiedBy,
        ]
    }
}
