import ExtractCore

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Renders ``ColumnBatch``es as delimited text (CSV, TSV, DAT…) into a large reusable buffer and
/// hands full chunks to a ``ByteSink`` (a file, or a compressor in front of one).
///
/// The encoding's byte order mark (if any) and the header come first. Values are rendered by
/// ``ValueRenderer`` and quoted as ``DelimitedOptions`` says. Work per cell is a type switch
/// decided per column, a NULL check and, for text, one lookup in a 256-entry table per byte;
/// a batch whose text holds no special byte at all is copied without per-byte checks. Nothing
/// is allocated per row or per cell.
///
/// ```swift
/// let writer = try DelimitedWriter(schema: schema, options: .csv, writingTo: file)
/// while let batch = try reader.next() { try writer.write(batch) }
/// try writer.finish()   // flushes and finishes `file`
/// ```
///
/// Errors name the column, the 1-based data row (header excluded) and the value: a value that
/// cannot be written with the chosen quoting, or a date/time outside 0001-01-01 … 9999-12-31.
/// After an error the writer is unusable; the caller discards the output.
public final class DelimitedWriter {
    /// The columns written.
    public let schema: Schema
    /// The spelling of the file.
    public let options: DelimitedOptions
    /// Data rows written so far (header excluded).
    public private(set) var rowCount: Int64 = 0
    /// Bytes produced so far (before any compression below), buffered ones included.
    public var byteCount: Int64 { out.total }

    /// The default output buffer: 1 MiB.
    public static let defaultBufferSize = 1 << 20

    private enum State { case open, failed, finished }

    private let syntax: DelimitedSyntax
    private var out: OutputBuffer
    private let slots: UnsafeMutableBufferPointer<ColumnSlot>
    /// Room for one fixed-width rendering that must be checked before it is written.
    private let fixedScratch: UnsafeMutablePointer<UInt8>
    /// Growable room for the hex of a binary value that must be checked before it is written.
    private var hexScratch: UnsafeMutablePointer<UInt8>
    private var hexScratchCapacity = 0
    private var state = State.open
    /// Room reserved before each cell: delimiter (≤ 20 bytes), two quotes and any fixed-width value.
    private static let cellReserve = 128

    /// Creates a writer and puts the byte order mark (if any) and the header (if any) in its buffer.
    /// - Parameters:
    ///   - bufferSize: bytes collected before each write to `downstream` (at least 256; the default
    ///     1 MiB keeps compressors and the kernel busy with large chunks).
    /// - Throws: ``ExtractError`` when `options` are invalid (every problem at once) or a column
    ///   name cannot be written with them.
    public init(
        schema: Schema,
        options: DelimitedOptions,
        writingTo downstream: any ByteSink,
        bufferSize: Int = DelimitedWriter.defaultBufferSize
    ) throws {
        try options.validate()
        self.schema = schema
        self.options = options
        let syntax = DelimitedSyntax(options)
        self.syntax = syntax
        out = OutputBuffer(capacity: max(bufferSize, 256), sink: downstream)
        slots = .allocate(capacity: schema.count)
        _ = slots.initialize(from: schema.fields.map { ColumnSlot(type: $0.type, syntax: syntax) })
        fixedScratch = .allocate(capacity: ValueRenderer.maxFixedWidth)
        hexScratch = .allocate(capacity: 1)
        for byte in options.encoding.preamble { try out.append(byte) }
        if options.header {
            do {
                try writeHeader()
            } catch {
                state = .failed
                throw error
            }
        }
    }

    deinit {
        out.deallocate()
        slots.deinitialize()
        slots.deallocate()
        fixedScratch.deallocate()
        hexScratch.deallocate()
    }

    /// Renders every row of `batch` (whose schema must match the writer's).
    public func write(_ batch: ColumnBatch) throws {
        guard state == .open else {
            throw ExtractError(.internal, state == .failed ? "write after a failed write" : "write after finish")
        }
        guard batch.columns.count == slots.count else {
            throw ExtractError(
                .invalidArgument,
                "batch has \(batch.columns.count) columns, the file has \(slots.count)"
            )
        }
        for (column, field) in zip(batch.columns, schema.fields) where column.type != field.type {
            throw ExtractError(
                .typeMismatch,
                "batch column is \(column.type), the file expects \(field.type)",
                context: .init(column: field.name)
            )
        }
        guard batch.rowCount > 0 else { return }
        do {
            try bind(batch, from: 0) {
                try writeRows(batch.rowCount)
            }
        } catch {
            state = .failed
            throw error
        }
        rowCount += Int64(batch.rowCount)
    }

