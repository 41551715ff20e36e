import CExtractSQLite
import ExtractCore

/// Streams the rows of a ``SQLiteSource`` as ``ExtractCore/ColumnBatch``es of at most
/// ``SQLiteSource/Options/batchRowCount`` rows (ending a batch early once its text and blob
/// bytes pass ``SQLiteSource/Options/batchByteLimit``). Memory stays flat whatever the row
/// count: one statement steps through the rows, and only the current batch is held.
///
/// Values are converted to the column type (see ``SQLiteTypeMapping``) as follows; anything
/// else is a ``ExtractCore/ExtractError/Code/typeMismatch`` error naming the object, column,
/// rowid (row number for views and queries) and value, unless the policy is
/// ``SQLiteMismatchPolicy/renderAsText``:
///
/// | column | accepted values |
/// |---|---|
/// | `int64` | INTEGER; REAL with an integral value |
/// | `double` | REAL; INTEGER that a double holds exactly (every |v| ≤ 2^53, and larger ones without low bits) |
/// | `bool` | INTEGER or REAL 0 / 1; TEXT `true` / `false` in any case |
/// | `date` | TEXT `YYYY-MM-DD` (a real calendar date) |
/// | `timestamp(us)` | TEXT `YYYY-MM-DD`, optionally followed by `T` or a space and `HH:MM[:SS[.f]]` with 1 to 9 fraction digits (digits past microseconds are truncated); INTEGER Unix seconds. A trailing zone (`Z`, `+02:00`) is refused: the column is a wall-clock timestamp without zone |
/// | `time(us)` | TEXT `HH:MM[:SS[.f]]` |
/// | `decimal(p,s)` | INTEGER; REAL (through its shortest round-trip decimal text); numeric TEXT `[+-]d[.d][e±d]`; rounded half away from zero to `s` digits, then at most `p` digits |
/// | `string` | TEXT (bytes kept exactly); INTEGER and REAL as SQLite's text of them |
/// | `binary` | BLOB; TEXT as its bytes |
///
/// NULL is NULL in every column.
public final class SQLiteBatchReader: BatchReader {
    /// The columns every batch has (settled before the first batch is returned).
    public private(set) var schema: Schema
    /// What the reader reads, for messages (`main.orders` or `query: SELECT …`).
    public let objectName: String

    private var connection: SQLiteConnection?
    private var statement: SQLiteStatement?
    private var columns: [SQLiteColumnReader]
    /// The statement column holding the rowid, for error messages (tables with a rowid only).
    private let rowidIndex: Int32?
    private let maxRows: Int
    private let maxBytes: Int
    private var rowsRead: Int64 = 0
    private var done = false
    private var firstBatch: ColumnBatch?

    init(source: SQLiteSource) throws {
        let options = source.options
        objectName = source.object.description
        maxRows = options.batchRowCount
        maxBytes = options.batchByteLimit
        schema = Schema([])
        let connection = try SQLiteConnection(
            path: source.path,
            mode: .readOnly,
            busyTimeoutMilliseconds: options.busyTimeoutMilliseconds
        )
        for attachment in options.attachments {
            try connection.attach(path: attachment.path, as: attachment.schema)
        }
        let statement: SQLiteStatement
        var described: [(name: String, declaredType: String?, nullable: Bool)] = []
        switch source.object {
        case .table(let schemaName, let name):
            let object = try SQLiteCatalog.resolve(connection, schema: schemaName, name: name, objectName: objectName)
            let keyColumn = object.rowidAliasColumn
            var selectList = object.columns.map { SQLiteIdentifier.quoteName($0.name) }
            if let alias = object.rowidAlias { selectList.append(alias) }
            let sql =
                "SELECT " + selectList.joined(separator: ", ") + " FROM "
                + SQLiteIdentifier.quote(schema: object.schema, name: object.name)
            statement = try connection.prepare(sql)
            for (i, column) in object.columns.enumerated() {
                described.append(
                    (
                        column.name, column.declaredType.isEmpty ? statement.declaredType(i) : column.declaredType,
                        !(column.notNull || i == keyColumn)
                    )
                )
            }
            rowidIndex = object.rowidAlias == nil ? nil : Int32(object.columns.count)
        case .query(let sql, let parameters):
            statement = try connection.prepare(sql)
            do {
                try statement.bind(parameters)
            } catch var error as ExtractError {
                error.context.object = objectName
                throw error
            }
            guard statement.columnCount > 0 else {
                throw ExtractError(
                    .invalidArgument,
                    "the query returns no columns; give a SELECT (or WITH … SELECT)",
                    context: .init(object: objectName, path: source.path)
                )
            }
            for i in 0..<statement.columnCount {
                described.append((statement.columnName(i), statement.declaredType(i), true))
            }
            rowidIndex = nil
        }
        var readers: [SQLiteColumnReader] = []
        for (i, column) in described.enumerated() {
            let conversion = try SQLiteBatchReader.conversion(
                for: column.declaredType,
                policy: options.mismatchPolicy,
                object: objectName,
                column: column.name
            )
            readers.append(
                SQLiteColumnReader(
                    name: column.name,
                    declaredType: column.declaredType,
                    index: Int32(i),
                    nullable: column.nullable,
                    conversion: conversion,
                    capacity: maxRows
                )
            )
        }
        columns = readers
        self.connection = connection
        self.statement = statement
        // The first batch settles the type of inferred columns, so the schema is known before
        // any batch is handed out.
        let (first, rows) = try readColumns()
        schema = Schema(columns.map(\.field))
        firstBatch = rows > 0 ? ColumnBatch(schema: schema, columns: first) : nil
    }

