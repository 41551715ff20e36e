import ExtractCore

/// Resolves job sources on PostgreSQL: a registered `postgresql` datastore (its location is a
/// connection string) or, when a job names no datastore, ``defaultConnection`` (the store's own
/// database when the config store is PostgreSQL).
///
/// - Tables and views are read by quoted name; tables (and materialized views) over
///   ``maxConnections`` connections inside one snapshot.
/// - Custom SQL is read as given.
/// - A `PROCEDURE` source names either a set-returning function (`SELECT * FROM schema.fn()`) or a
///   procedure whose last parameter is `INOUT … refcursor` (see ``PostgresSource/Object/procedure(_:)``):
///   the catalog (`pg_proc.prokind`) decides.
/// - Every connection is read-only (``PostgresConnection/Access/readOnly``): a job whose SQL,
///   function or procedure writes fails and the source is unchanged. A procedure that must fill a
///   staging table cannot be a source; run it before the extract and extract the table.
/// - A job's validation procedure (`validation_table_sp_name`) becomes ``PostgresSource/validation``:
///   it is `CALL`ed before the read, and if it raises, the extract fails with its message.
/// - Incremental windows become `col > <last watermark> AND col <= <max now>` (or
///   `col >= <days-back date>` on a first run). The maximum is computed first; the literals are
///   untyped SQL strings, which PostgreSQL converts to the column's own type, so comparisons are
///   exact for integers, numerics, dates, timestamps and text. Integer columns give `integer`
///   watermarks, `real`/`double precision` give `real`, every other type `text` (its canonical
///   output with the session pinned to ISO dates and UTC). Rows whose incremental column is NULL
///   are never part of a window.
public struct PostgresSourceResolver: SourceResolver {
    /// Registered datastores by id (kinds `postgresql`, `postgres` or `pg`).
    public let datastores: [String: DatastoreRecord]
    /// Where jobs without a datastore read, if anywhere.
    public var defaultConnection: PostgresConnectionString?
    /// Connections a table read may use (`--max-connections`).
    public var maxConnections: Int
    /// How plain `numeric` columns are extracted.
    public var unconstrainedNumeric: UnconstrainedNumericRule
    /// The server cancels a statement of a read (or of its watermark query) that runs longer.
    public var statementTimeout: Duration?

    /// The datastore kinds this resolver serves.
    public static let kinds: Set<String> = ["postgresql", "postgres", "pg"]

    /// A resolver for `datastores` (others are ignored), reading jobs without a datastore from
    /// `defaultConnection`, tables over up to `maxConnections` connections.
    public init(
        datastores: [DatastoreRecord],
        defaultConnection: PostgresConnectionString? = nil,
        maxConnections: Int = 1,
        unconstrainedNumeric: UnconstrainedNumericRule = .default
    ) {
        self.datastores = Dictionary(datastores.map { ($0.id, $0) }, uniquingKeysWith: { a, _ in a })
        self.defaultConnection = defaultConnection
        self.maxConnections = max(1, maxConnections)
        self.unconstrainedNumeric = unconstrainedNumeric
    }

    /// Whether `request` reads from a PostgreSQL datastore this resolver knows (for a resolver that
    /// dispatches between SQLite and PostgreSQL by datastore).
    public func handles(_ request: SourceRequest) -> Bool {
        guard let id = request.datastoreId else { return defaultConnection != nil }
        guard let store = datastores[id] else { return false }
        return Self.kinds.contains(store.kind.lowercased())
    }

    /// The ``PostgresSource`` for `request`, with its incremental window applied and the new upper watermark.
    public func resolve(_ request: SourceRequest) async throws -> ResolvedSource {
        let job = request.extractName
        do {
            return try resolveBlocking(request)
        } catch var error as ExtractError {
            if error.context.job == nil { error.context.job = job }
            throw error
        }
    }

