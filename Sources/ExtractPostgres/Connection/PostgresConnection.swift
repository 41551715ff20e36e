import CExtractLibPQ
import ExtractCore
#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// One open libpq connection, confined to the thread or task that uses it (not `Sendable`).
///
/// The session is pinned right after connecting so that every value reads the same whatever the
/// server's or the role's defaults: `client_encoding UTF8`, `DateStyle ISO`, `TimeZone UTC`,
/// `extra_float_digits 3`. The connection is closed on ``close()`` or deinit.
///
/// A connection opened with ``Access/readOnly`` (every source read, catalog query and validation
/// call) also sets `default_transaction_read_only`, so every statement on it runs in a read-only
/// transaction: `DELETE … RETURNING`, a data-modifying `WITH` and a procedure that writes fail with
/// SQLSTATE 25006 and change nothing.
///
/// Messages never contain the password: descriptions use ``PostgresConnectionString/redacted``
/// and server messages are scrubbed of the password before they become an ``ExtractError``.
public final class PostgresConnection {
    private var handle: OpaquePointer?
    /// Where this connection goes, without password: `postgresql://user@host:port/db`.
    public let redactedDescription: String
    private let secrets: [String]

    /// The application name the server shows in `pg_stat_activity` unless the connection string
    /// sets `application_name` itself.
    public static let defaultApplicationName = "swift-extract"

    /// What a session may do.
    public enum Access: Sendable, Hashable {
        /// Every transaction is `READ ONLY` (sources).
        case readOnly
        /// The server's default (config stores and run logs, which write).
        case readWrite
    }

    /// Opens a connection (blocking) and pins the session.
    /// - Parameters:
    ///   - access: ``Access/readOnly`` for anything that reads a source.
    ///   - statementTimeout: the server cancels a statement that runs longer (`statement_timeout`);
    ///     `nil` keeps the server's or the role's setting.
    /// - Throws: `source` when the server cannot be reached or refuses the login.
    public init(
        _ connectionString: PostgresConnectionString,
        access: Access = .readWrite,
        statementTimeout: Duration? = nil
    ) throws {
        var secrets = connectionString.password.map { [$0] } ?? []
        // Defaults come first so that the connection string (expanded from `dbname`) overrides them:
        // TCP keepalives notice a server that vanished without closing the socket (about 60 s),
        // so a read never hangs forever; a connect timeout unless PGCONNECT_TIMEOUT says otherwise.
        var keywords = ["keepalives", "keepalives_idle", "keepalives_interval", "keepalives_count"]
        var values = ["1", "30", "10", "3"]
        if getenv("PGCONNECT_TIMEOUT") == nil {
            keywords.append("connect_timeout")
            values.append("30")
        }
        keywords += ["dbname", "fallback_application_name"]
        values += [connectionString.raw, Self.defaultApplicationName]
        let connection = withCStringArray(keywords) { keywordPointers in
            withCStringArray(values) { valuePointers in
                PQconnectdbParams(keywordPointers, valuePointers, 1)
            }
        }
        guard let connection else {
            throw ExtractError(.source, "cannot connect to PostgreSQL at \(connectionString.redacted): out of memory")
        }
        if let pass = PQpass(connection) {
            let text = String(cString: pass)
            if !text.isEmpty { secrets.append(text) }
        }
        self.secrets = secrets
        guard PQstatus(connection) == CONNECTION_OK else {
            let message = PostgresConnectionString.scrub(
                String(cString: PQerrorMessage(connection)).trimmingWhitespace(),
                secrets: secrets
            )
            PQfinish(connection)
            throw ExtractError(
                .source,
                "cannot connect to PostgreSQL at \(connectionString.redacted): \(message); check host, port, database, user and the server's pg_hba.conf"
            )
        }
        handle = connection
        // What libpq actually used (environment variables included), for messages.
        var text = "postgresql://"
        if let user = PQuser(connection) { text += String(cString: user) + "@" }
        if let host = PQhost(connection) { text += String(cString: host) }
        if let port = PQport(connection) { text += ":" + String(cString: port) }
        if let db = PQdb(connection) { text += "/" + String(cString: db) }
        redactedDescription = text
        var session =
            "SET client_encoding TO 'UTF8'; SET DateStyle TO 'ISO, YMD'; SET TimeZone TO 'UTC'; SET extra_float_digits TO 3"
        if access == .readOnly { session += "; SET default_transaction_read_only TO on" }
        if let statementTimeout {
            let (seconds, attoseconds) = statementTimeout.components
            let milliseconds = max(1, seconds * 1000 + attoseconds / 1_000_000_000_000_000)
            session += "; SET statement_timeout TO \(milliseconds)"
        }
        try execute(session)
        guard let integerTimes = PQparameterStatus(connection, "integer_datetimes"),
            String(cString: integerTimes) == "on"
        else {
            throw ExtractError(
                .unsupported,
                "the PostgreSQL server at \(redactedDescription) stores dates as floating point (integer_datetimes off), which is not supported"
            )
        }
    }

