import ExtractCore

/// Reads one `COPY (…) TO STDOUT (FORMAT binary)` over one connection into batches.
final class CopyBatchReader: BatchReader {
    let schema: Schema
    private var connection: PostgresConnection?
    private var assembler: BatchAssembler
    private var finished = false

    /// Starts the COPY of `plan` on `connection` (which the reader then owns).
    init(connection: PostgresConnection, plan: ReadPlan, batchRowCount: Int) throws {
        self.connection = connection
        self.assembler = BatchAssembler(columns: plan.columns, object: plan.object, maxRows: batchRowCount)
        self.schema = assembler.schema
        do {
            try connection.startCopyOut(plan.copyStatement())
        } catch var error as ExtractError {
            if error.context.object == nil { error.context.object = plan.object }
            throw error
        }
    }

    func next() throws -> ColumnBatch? {
        guard !finished, let connection else { return nil }
        do {
            while !assembler.isFull {
                let more = try connection.readCopyData { message in try assembler.consumeCopyMessage(message) }
                if !more {
                    finished = true
                    break
                }
            }
        } catch var error as ExtractError {
            close()
            if error.context.object == nil { error.context.object = assembler.object }
            throw error
        }
        if finished { close() }
        return assembler.finish()
    }

    func close() {
        finished = true
        connection?.close()
        connection = nil
    }
}