    private func resolveBlocking(_ request: SourceRequest) throws -> ResolvedSource {
        let connectionString = try self.connectionString(for: request)
        // Read-only: the watermark query runs the job's own SQL (`SELECT max(col) FROM (extract_sql)`).
        let connection = try PostgresConnection(connectionString, access: .readOnly, statementTimeout: statementTimeout)
        defer { connection.close() }
        let displayName = request.source.displayName

        var object: PostgresSource.Object
        var fromClause: String
        switch request.source {
        case .table(let schema, let name), .view(let schema, let name):
            let reference = Self.reference(schema: schema, name: name)
            object = .table(reference)
            fromClause = try PostgresObjectName(parsing: reference).quoted(on: connection)
            // A clear "not found" before anything else.
            _ = try ReadPlan.table(reference, on: connection, rule: unconstrainedNumeric)
        case .sql(let text):
            var body = Substring(text)
            while let last = body.last, last == ";" || last.isWhitespace { body.removeLast() }
            object = .query(String(body))
            fromClause = "(\(body)) AS source_query"
        case .procedure(let schema, let name):
            if request.incremental != nil {
                throw ExtractError(
                    .unsupported,
                    "incremental extracts cannot filter a procedure's result; use a set-returning function in extract_sql (SELECT * FROM fn(...) WHERE ...) or a full load",
                    context: .init(object: displayName)
                )
            }
            let routine = PostgresRoutine(Self.reference(schema: schema, name: name))
            switch try routineKind(schema: schema, name: name, on: connection) {
            case "p": object = .procedure(routine)
            default: object = .function(routine)
            }
            var source = PostgresSource(
                connectionString: connectionString,
                object: object,
                maxConnections: 1,
                unconstrainedNumeric: unconstrainedNumeric
            )
            source.estimatedRowCount = nil
            source.statementTimeout = statementTimeout
            source.validation = validation(request)
            return ResolvedSource(source: source, upperWatermark: nil)
        }

        var upper: Watermark? = nil
        var filter: String? = nil
        if let window = request.incremental {
            let column = try connection.quoteIdentifier(window.column)
            var lower: [String] = []
            if window.filters {
                if let after = window.after { lower.append("\(column) > \(try literal(after, on: connection))") }
                if let since = window.since { lower.append("\(column) >= \(try connection.quoteLiteral(since))") }
            }
            let whereLower = lower.isEmpty ? "" : " WHERE " + lower.joined(separator: " AND ")
            let rows: [[String?]]
            do {
                rows = try connection.execute(
                    "SELECT max(\(column))::text, pg_typeof(max(\(column)))::text FROM \(fromClause)\(whereLower)"
                )
            } catch let error as ExtractError where error.message.contains("42703") {
                throw ExtractError(
                    .notFound,
                    "the incremental column does not exist in the source; check incremental_column",
                    context: .init(object: displayName, column: window.column)
                )
            }
            if let row = rows.first, let text = row[0] {
                switch row[1] ?? "" {
                case "smallint", "integer", "bigint":
                    upper = Int64(text).map(Watermark.integer) ?? .text(text)
                case "real", "double precision":
                    upper = Double(text).map(Watermark.real) ?? .text(text)
                default:
                    upper = .text(text)
                }
            }
            if window.filters {
                var conditions = lower
                if let upper {
                    conditions.append("\(column) <= \(try literal(upper, on: connection))")
                } else {
                    conditions = ["false"]
                }
                filter = conditions.joined(separator: " AND ")
            }
        }

        var source = PostgresSource(
            connectionString: connectionString,
            object: object,
            maxConnections: maxConnections,
            unconstrainedNumeric: unconstrainedNumeric
        )
        switch object {
        case .table:
            source.rowFilter = filter
            if filter == nil {
                let estimate = try? connection.execute(
                    "SELECT reltuples::bigint FROM pg_class WHERE oid = to_regclass(\(try connection.quoteLiteral(fromClause)))"
                )
                source.estimatedRowCount = estimate?.first?[0].flatMap { Int64($0) }.flatMap { $0 >= 0 ? $0 : nil }
            }
        case .query(let body):
            if let filter {
                source = PostgresSource(
                    connectionString: connectionString,
                    object: .query("SELECT * FROM (\(body)) AS source_query WHERE \(filter)"),
                    maxConnections: 1,
                    unconstrainedNumeric: unconstrainedNumeric
                )
            }
        default:
            break
        }
        source.validation = validation(request)
        source.statementTimeout = statementTimeout
        return ResolvedSource(source: source, upperWatermark: upper)
    }