    /// Flushes what is buffered and finishes `downstream` (which, for a compressor, writes its
    /// trailer and finishes the file below it).
    public func finish() throws {
        guard state == .open else {
            if state == .finished { return }
            throw ExtractError(.internal, "finish after a failed write")
        }
        do {
            try out.flush()
            try out.sink.finish()
            state = .finished
        } catch {
            state = .failed
            throw error
        }
    }

    // MARK: - Header

    private func writeHeader() throws {
        for (index, field) in schema.fields.enumerated() {
            var name = field.name
            try name.withUTF8 { bytes in
                if index > 0 {
                    try syntax.delimiter.withUnsafeBufferPointer { try out.append($0.baseAddress!, $0.count) }
                }
                let p = bytes.baseAddress ?? UnsafePointer(fixedScratch)
                try writeText(p, bytes.count, mayHaveSpecial: true, column: index, row: nil, out: &out)
            }
        }
        try syntax.rowDelimiter.withUnsafeBufferPointer { try out.append($0.baseAddress!, $0.count) }
    }

    // MARK: - Binding buffers

    /// Points every slot at its column's buffers, then runs `body`; the pointers are valid
    /// exactly as long as `body` runs (each level keeps one column's arrays pinned).
    private func bind(_ batch: ColumnBatch, from index: Int, _ body: () throws -> Void) throws {
        if index == slots.count { return try body() }
        let column = batch.columns[index]
        try withValidity(column) { validity in
            slots[index].validity = validity
            defer { slots[index].validity = nil }
            switch column.values {
            case .bool(let v): try v.withUnsafeBytes { try bindFixed(index, $0, batch, body) }
            case .int32(let v): try v.withUnsafeBytes { try bindFixed(index, $0, batch, body) }
            case .int64(let v): try v.withUnsafeBytes { try bindFixed(index, $0, batch, body) }
            case .int128(let v): try v.withUnsafeBytes { try bindFixed(index, $0, batch, body) }
            case .float(let v): try v.withUnsafeBytes { try bindFixed(index, $0, batch, body) }
            case .double(let v): try v.withUnsafeBytes { try bindFixed(index, $0, batch, body) }
            case .bytes(let buffer):
                try buffer.offsets.withUnsafeBufferPointer { offsets in
                    try buffer.data.withUnsafeBufferPointer { data in
                        slots[index].offsets = offsets.baseAddress
                        slots[index].data = data.baseAddress ?? UnsafePointer(fixedScratch)
                        slots[index].dataHasSpecial = slots[index].kind == .string && hasSpecial(data)
                        defer {
                            slots[index].offsets = nil
                            slots[index].data = nil
                        }
                        try bind(batch, from: index + 1, body)
                    }
                }
            }
        }
    }

    private func bindFixed(
        _ index: Int,
        _ values: UnsafeRawBufferPointer,
        _ batch: ColumnBatch,
        _ body: () throws -> Void
    ) throws {
        slots[index].values = values.baseAddress
        defer { slots[index].values = nil }
        try bind(batch, from: index + 1, body)
    }

    private func withValidity(_ column: Column, _ body: (UnsafePointer<UInt64>?) throws -> Void) throws {
        guard let validity = column.validity else { return try body(nil) }
        try validity.words.withUnsafeBufferPointer { try body($0.baseAddress) }
    }

    /// Whether any byte of `data` is special (one pass over a whole column's text).
    private func hasSpecial(_ data: UnsafeBufferPointer<UInt8>) -> Bool {
        let table = syntax.table
        var found: UInt8 = 0
        for byte in data { found |= table[Int(byte)] }
        return found & DelimitedSyntax.special != 0
    }

    // MARK: - Rows

