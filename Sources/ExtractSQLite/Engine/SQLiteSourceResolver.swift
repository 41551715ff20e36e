import ExtractCore

/// Resolves job sources on SQLite: the store's own database (datastore NULL) or a registered
/// `sqlite` datastore. Tables and views are read by name, custom SQL as given; identifiers are
/// quoted, never pasted. Incremental windows become `WHERE col > <last watermark> AND
/// col <= <max now>` (or `col >= <days-back date>` on a first run), with the values written as
/// SQL literals of their own storage class, so the comparison is SQLite's own.
///
/// Rows whose incremental column is NULL are never part of an incremental window.
public struct SQLiteSourceResolver: SourceResolver {
    /// The store file (the default datastore).
    public let storePath: String
    /// Registered datastores by id.
    public let datastores: [String: DatastoreRecord]
    /// How sources read (batch size, mismatch policy).
    public var options: SQLiteSource.Options

    public init(storePath: String, datastores: [DatastoreRecord], options: SQLiteSource.Options = .init()) {
        self.storePath = storePath
        self.datastores = Dictionary(datastores.map { ($0.id, $0) }, uniquingKeysWith: { a, _ in a })
        self.options = options
    }

    public func resolve(_ request: SourceRequest) async throws -> ResolvedSource {
        if let validation = request.validation {
            throw ExtractError(
                .unsupported,
                "SQLite has no stored procedures, so the validation procedure cannot run; clear validation_table_sp_name or read from a PostgreSQL datastore",
                context: .init(
                    job: request.extractName,
                    object: validation.displayName,
                    column: "validation_table_sp_name"
                )
            )
        }
        let path = try databasePath(request)
        let fromClause: String
        var object: SQLiteSource.Object
        switch request.source {
        case .procedure(let schema, let name):
            throw ExtractError(
                .unsupported,
                "SQLite has no stored procedures; use extract_sql or a view instead",
                context: .init(
                    job: request.extractName,
                    object: SQLiteIdentifier(schema: schema, name: name).description
                )
            )
        case .table(let schema, let name), .view(let schema, let name):
            object = .table(schema: schema, name: name)
            fromClause = SQLiteIdentifier.quote(schema: schema, name: name)
        case .sql(let text):
            object = .query(text)
            var body = text
            while let last = body.last, last == ";" || last.isWhitespace { body.removeLast() }
            fromClause = "(" + body + ")"
        }
        let connection = try SQLiteConnection(
            path: path,
            mode: .readOnly,
            busyTimeoutMilliseconds: options.busyTimeoutMilliseconds
        )
        for attachment in options.attachments { try connection.attach(path: attachment.path, as: attachment.schema) }
        if case .table(let schema, let name) = object {
            // A clear "not found" (with similar names) before anything else.
            _ = try SQLiteCatalog.resolve(
                connection,
                schema: schema,
                name: name,
                objectName: SQLiteIdentifier(schema: schema, name: name).description
            )
        }
        var upper: Watermark? = nil
        var whereClause: String? = nil
        if let window = request.incremental {
            let column = SQLiteIdentifier.quoteName(window.column)
            var lower: [String] = []
            if window.filters {
                if let after = window.after { lower.append("\(column) > \(literal(after))") }
                if let since = window.since { lower.append("\(column) >= \(SQLiteIdentifier.quoteLiteral(since))") }
            }
            let lowerSQL = lower.isEmpty ? "" : " WHERE " + lower.joined(separator: " AND ")
            // SQLite reads a double-quoted name that matches no column as a string literal, so
            // check the column against the source's real columns first.
            let probe = try connection.prepare("SELECT * FROM \(fromClause) LIMIT 0")
            let names = (0..<probe.columnCount).map { probe.columnName($0).lowercased() }
            probe.close()
            guard names.contains(window.column.lowercased()) else {
                throw ExtractError(
                    .notFound,
                    "the incremental column does not exist in the source (columns: \(names.joined(separator: ", "))); check incremental_column",
                    context: .init(job: request.extractName, object: object.description, column: window.column)
                )
            }
            let statement = try connection.prepare("SELECT MAX(\(column)) FROM \(fromClause)\(lowerSQL)")
            if try statement.step() {
                switch statement.valueType(at: 0) {
                case .integer: upper = .integer(statement.int64(at: 0))
                case .real: upper = .real(statement.double(at: 0))
                case .null: upper = nil
                default: upper = .text(statement.string(at: 0) ?? "")
                }
            }
            statement.close()
            if window.filters {
                var conditions = lower
                if let upper { conditions.append("\(column) <= \(literal(upper))") } else { conditions = ["0"] }
                whereClause = conditions.joined(separator: " AND ")
            }
        }
        if let whereClause {
            object = .query("SELECT * FROM \(fromClause) WHERE \(whereClause)")
        }
        var estimate: Int64? = nil
        if case .table = request.source {
            let countSQL =
                whereClause == nil
                ? "SELECT MAX(_rowid_) FROM \(fromClause)"
                : "SELECT COUNT(*) FROM \(fromClause) WHERE \(whereClause!)"
            if let s = try? connection.prepare(countSQL), (try? s.step()) == true, !s.isNull(at: 0) {
                estimate = s.int64(at: 0)
                s.close()
            }
        }
        connection.close()
        let source = SQLiteSource(path: path, object: object, options: options)
        return ResolvedSource(source: EstimatedSource(base: source, estimatedRowCount: estimate), upperWatermark: upper)
    }