    /// The job's validation procedure as a ``PostgresRoutine`` (called before the read).
    func validation(_ request: SourceRequest) -> PostgresRoutine? {
        request.validation.map { PostgresRoutine(Self.reference(schema: $0.schema, name: $0.name)) }
    }

    func connectionString(for request: SourceRequest) throws -> PostgresConnectionString {
        guard let id = request.datastoreId else {
            guard let defaultConnection else {
                throw ExtractError(
                    .invalidConfiguration,
                    "the extract names no source datastore and the config store is not PostgreSQL; set source_datastore_id"
                )
            }
            return defaultConnection
        }
        guard let store = datastores[id] else {
            throw ExtractError(.notFound, "datastore is not registered", context: .init(value: id))
        }
        guard Self.kinds.contains(store.kind.lowercased()) else {
            throw ExtractError(
                .unsupported,
                "datastore \(id) is of type \(store.kind), not postgresql",
                context: .init(value: id)
            )
        }
        return try PostgresConnectionString(store.location)
    }

    /// `"schema"."name"` in the spelling ``PostgresObjectName`` parses (each part quoted, so dots
    /// and quotes inside names survive).
    static func reference(schema: String?, name: String) -> String {
        func quote(_ part: String) -> String { "\"" + part.replacingAll("\"", with: "\"\"") + "\"" }
        return (schema.map { quote($0) + "." } ?? "") + quote(name)
    }

    /// `p` for a procedure, `f` for a function (others are refused).
    func routineKind(schema: String?, name: String, on connection: PostgresConnection) throws -> String {
        let nameLiteral = try connection.quoteLiteral(name)
        let schemaCondition =
            try schema.map { "n.nspname = \(try connection.quoteLiteral($0))" } ?? "pg_function_is_visible(p.oid)"
        let kinds = try connection.execute(
            """
            SELECT DISTINCT p.prokind::text FROM pg_proc p JOIN pg_namespace n ON n.oid = p.pronamespace
            WHERE p.proname = \(nameLiteral) AND \(schemaCondition)
            """
        ).compactMap { $0[0] }
        let display = (schema.map { $0 + "." } ?? "") + name
        if kinds.contains("p") { return "p" }
        if kinds.contains("f") { return "f" }
        throw ExtractError(
            .notFound,
            "no procedure or set-returning function named \(display) exists (or it is not visible to this user); check source_schema and the exact, case-sensitive name",
            context: .init(object: display)
        )
    }

    func literal(_ watermark: Watermark, on connection: PostgresConnection) throws -> String {
        switch watermark {
        case .integer(let v): return String(v)
        case .real(let v): return try connection.quoteLiteral("\(v)")
        case .text(let v): return try connection.quoteLiteral(v)
        }
    }
}

extension PostgresSourceResolver: CustomStringConvertible, CustomReflectable {
    /// The datastore ids and the default connection without passwords (datastore locations are
    /// connection strings and may hold one).
    public var description: String {
        "PostgresSourceResolver(datastores: \(datastores.keys.sorted()), default: \(defaultConnection?.redacted ?? "none"), maxConnections: \(maxConnections))"
    }

    /// Shows only ``description`` to `dump` and debuggers.
    public var customMirror: Mirror { Mirror(self, children: ["description": description]) }
}