    deinit { if let handle { PQfinish(handle) } }

    /// Closes the connection now (idempotent). Any COPY or transaction in progress is abandoned.
    public func close() {
        if let handle { PQfinish(handle) }
        handle = nil
    }

    /// The server's version as an integer (`150018` for 15.18).
    public var serverVersion: Int { handle.map { Int(PQserverVersion($0)) } ?? 0 }

    /// The server process id of this connection (`pg_backend_pid()`).
    public var backendPID: Int32 { handle.map { PQbackendPID($0) } ?? 0 }

    /// The live handle, or a `source` error when the connection was closed.
    func live() throws -> OpaquePointer {
        guard let handle else {
            throw ExtractError(.source, "the PostgreSQL connection to \(redactedDescription) is closed")
        }
        return handle
    }

    // MARK: - Statements

    /// Runs `sql` (one or more statements, no parameters) and returns the rows of the last one as
    /// text. For small control queries, never for data.
    @discardableResult
    public func execute(_ sql: String) throws -> [[String?]] {
        let handle = try live()
        let result = PQexec(handle, sql)
        defer { PQclear(result) }
        try check(result, [PGRES_COMMAND_OK, PGRES_TUPLES_OK], doing: "running a statement")
        return Self.textRows(result!)
    }

    /// The rows of a result as text (NULL as `nil`).
    static func textRows(_ result: OpaquePointer) -> [[String?]] {
        let rows = Int(PQntuples(result))
        let columns = Int(PQnfields(result))
        var out: [[String?]] = []
        out.reserveCapacity(rows)
        for row in 0..<rows {
            var values: [String?] = []
            for column in 0..<columns {
                if PQgetisnull(result, Int32(row), Int32(column)) != 0 {
                    values.append(nil)
                } else {
                    values.append(String(cString: PQgetvalue(result, Int32(row), Int32(column))))
                }
            }
            out.append(values)
        }
        return out
    }

    /// `name` as a quoted SQL identifier (`PQescapeIdentifier`): `Orders` → `"Orders"`.
    public func quoteIdentifier(_ name: String) throws -> String {
        let handle = try live()
        let count = name.utf8.count
        guard let quoted = PQescapeIdentifier(handle, name, count) else {
            throw ExtractError(.invalidArgument, "cannot quote the identifier \(name): \(lastError())")
        }
        defer { PQfreemem(quoted) }
        return String(cString: quoted)
    }

    /// `value` as a quoted SQL literal (`PQescapeLiteral`): `O'Brien` → `'O''Brien'`.
    public func quoteLiteral(_ value: String) throws -> String {
        let handle = try live()
        let count = value.utf8.count
        guard let quoted = PQescapeLiteral(handle, value, count) else {
            throw ExtractError(.invalidArgument, "cannot quote the literal value: \(lastError())")
        }
        defer { PQfreemem(quoted) }
        return String(cString: quoted)
    }

    // MARK: - Describing

    /// One output column as the server describes it.
    struct ColumnDescription {
        var name: String
        var typeOID: UInt32
        var typeModifier: Int32
        /// The table the column comes from (0 when it is computed) and its attribute number.
        var tableOID: UInt32
        var tableColumn: Int32
    }