    /// Checks that `request`'s source can be read without reading it: the datastore, the table or
    /// view, the SQL (prepared, not run) and the incremental column. Returns the problem, if any.
    public func check(_ request: SourceRequest) -> ExtractError? {
        do {
            let path = try databasePath(request)
            let from: String
            switch request.source {
            case .procedure(let schema, let name):
                return ExtractError(
                    .unsupported,
                    "SQLite has no stored procedures; use extract_sql or a view instead",
                    context: .init(
                        job: request.extractName,
                        object: SQLiteIdentifier(schema: schema, name: name).description
                    )
                )
            case .table(let schema, let name), .view(let schema, let name):
                from = SQLiteIdentifier.quote(schema: schema, name: name)
            case .sql(let text):
                var body = text
                while let last = body.last, last == ";" || last.isWhitespace { body.removeLast() }
                from = "(" + body + ")"
            }
            let connection = try SQLiteConnection(
                path: path,
                mode: .readOnly,
                busyTimeoutMilliseconds: options.busyTimeoutMilliseconds
            )
            defer { connection.close() }
            for attachment in options.attachments {
                try connection.attach(path: attachment.path, as: attachment.schema)
            }
            if case .table(let schema, let name) = request.source {
                _ = try SQLiteCatalog.resolve(
                    connection,
                    schema: schema,
                    name: name,
                    objectName: SQLiteIdentifier(schema: schema, name: name).description
                )
            } else if case .view(let schema, let name) = request.source {
                _ = try SQLiteCatalog.resolve(
                    connection,
                    schema: schema,
                    name: name,
                    objectName: SQLiteIdentifier(schema: schema, name: name).description
                )
            }
            let probe = try connection.prepare("SELECT * FROM \(from) LIMIT 0")
            let names = (0..<probe.columnCount).map { probe.columnName($0).lowercased() }
            probe.close()
            if let column = request.incremental?.column, !names.contains(column.lowercased()) {
                return ExtractError(
                    .notFound,
                    "the incremental column does not exist in the source (columns: \(names.joined(separator: ", "))); check incremental_column",
                    context: .init(job: request.extractName, column: column)
                )
            }
            return nil
        } catch let e as ExtractError {
            return e.inJob(request.extractName)
        } catch {
            return ExtractError(.source, "\(error)", context: .init(job: request.extractName))
        }
    }

    func databasePath(_ request: SourceRequest) throws -> String {
        guard let id = request.datastoreId else { return storePath }
        guard let store = datastores[id] else {
            throw ExtractError(
                .notFound,
                "datastore is not registered",
                context: .init(job: request.extractName, value: id)
            )
        }
        guard store.kind.lowercased() == "sqlite" else {
            throw ExtractError(
                .unsupported,
                "datastore type \(store.kind) is not supported by this build; use a sqlite datastore",
                context: .init(job: request.extractName, value: id)
            )
        }
        return store.location
    }

    func literal(_ w: Watermark) -> String {
        switch w {
        case .integer(let v): return String(v)
        case .real(let v): return "\(v)"
        case .text(let v): return SQLiteIdentifier.quoteLiteral(v)
        }
    }
}

/// A data source with a row-count estimate for progress reporting.
struct EstimatedSource: DataSource, RowCountEstimating {
    let base: SQLiteSource
    let estimatedRowCount: Int64?
    var displayName: String { base.displayName }
    func makeReader() throws -> any BatchReader { try base.makeReader() }
}
