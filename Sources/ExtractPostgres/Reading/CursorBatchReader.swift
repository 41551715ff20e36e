import CExtractLibPQ
import ExtractCore

/// Reads a procedure's result cursor: `BEGIN; CALL proc(args…, NULL)` returns the name of an
/// open `refcursor`, whose rows are then fetched in binary format (`FETCH FORWARD n`) until it is
/// exhausted, then `COMMIT`.
///
/// The procedure's last parameter must be `INOUT … refcursor` (or `OUT`); the reader passes NULL
/// for it and reads the name the procedure returns. Because a cursor's rows cannot be copied,
/// the cursor's query must produce types with a binary decoder (every type of
/// ``PostgresTypeMapping`` except the "text form" ones; enums are fine): cast any other column to
/// text in the procedure's query.
final class CursorBatchReader: BatchReader {
    let schema: Schema
    private var connection: PostgresConnection?
    private var assembler: BatchAssembler
    private let fetchStatement: String
    private var finished = false

    init(connection: PostgresConnection, routine: PostgresRoutine, rule: UnconstrainedNumericRule, batchRowCount: Int)
        throws
    {
        let object = routine.name
        self.connection = connection
        try connection.execute("BEGIN")
        let call = "CALL " + (try routine.callExpression(on: connection, trailingNulls: 1))
        let (described, rows) = try connection.executeDescribed(call, object: object)
        guard let cursorColumn = described.firstIndex(where: { $0.typeOID == PostgresOID.refcursor }) else {
            throw ExtractError(
                .invalidConfiguration,
                "procedure \(routine.name) returned no refcursor; declare its last parameter as INOUT result refcursor and OPEN it for the rows to extract",
                context: .init(object: object)
            )
        }
        guard let cursorName = rows.first?[cursorColumn] else {
            throw ExtractError(
                .invalidConfiguration,
                "procedure \(routine.name) returned a NULL refcursor; OPEN the cursor before the procedure ends",
                context: .init(object: object)
            )
        }
        var columns: [PostgresColumn] = []
        for description in try connection.describe(portal: cursorName) {
            var column = PostgresTypeMapping.column(
                name: description.name,
                typeOID: description.typeOID,
                typeModifier: description.typeModifier,
                unconstrainedNumeric: rule
            )
            if column.castToText {
                let kind = try connection.execute(
                    "SELECT typtype::text, format_type(oid, NULL) FROM pg_type WHERE oid = \(description.typeOID)"
                ).first
                guard kind?[0] == "e" else {
                    throw ExtractError(
                        .unsupported,
                        "column \(description.name) of the cursor of procedure \(routine.name) has type \(kind?[1] ?? "oid \(description.typeOID)"), which is read only in its text form; cast it to text in the cursor's query (\(description.name)::text)",
                        context: .init(object: object, column: description.name)
                    )
                }
                // An enum's binary form is its label.
                column.castToText = false
                column.typeName = kind?[1] ?? "enum"
            }
            columns.append(column)
        }
        assembler = BatchAssembler(columns: columns, object: object, maxRows: batchRowCount)
        schema = assembler.schema
        fetchStatement = "FETCH FORWARD \(batchRowCount) FROM " + (try connection.quoteIdentifier(cursorName))
    }

    func next() throws -> ColumnBatch? {
        guard !finished, let connection else { return nil }
        do {
            let count = try connection.withBinaryResult(fetchStatement) { result -> Int in
                let rows = Int(PQntuples(result))
                try assembler.appendResultRows(rows: rows) { row, column in
                    if PQgetisnull(result, Int32(row), Int32(column)) != 0 { return nil }
                    let pointer = UnsafeRawPointer(PQgetvalue(result, Int32(row), Int32(column))!)
                    return (pointer, Int(PQgetlength(result, Int32(row), Int32(column))))
                }
                return rows
            }
            if count == 0 {
                try connection.execute("COMMIT")
                close()
            }
        } catch var error as ExtractError {
            close()
            if error.context.object == nil { error.context.object = assembler.object }
            throw error
        }
        return assembler.finish()
    }

    func close() {
        finished = true
        connection?.close()
        connection = nil
    }
}