    /// The output columns of `sql`, from `PQprepare` + `PQdescribePrepared` of the unnamed
    /// statement (nothing is executed).
    func describe(query sql: String) throws -> [ColumnDescription] {
        let handle = try live()
        let prepared = PQprepare(handle, "", sql, 0, nil)
        defer { PQclear(prepared) }
        try check(prepared, [PGRES_COMMAND_OK], doing: "preparing the query")
        let described = PQdescribePrepared(handle, "")
        defer { PQclear(described) }
        try check(described, [PGRES_COMMAND_OK], doing: "describing the query")
        return Self.columns(of: described!)
    }

    /// The output columns of the open cursor (portal) `name`.
    func describe(portal name: String) throws -> [ColumnDescription] {
        let handle = try live()
        let described = PQdescribePortal(handle, name)
        defer { PQclear(described) }
        try check(described, [PGRES_COMMAND_OK], doing: "describing cursor \(name)")
        return Self.columns(of: described!)
    }

    static func columns(of result: OpaquePointer) -> [ColumnDescription] {
        (0..<PQnfields(result)).map { i in
            ColumnDescription(
                name: String(cString: PQfname(result, i)),
                typeOID: PQftype(result, i),
                typeModifier: PQfmod(result, i),
                tableOID: PQftable(result, i),
                tableColumn: PQftablecol(result, i)
            )
        }
    }

    // MARK: - Fetching in binary

    /// Runs `sql` with every result column in binary format and hands the result to `body`.
    func withBinaryResult<R>(_ sql: String, _ body: (OpaquePointer) throws -> R) throws -> R {
        let handle = try live()
        let result = PQexecParams(handle, sql, 0, nil, nil, nil, nil, 1)
        defer { PQclear(result) }
        try check(result, [PGRES_TUPLES_OK], doing: "fetching rows")
        return try body(result!)
    }

    // MARK: - COPY TO STDOUT

    /// Starts `COPY … TO STDOUT`; then call ``readCopyData(_:)`` until it returns `false`.
    func startCopyOut(_ sql: String) throws {
        let handle = try live()
        let result = PQexec(handle, sql)
        defer { PQclear(result) }
        try check(result, [PGRES_COPY_OUT], doing: "starting COPY")
    }

    /// Waits for the next COPY data message and passes its bytes to `body` (valid only during the
    /// call). Returns `false` after the last message, once the COPY has ended successfully.
    func readCopyData(_ body: (UnsafeRawBufferPointer) throws -> Void) throws -> Bool {
        let handle = try live()
        var buffer: UnsafeMutablePointer<CChar>? = nil
        let length = PQgetCopyData(handle, &buffer, 0)
        if length > 0, let buffer {
            defer { PQfreemem(buffer) }
            try body(UnsafeRawBufferPointer(start: buffer, count: Int(length)))
            return true
        }
        if length == -1 {
            // The COPY is done: its final status says whether it succeeded.
            var failure: ExtractError? = nil
            while let result = PQgetResult(handle) {
                if failure == nil {
                    do { try check(result, [PGRES_COMMAND_OK], doing: "reading COPY data") } catch let error
                        as ExtractError
                    { failure = error }
                }
                PQclear(result)
            }
            if let failure { throw failure }
            return false
        }
        // -2: the connection failed or the server ended the COPY with an error.
        var message = lastError()
        if let result = PQgetResult(handle) {
            if let primary = PQresultErrorMessage(result), primary.pointee != 0 {
                message = scrub(String(cString: primary).trimmingWhitespace())
            }
            PQclear(result)
        }
        throw ExtractError(.source, "reading COPY data from \(redactedDescription) failed: \(message)")
    }

    // MARK: - Errors

    /// The connection's last error message, trimmed and scrubbed of the password.
    func lastError() -> String {
        guard let handle else { return "connection closed" }
        let text = String(cString: PQerrorMessage(handle)).trimmingWhitespace()
        return scrub(text.isEmpty ? "unknown error" : text)
    }

    /// `text` without the password and on one line (libpq continues messages with "\n\t").
    func scrub(_ text: String) -> String { PostgresConnectionString.scrub(text, secrets: secrets) }