    private func writeRows(_ rows: Int) throws {
        var out = self.out
        defer { self.out = out }
        let syntax = self.syntax
        let slots = UnsafeBufferPointer(self.slots)
        let columns = slots.count
        try syntax.delimiter.withUnsafeBufferPointer { delimiterBuffer in
            try syntax.rowDelimiter.withUnsafeBufferPointer { rowDelimiterBuffer in
                try syntax.nullToken.withUnsafeBufferPointer { nullBuffer in
                    let delimiter = delimiterBuffer.baseAddress!
                    let delimiterCount = delimiterBuffer.count
                    let delimiterByte = delimiter[0]
                    let rowDelimiter = rowDelimiterBuffer.baseAddress!
                    let rowDelimiterCount = rowDelimiterBuffer.count
                    let null = nullBuffer.baseAddress ?? UnsafePointer(fixedScratch)
                    let nullCount = nullBuffer.count
                    for row in 0..<rows {
                        for c in 0..<columns {
                            try out.reserve(Self.cellReserve)
                            if c != 0 {
                                if delimiterCount == 1 {
                                    out.put(delimiterByte)
                                } else {
                                    out.put(delimiter, delimiterCount)
                                }
                            }
                            let slot = slots[c]
                            if let validity = slot.validity, validity[row &>> 6] & (1 &<< UInt64(row & 63)) == 0 {
                                if nullCount > 0 { try out.append(null, nullCount) }
                                continue
                            }
                            try writeCell(slot, column: c, row: row, out: &out)
                        }
                        try out.reserve(rowDelimiterCount)
                        out.put(rowDelimiter, rowDelimiterCount)
                    }
                }
            }
        }
    }

    /// Writes the (non-NULL) value at `row` of the column in `slot`; room for
    /// ``cellReserve`` bytes minus the delimiter is already reserved.
    @inline(__always)
    private func writeCell(_ slot: ColumnSlot, column: Int, row: Int, out: inout OutputBuffer) throws {
        switch slot.kind {
        case .string:
            let start = Int(slot.offsets![row])
            let end = Int(slot.offsets![row &+ 1])
            try writeText(
                slot.data! + start,
                end &- start,
                mayHaveSpecial: slot.dataHasSpecial,
                column: column,
                row: row,
                out: &out
            )
            return
        case .binary:
            let start = Int(slot.offsets![row])
            let count = Int(slot.offsets![row &+ 1]) &- start
            try writeBinary(slot, slot.data! + start, count, column: column, row: row, out: &out)
            return
        default:
            break
        }
        let quoted = slot.mode == .quoted
        let dest = slot.mode == .checked ? fixedScratch : out.cursor + (quoted ? 1 : 0)
        let values = slot.values!
        let n: Int
        switch slot.kind {
        case .bool:
            n = ValueRenderer.writeBool(values.load(fromByteOffset: row, as: UInt8.self) != 0, to: dest)
        case .int32:
            n = ValueRenderer.writeInteger(Int64(values.load(fromByteOffset: row &* 4, as: Int32.self)), to: dest)
        case .int64:
            n = ValueRenderer.writeInteger(values.load(fromByteOffset: row &* 8, as: Int64.self), to: dest)
        case .decimal64:
            n = ValueRenderer.writeDecimal(
                unscaled: values.load(fromByteOffset: row &* 8, as: Int64.self),
                scale: slot.scale,
                to: dest
            )
        case .decimal128:
            n = ValueRenderer.writeDecimal(
                unscaled: values.loadUnaligned(fromByteOffset: row &* 16, as: Int128.self),
                scale: slot.scale,
                to: dest
            )
        case .float:
            n = ValueRenderer.writeFloat(values.load(fromByteOffset: row &* 4, as: Float.self), to: dest)
        case .double:
            n = ValueRenderer.writeDouble(values.load(fromByteOffset: row &* 8, as: Double.self), to: dest)
        case .date:
            let days = values.load(fromByteOffset: row &* 4, as: Int32.self)
            n = ValueRenderer.writeDate(daysSinceEpoch: Int64(days), to: dest)
            if n == 0 { throw unrenderable(column: column, row: row, raw: Int64(days)) }
        case .time:
            let value = values.load(fromByteOffset: row &* 8, as: Int64.self)
            n = ValueRenderer.writeTime(value, unit: slot.unit, to: dest)
            if n == 0 { throw unrenderable(column: column, row: row, raw: value) }
        case .timestamp:
            let value = values.load(fromByteOffset: row &* 8, as: Int64.self)
            n = ValueRenderer.writeTimestamp(value, unit: slot.unit, isAdjustedToUTC: slot.utc, to: dest)
            if n == 0 { throw unrenderable(column: column, row: row, raw: value) }
        case .string, .binary:
            return
        }
        switch slot.mode {
        case .direct:
            out.count &+= n
        case .quoted:
            let quote = syntax.quote!
            out.cursor[0] = quote
            out.cursor[n &+ 1] = quote
            out.count &+= n &+ 2
        case .checked:
            try writeText(fixedScratch, n, mayHaveSpecial: true, column: column, row: row, out: &out)
        }
    }