    deinit {
        statement?.close()
        connection?.close()
    }

    /// The next batch, or `nil` at the end.
    public func next() throws -> ColumnBatch? {
        if let batch = firstBatch {
            firstBatch = nil
            return batch
        }
        let (columns, rows) = try readColumns()
        guard rows > 0 else { return nil }
        return ColumnBatch(schema: schema, columns: columns)
    }

    /// Finalizes the statement and closes the connection; ``next()`` then returns `nil`.
    public func close() {
        done = true
        firstBatch = nil
        statement?.close()
        statement = nil
        connection?.close()
        connection = nil
    }

    /// The conversion of a column with `declaredType` under `policy`.
    static func conversion(for declaredType: String?, policy: SQLiteMismatchPolicy, object: String, column: String)
        throws -> SQLiteConversion
    {
        let mapping: SQLiteTypeMapping
        do {
            mapping = try SQLiteTypeMapping.forDeclaredType(declaredType)
        } catch var error as ExtractError {
            guard policy == .renderAsText else {
                error.context.object = object
                error.context.column = column
                throw error
            }
            mapping = .declared(.string)
        }
        switch (policy, mapping) {
        case (.fail, .declared(let type)): return .producing(type)
        case (.fail, .inferred): return .pending
        case (.renderAsText, .declared(.binary)): return .rawBytes
        case (.renderAsText, _): return .text
        }
    }

    /// Steps through up to one batch of rows; returns the columns and the row count.
    private func readColumns() throws -> ([Column], Int) {
        var rows = 0
        if !done, let handle = statement?.handle {
            var bytes = 0
            var failure: (SQLiteConversionFailure, Int)?
            let maxRows = self.maxRows
            let maxBytes = self.maxBytes
            var stepResult = SQLITE_ROW
            columns.withUnsafeMutableBufferPointer { readers in
                rowLoop: while rows < maxRows, bytes < maxBytes {
                    stepResult = sqlite3_step(handle)
                    guard stepResult == SQLITE_ROW else { break }
                    for c in 0..<readers.count {
                        do throws(SQLiteConversionFailure) {
                            bytes &+= try readers[c].read(handle)
                        } catch {
                            failure = (error, c)
                            break rowLoop
                        }
                    }
                    rows += 1
                }
            }
            if let (error, column) = failure {
                done = true
                throw mismatch(error, column: column, statement: handle, row: rowsRead + Int64(rows) + 1)
            }
            rowsRead += Int64(rows)
            if stepResult != SQLITE_ROW {
                done = true
                if stepResult != SQLITE_DONE {
                    throw ExtractError.sqlite(
                        stepResult,
                        db: connection?.handle,
                        "SQLite failed while reading rows",
                        sql: statement?.sql,
                        context: .init(object: objectName, row: rowsRead + 1, path: connection?.path)
                    )
                }
            }
        }
        var built: [Column] = []
        built.reserveCapacity(columns.count)
        for c in columns.indices { built.append(columns[c].finish()) }
        return (built, rows)
    }

    /// The error for a value that does not fit, read while the statement is still on its row.
    private func mismatch(
        _ failure: SQLiteConversionFailure,
        column c: Int,
        statement: OpaquePointer,
        row rowNumber: Int64
    ) -> ExtractError {
        let reader = columns[c]
        let row: Int64
        let rowText: String
        if let rowidIndex {
            row = sqlite3_column_int64(statement, rowidIndex)
            rowText = "rowid \(row)"
        } else {
            row = rowNumber
            rowText = "row \(row) of the result"
        }
        let storage = SQLiteValueType(rawValue: sqlite3_column_type(statement, reader.index)) ?? .null
        let value = SQLiteBatchReader.render(statement, reader.index, storage)
        let typeText = reader.declaredType.map { "declared type \($0)" } ?? "type inferred from the first value"
        var message =
            "value at \(rowText) does not fit column \(reader.field.type) (\(typeText)): a \(storage) value where \(reader.conversion.expectation) is expected"
        if let detail = failure.detail { message += " (\(detail))" }
        message += "; fix the data, convert the column in a query, or use the mismatch policy renderAsText"
        return ExtractError(
            .typeMismatch,
            message,
            context: .init(object: objectName, column: reader.name, row: row, value: value)
        )
    }

    /// A value for a message: TEXT as it is, numbers in decimal, a BLOB as `X'00FF…'` (first 32 bytes).
    static func render(_ statement: OpaquePointer, _ index: Int32, _ storage: SQLiteValueType) -> String {
        switch storage {
        case .null: return "NULL"
        case .integer: return String(sqlite3_column_int64(statement, index))
        case .real: return String(sqlite3_column_double(statement, index))
        case .text:
            let pointer = sqlite3_column_text(statement, index)
            let count = Int(sqlite3_column_bytes(statement, index))
            return String(
                decoding: UnsafeRawBufferPointer(start: pointer, count: pointer == nil ? 0 : count),
                as: UTF8.self
            )
        case .blob:
            let pointer = sqlite3_column_blob(statement, index)
            let count = Int(sqlite3_column_bytes(statement, index))
            let bytes = UnsafeRawBufferPointer(start: pointer, count: pointer == nil ? 0 : count)
            let digits: [Character] = Array("0123456789ABCDEF")
            var text = "X'"
            for byte in bytes.prefix(32) {
                text.append(digits[Int(byte >> 4)])
                text.append(digits[Int(byte & 0x0F)])
            }
            text += count > 32 ? "…' (\(count) bytes)" : "'"
            return text
        }
    }
}