    /// Throws when `result` is missing or its status is not one of `expected`: the server's message,
    /// SQLSTATE, detail and hint become an ``ExtractError`` (`notFound` for undefined objects).
    func check(_ result: OpaquePointer?, _ expected: [ExecStatusType], doing what: String) throws {
        guard let result else {
            throw ExtractError(.source, "\(what) on \(redactedDescription) failed: \(lastError())")
        }
        let status = PQresultStatus(result)
        if expected.contains(status) { return }
        throw error(from: result, doing: what)
    }

    /// The ``ExtractError`` for a failed result.
    func error(from result: OpaquePointer, doing what: String) -> ExtractError {
        let primary = field(result, "M") ?? lastError()
        let state = field(result, "C")
        var message = "\(what) on \(redactedDescription) failed: \(primary)"
        if let state { message += " (SQLSTATE \(state))" }
        if let detail = field(result, "D") { message += "; detail: \(detail)" }
        if let hint = field(result, "H") { message += "; hint: \(hint)" }
        let notFound: Set<String> = ["42P01", "42883", "3F000", "42703", "3D000", "34000", "42704"]
        let code: ExtractError.Code = state.map { notFound.contains($0) } == true ? .notFound : .source
        return ExtractError(code, message)
    }

    /// The primary message the server sent with a failed result (`PG_DIAG_MESSAGE_PRIMARY`).
    func primaryMessage(_ result: OpaquePointer) -> String? { field(result, "M") }

    private func field(_ result: OpaquePointer, _ code: Unicode.Scalar) -> String? {
        guard let value = PQresultErrorField(result, Int32(code.value)) else { return nil }
        let text = String(cString: value)
        return text.isEmpty ? nil : scrub(text)
    }
}

/// Calls `body` with a NULL-terminated array of C strings that live for the call.
func withCStringArray<R>(_ strings: [String], _ body: (UnsafePointer<UnsafePointer<CChar>?>) -> R) -> R {
    let duplicated = strings.map { strdup($0) }
    defer { duplicated.forEach { free($0) } }
    var pointers: [UnsafePointer<CChar>?] = duplicated.map { UnsafePointer($0) }
    pointers.append(nil)
    return pointers.withUnsafeBufferPointer { body($0.baseAddress!) }
}

extension PostgresConnection {
    /// Runs one statement and returns its column descriptions and rows as text (for `CALL`, whose
    /// output parameters come back as a one-row result).
    func executeDescribed(_ sql: String, object: String) throws -> ([ColumnDescription], [[String?]]) {
        let handle = try live()
        let result = PQexec(handle, sql)
        defer { PQclear(result) }
        do {
            try check(result, [PGRES_COMMAND_OK, PGRES_TUPLES_OK], doing: "running \(sql.prefix(60))")
        } catch var error as ExtractError {
            if error.context.object == nil { error.context.object = object }
            throw error
        }
        return (Self.columns(of: result!), Self.textRows(result!))
    }
}

extension PostgresConnection {
    /// Runs one statement with `$1…$n` parameters (sent as text, NULL for `nil`, converted by the
    /// server to the parameter's type) and returns the rows as text.
    @discardableResult
    public func execute(_ sql: String, _ parameters: [String?]) throws -> [[String?]] {
        let handle = try live()
        let copies = parameters.map { $0.map { strdup($0) } ?? nil }
        defer { copies.forEach { free($0) } }
        let pointers: [UnsafePointer<CChar>?] = copies.map { $0.map { UnsafePointer($0) } }
        let result = pointers.withUnsafeBufferPointer { buffer in
            PQexecParams(handle, sql, Int32(parameters.count), nil, buffer.baseAddress, nil, nil, 0)
        }
        defer { PQclear(result) }
        try check(result, [PGRES_COMMAND_OK, PGRES_TUPLES_OK], doing: "running a statement")
        return Self.textRows(result!)
    }

    /// Runs `body` inside `BEGIN … COMMIT` (`ROLLBACK` when it throws).
    public func transaction<R>(_ body: () throws -> R) throws -> R {
        try execute("BEGIN")
        do {
            let result = try body()
            try execute("COMMIT")
            return result
        } catch {
            _ = try? execute("ROLLBACK")
            throw error
        }
    }
}
