import ExtractCore

/// A PostgreSQL table, view, query, set-returning function or cursor-returning procedure as a
/// ``DataSource``.
///
/// Rows are read with `COPY (SELECT …) TO STDOUT (FORMAT binary)` and decoded straight into column
/// buffers (see ``PostgresTypeMapping`` for the types); a procedure's cursor is fetched in binary
/// format. Every reader opens its own connection(s); nothing is shared between readers.
///
/// ```swift
/// let source = try PostgresSource(url: "postgresql://extract@db:5432/warehouse", table: "dbo.orders", maxConnections: 4)
/// let reader = try source.makeReader()
/// while let batch = try reader.next() { … }
/// ```
///
/// **Parallel read.** With `maxConnections > 1` a table (or materialized view) is read over that
/// many connections inside one exported snapshot, each copying ranges of heap blocks; the result
/// is the same rows as a single-connection read, consistent as of one moment, in block order
/// (see ``ParallelCopyReader``). Views, queries, functions and procedures always use one connection,
/// and so does any table on servers older than PostgreSQL 14 (no TID range scans). When the server
/// refuses some of the extra connections (connection limits), the read uses the ones it got.
///
/// **Read-only.** Every connection of a read is read-only (``PostgresConnection/Access/readOnly``):
/// a query, function or procedure that would write fails and changes nothing.
///
/// **Validation.** With a ``validation`` procedure, `CALL validation(args…)` runs first on the
/// same connection; if it raises, ``makeReader()`` throws with the procedure's message and nothing
/// is read.
public struct PostgresSource: DataSource, RowCountEstimating, CustomStringConvertible, CustomReflectable {
    /// What to read.
    public enum Object: Sendable, Hashable {
        /// A table, view, materialized view or foreign table: `name` or `schema.name`.
        case table(String)
        /// A custom query (one SELECT, VALUES or WITH … SELECT statement).
        case query(String)
        /// A set-returning function: `SELECT * FROM schema.fn(args…)`.
        case function(PostgresRoutine)
        /// A procedure whose last parameter is `INOUT … refcursor`: `CALL schema.proc(args…, NULL)`
        /// inside a transaction, then the returned cursor is fetched to the end.
        case procedure(PostgresRoutine)
    }

    /// Where to connect (its description never shows the password).
    public let connectionString: PostgresConnectionString
    /// What to read.
    public let object: Object
    /// The number of connections a table read may use (1 = no parallel read).
    public var maxConnections: Int
    /// A procedure to `CALL` before reading; if it raises, the extract fails with its message.
    public var validation: PostgresRoutine?
    /// How `numeric` columns without precision and scale are extracted.
    public var unconstrainedNumeric: UnconstrainedNumericRule
    /// Rows per batch.
    public var batchRowCount: Int
    /// For ``Object/table(_:)``: a SQL boolean expression that selects the rows to read
    /// (`"updated_at" > '2024-01-01'`), applied inside the snapshot and to every block range of a
    /// parallel read. Written by the caller (the source resolver quotes identifiers and literals).
    public var rowFilter: String?
    /// The expected number of rows, for progress reports (`nil` when unknown).
    public var estimatedRowCount: Int64?
    /// The server cancels a statement of this read that runs longer (`nil`: the server's setting).
    public var statementTimeout: Duration?
    /// Whether a one-connection read runs on its own thread, a couple of batches ahead of the
    /// consumer (reading overlaps with writing; on by default). Parallel reads always do.
    public var prefetch = true

    /// A source for `object` over `connectionString`.
    public init(
        connectionString: PostgresConnectionString,
        object: Object,
        maxConnections: Int = 1,
        validation: PostgresRoutine? = nil,
        unconstrainedNumeric: UnconstrainedNumericRule = .default,
        batchRowCount: Int = ColumnBatch.defaultRowCount
    ) {
        self.connectionString = connectionString
        self.object = object
        self.maxConnections = max(1, maxConnections)
        self.validation = validation
        self.unconstrainedNumeric = unconstrainedNumeric
        self.batchRowCount = max(1, batchRowCount)
    }

    /// A table or view (`name` or `schema.name`) of the database at `url`
    /// (`postgresql://user@host:port/db` or libpq `key=value` pairs; `PG*` environment variables fill gaps).
    public init(url: String, table: String, maxConnections: Int = 1) throws {
        self.init(
            connectionString: try PostgresConnectionString(url),
            object: .table(table),
            maxConnections: maxConnections
        )
    }

    /// The rows of `query` in the database at `url`.
    public init(url: String, query: String, maxConnections: Int = 1) throws {
        self.init(
            connectionString: try PostgresConnectionString(url),
            object: .query(query),
            maxConnections: maxConnections
        )
    }

    /// `postgresql://user@host:port/db table dbo.orders` (no password).
    public var displayName: String {
        let what: String
        switch object {
        case .table(let name): what = "table \(name)"
        case .query: what = "query"
        case .function(let routine): what = "function \(routine.name)"
        case .procedure(let routine): what = "procedure \(routine.name)"
        }
        return "\(connectionString.redacted) \(what)"
    }

