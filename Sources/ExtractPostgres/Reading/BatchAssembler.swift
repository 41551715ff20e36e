import ExtractCore

/// Turns binary rows (from `COPY … (FORMAT binary)` or a binary-format result) into
/// ``ColumnBatch``es: one ``ColumnBuilder`` per column, values decoded straight into it.
struct BatchAssembler {
    let schema: Schema
    let columns: [PostgresColumn]
    private let decoders: [BinaryDecoder]
    private var builders: [ColumnBuilder]
    /// Rows in the batch being built.
    private(set) var rowCount = 0
    /// Rows handed out in finished batches so far.
    private(set) var rowsBefore: Int64 = 0
    let maxRows: Int
    let maxBytes: Int
    /// The object name used in error context.
    let object: String

    // COPY stream state.
    private var sawHeader = false
    private(set) var sawTrailer = false

    static let copySignature: [UInt8] = Array("PGCOPY\n".utf8) + [0xFF, 0x0D, 0x0A, 0x00]

    init(
        columns: [PostgresColumn],
        object: String,
        maxRows: Int = ColumnBatch.defaultRowCount,
        maxBytes: Int = 64 << 20
    ) {
        self.columns = columns
        self.schema = Schema(columns.map(\.field))
        self.decoders = columns.map(\.decoder)
        self.builders = columns.map { ColumnBuilder(type: $0.type, capacity: maxRows) }
        self.maxRows = maxRows
        self.maxBytes = maxBytes
        self.object = object
    }

    /// Whether the batch should be handed out now (row count reached, or large strings).
    var isFull: Bool {
        if rowCount >= maxRows { return true }
        if rowCount & 255 == 0 && rowCount > 0 {
            var bytes = 0
            for builder in builders { bytes += builder.dataByteCount }
            return bytes >= maxBytes
        }
        return false
    }

    /// The rows built so far as a batch (or `nil` when there are none); starts a new batch.
    mutating func finish() -> ColumnBatch? {
        guard rowCount > 0 else { return nil }
        let batchColumns = builders.indices.map { builders[$0].finish() }
        rowsBefore += Int64(rowCount)
        rowCount = 0
        return ColumnBatch(schema: schema, columns: batchColumns)
    }

    /// A new COPY stream starts (the parallel reader runs one COPY per block range).
    mutating func resetCopyStream() {
        sawHeader = false
        sawTrailer = false
    }

    // MARK: - COPY binary stream

    /// Consumes one CopyData message: the file header (first message), whole tuples, or the trailer.
    mutating func consumeCopyMessage(_ message: UnsafeRawBufferPointer) throws {
        guard let base = message.baseAddress else { return }
        let count = message.count
        var offset = 0
        if !sawHeader {
            let signature = Self.copySignature
            guard count >= 19, signature.indices.allSatisfy({ message[$0] == signature[$0] }) else {
                throw ExtractError(
                    .source,
                    "the server's COPY output does not start with the binary COPY signature",
                    context: .init(object: object)
                )
            }
            let extensionLength = Int(UInt32(bigEndian: base.loadUnaligned(fromByteOffset: 15, as: UInt32.self)))
            offset = 19 + extensionLength
            sawHeader = true
        }
        let fieldCount = columns.count
        // Work on a local array (swapped out, no copy) so the closure does not overlap `self`.
        var local: [ColumnBuilder] = []
        swap(&local, &builders)
        defer { swap(&local, &builders) }
        var rows = rowCount
        defer { rowCount = rows }
        var trailer = sawTrailer
        defer { sawTrailer = trailer }
        let decoders = self.decoders
        let rowsBefore = self.rowsBefore
        try local.withUnsafeMutableBufferPointer { builders in
            while offset < count {
                guard offset + 2 <= count else { throw truncated(row: rowsBefore + Int64(rows) + 1) }
                let fields = Int(
                    Int16(bitPattern: UInt16(bigEndian: base.loadUnaligned(fromByteOffset: offset, as: UInt16.self)))
                )
                offset += 2
                if fields == -1 { trailer = true; continue }
                guard fields == fieldCount else {
                    throw ExtractError(
                        .source,
                        "a COPY row has \(fields) fields, expected \(fieldCount)",
                        context: .init(object: object, row: rowsBefore + Int64(rows) + 1)
                    )
                }
                for i in 0..<fieldCount {
                    guard offset + 4 <= count else { throw truncated(row: rowsBefore + Int64(rows) + 1) }
                    let length = Int(
                        Int32(
                            bitPattern: UInt32(bigEndian: base.loadUnaligned(fromByteOffset: offset, as: UInt32.self))
                        )
                    )
                    offset += 4
                    if length < 0 {
                        builders[i].appendNull()
                        continue
                    }
                    guard offset + length <= count else { throw truncated(row: rowsBefore + Int64(rows) + 1) }
                    do throws(DecodeProblem) {
                        try decoders[i].append(base + offset, length, to: &builders[i])
                    } catch {
                        throw error.extractError(
                            column: columns[i],
                            object: object,
                            row: rowsBefore + Int64(rows) + 1,
                            value: UnsafeRawBufferPointer(start: base + offset, count: length)
                        )
                    }
                    offset += length
                }
                rows += 1
            }
        }
    }

    private func truncated(row: Int64) -> ExtractError {
        ExtractError(
            .source,
            "a COPY data message ended inside a row; the server's binary COPY output is not as expected",
            context: .init(object: object, row: row)
        )
    }

    // MARK: - Binary result (FETCH)

    /// Appends every row of a binary-format `PGresult` whose columns match ``columns``.
    mutating func appendResultRows(rows: Int, value: (Int, Int) -> (UnsafeRawPointer, Int)?) throws {
        let fieldCount = columns.count
        var local: [ColumnBuilder] = []
        swap(&local, &builders)
        defer { swap(&local, &builders) }
        var done = rowCount
        defer { rowCount = done }
        let decoders = self.decoders
        let rowsBefore = self.rowsBefore
        try local.withUnsafeMutableBufferPointer { builders in
            for row in 0..<rows {
                for i in 0..<fieldCount {
                    guard let (pointer, length) = value(row, i) else {
                        builders[i].appendNull()
                        continue
                    }
                    do throws(DecodeProblem) {
                        try decoders[i].append(pointer, length, to: &builders[i])
                    } catch {
                        throw error.extractError(
                            column: columns[i],
                            object: object,
                            row: rowsBefore + Int64(done) + 1,
                            value: UnsafeRawBufferPointer(start: pointer, count: length)
                        )
                    }
                }
                done += 1
            }
        }
    }
}