    private func writeBinary(
        _ slot: ColumnSlot,
        _ p: UnsafePointer<UInt8>,
        _ count: Int,
        column: Int,
        row: Int,
        out: inout OutputBuffer
    ) throws {
        if count > 0 && slot.mode != .checked {
            let quote = syntax.quote ?? 0
            if slot.mode == .quoted { out.put(quote) }
            try out.appendHex(p, count)
            if slot.mode == .quoted { try out.append(quote) }
            return
        }
        if count * 2 > hexScratchCapacity {
            hexScratch.deallocate()
            hexScratchCapacity = max(count * 2, 2 * hexScratchCapacity, 4096)
            hexScratch = .allocate(capacity: hexScratchCapacity)
        }
        let n = ValueRenderer.writeHex(UnsafeRawBufferPointer(start: p, count: count), to: hexScratch)
        try writeText(hexScratch, n, mayHaveSpecial: true, column: column, row: row, out: &out)
    }

    /// Writes `n` bytes at `p` as one field, quoted, escaped or refused as the options say.
    /// `mayHaveSpecial == false` promises that no byte is special (skips the scan).
    @inline(__always)
    private func writeText(
        _ p: UnsafePointer<UInt8>,
        _ n: Int,
        mayHaveSpecial: Bool,
        column: Int,
        row: Int?,
        out: inout OutputBuffer
    ) throws {
        let syntax = self.syntax
        if syntax.policy == .all {
            return try writeQuoted(p, n, out: &out)
        }
        var needsQuotes: Bool
        if n == 0 {
            needsQuotes = syntax.nullToken.isEmpty
        } else {
            needsQuotes = false
            if mayHaveSpecial {
                let table = syntax.table
                var i = 0
                while i < n {
                    if table[Int(p[i])] & DelimitedSyntax.special != 0 {
                        needsQuotes = syntax.delimiter.count == 1 || syntax.needsQuotes(p, n)
                        break
                    }
                    i &+= 1
                }
            }
            if !needsQuotes && n == syntax.nullToken.count && syntax.equalsNullToken(p, n) {
                needsQuotes = true
            }
        }
        if !needsQuotes {
            return try out.append(p, n)
        }
        if syntax.policy == .minimal && syntax.quote != nil {
            return try writeQuoted(p, n, out: &out)
        }
        // Quoting none, or no quote character: write unquoted if that is unambiguous, else refuse.
        guard let reason = syntax.unquotedProblem(p, n) else {
            return try out.append(p, n)
        }
        throw ExtractError(
            .invalidArgument,
            "value cannot be written without quotes: \(reason); "
                + (syntax.quote == nil ? "set a quote character" : "use quoting minimal or all")
                + ", or choose another delimiter or NULL value",
            context: .init(
                column: schema.fields[column].name,
                row: row.map { rowCount + Int64($0) + 1 },
                value: String(decoding: UnsafeBufferPointer(start: p, count: n), as: UTF8.self)
            )
        )
    }

    /// Writes `n` bytes at `p` between quotes, putting the escape byte before every quote and
    /// escape byte (doubling quotes when there is no escape character).
    private func writeQuoted(_ p: UnsafePointer<UInt8>, _ n: Int, out: inout OutputBuffer) throws {
        let quote = syntax.quote!
        let escapeOut = syntax.escapeOut
        let table = syntax.table
        try out.append(quote)
        var segment = 0
        var i = 0
        while i < n {
            if table[Int(p[i])] & DelimitedSyntax.escaped != 0 {
                try out.append(p + segment, i &- segment)
                try out.append(escapeOut)
                segment = i
            }
            i &+= 1
        }
        try out.append(p + segment, n &- segment)
        try out.append(quote)
    }

    private func unrenderable(column: Int, row: Int, raw: Int64) -> ExtractError {
        var error = ValueRenderer.unrenderable(schema.fields[column].type, raw)
        error.context.column = schema.fields[column].name
        error.context.row = rowCount + Int64(row) + 1
        return error
    }
}