    /// `PostgresSource(` ``displayName`` `)`, without password.
    public var description: String { "PostgresSource(\(displayName))" }
    /// Shows the redacted connection, the object and the connection count to `dump` and debuggers.
    public var customMirror: Mirror {
        Mirror(
            self,
            children: ["connection": connectionString.redacted, "object": object, "maxConnections": maxConnections]
        )
    }

    /// The object name used in error context.
    var objectName: String {
        switch object {
        case .table(let name): return name
        case .query: return "query"
        case .function(let routine), .procedure(let routine): return routine.name
        }
    }

    /// Connects, runs the validation procedure, plans the read and starts it (throws before any row
    /// is read when the object is missing, the validation raises or the server is unreachable).
    public func makeReader() throws -> any BatchReader {
        let reader = try makeDirectReader()
        if prefetch && !(reader is ParallelCopyReader) { return PrefetchingBatchReader(reader) }
        return reader
    }

    /// The reader without prefetching (errors of connecting, validating and planning are thrown here).
    private func makeDirectReader() throws -> any BatchReader {
        let connection = try PostgresConnection(connectionString, access: .readOnly, statementTimeout: statementTimeout)
        if let validation { try runValidation(validation, on: connection) }
        switch object {
        case .procedure(let routine):
            return try CursorBatchReader(
                connection: connection,
                routine: routine,
                rule: unconstrainedNumeric,
                batchRowCount: batchRowCount
            )
        case .query(let sql):
            let plan = try ReadPlan.query(sql, object: "query", on: connection, rule: unconstrainedNumeric)
            return try CopyBatchReader(connection: connection, plan: plan, batchRowCount: batchRowCount)
        case .function(let routine):
            let sql = "SELECT * FROM " + (try routine.callExpression(on: connection))
            let plan = try ReadPlan.query(sql, object: routine.name, on: connection, rule: unconstrainedNumeric)
            return try CopyBatchReader(connection: connection, plan: plan, batchRowCount: batchRowCount)
        case .table(let name):
            guard maxConnections > 1 else {
                let plan = try ReadPlan.table(name, filter: rowFilter, on: connection, rule: unconstrainedNumeric)
                return try CopyBatchReader(connection: connection, plan: plan, batchRowCount: batchRowCount)
            }
            return try makeParallelReader(table: name, first: connection)
        }
    }

    /// `CALL validation(args…)`; its error becomes the extract's error.
    private func runValidation(_ routine: PostgresRoutine, on connection: PostgresConnection) throws {
        let call = "CALL " + (try routine.callExpression(on: connection))
        do {
            try connection.execute(call)
        } catch let error as ExtractError {
            throw ExtractError(
                error.code == .notFound ? .notFound : .source,
                "the pre-extract validation procedure \(routine.name) failed, so nothing was read: \(error.message)",
                context: .init(object: objectName)
            )
        }
    }

    private func makeParallelReader(table name: String, first: PostgresConnection) throws -> any BatchReader {
        try first.execute("BEGIN ISOLATION LEVEL REPEATABLE READ, READ ONLY")
        guard let snapshot = try first.execute("SELECT pg_export_snapshot()").first?[0] else {
            throw ExtractError(.source, "pg_export_snapshot() returned nothing", context: .init(object: name))
        }
        // Measured inside the snapshot's transaction, after it was taken: every row it sees lies in these blocks.
        let plan = try ReadPlan.table(name, filter: rowFilter, on: first, rule: unconstrainedNumeric)
        // Before PostgreSQL 14 a ctid range is not an index into the heap (no TID Range Scan):
        // every range would scan the whole table, so read it over one connection instead.
        guard let relation = plan.relation, relation.supportsPageRanges, first.serverVersion >= 140000 else {
            return try CopyBatchReader(connection: first, plan: plan, batchRowCount: batchRowCount)
        }
        var estimatedRows = relation.estimatedRows
        if estimatedRows <= 0 && relation.blocks > 0 {
            // Never analyzed: count the rows of the first blocks (a TID range scan of at most 64 blocks).
            let sample = min(relation.blocks, 64)
            if let counted = try first.execute(
                "SELECT count(*) FROM \(relation.quotedName) WHERE ctid < '(\(sample),0)'::tid"
            ).first?[0].flatMap({ Double($0) }) {
                estimatedRows = counted * Double(relation.blocks) / Double(sample)
            }
        }
        let ranges = BlockRange.split(
            blocks: relation.blocks,
            estimatedRows: estimatedRows,
            batchRowCount: batchRowCount,
            workers: maxConnections
        )
        let workers = min(maxConnections, ranges.count)
        var connections = [first]
        let importSnapshot =
            "BEGIN ISOLATION LEVEL REPEATABLE READ, READ ONLY; SET TRANSACTION SNAPSHOT "
            + (try first.quoteLiteral(snapshot))
        for _ in 1..<max(workers, 1) {
            // A server at its connection limit (or a role limit) gets fewer workers, not a failed extract:
            // the first connection already proved that the server is reachable.
            guard
                let connection = try? PostgresConnection(
                    connectionString,
                    access: .readOnly,
                    statementTimeout: statementTimeout
                )
            else { break }
            try connection.execute(importSnapshot)
            connections.append(connection)
        }
        return ParallelCopyReader(connections: connections, plan: plan, ranges: ranges, batchRowCount: batchRowCount)
    }
}
