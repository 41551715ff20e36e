import ExtractCore

extension ValueRenderer {
    /// The rendering of row `row` of `column`, or `nil` when the row is NULL.
    ///
    /// A convenience for messages, tests and small outputs (it allocates); writers render
    /// straight into their buffers with the `write…` functions.
    /// - Throws: ``ExtractError`` (`.typeMismatch`) when a date, time or timestamp is outside
    ///   the range that can be rendered.
    public static func render(_ column: Column, at row: Int) throws -> [UInt8]? {
        if column.isNull(row) { return nil }
        if case .bytes(let buffer) = column.values {
            return buffer.withBytes(at: row) { bytes in
                if column.type == .binary {
                    return [UInt8](unsafeUninitializedCapacity: bytes.count * 2) { out, count in
                        count = writeHex(bytes, to: out.baseAddress!)
                    }
                }
                return Array(bytes)
            }
        }
        return try [UInt8](unsafeUninitializedCapacity: maxFixedWidth) { out, count in
            count = try renderFixed(column, at: row, to: out.baseAddress!)
        }
    }

    /// ``render(_:at:)`` as text (invalid UTF-8 in a string or binary column is replaced by U+FFFD).
    public static func text(of column: Column, at row: Int) throws -> String? {
        try render(column, at: row).map { String(decoding: $0, as: UTF8.self) }
    }

    /// Renders a fixed-width (non-bytes) value of `column` into `p` (room: ``maxFixedWidth``).
    static func renderFixed(_ column: Column, at row: Int, to p: UnsafeMutablePointer<UInt8>) throws -> Int {
        let n: Int
        switch (column.type, column.values) {
        case (.bool, .bool(let v)): return writeBool(v[row], to: p)
        case (.date, .int32(let v)):
            n = writeDate(daysSinceEpoch: Int64(v[row]), to: p)
            if n == 0 { throw unrenderable(column.type, Int64(v[row])) }
            return n
        case (_, .int32(let v)): return writeInteger(Int64(v[row]), to: p)
        case (.decimal(_, let scale), .int64(let v)): return writeDecimal(unscaled: v[row], scale: scale, to: p)
        case (.decimal(_, let scale), .int128(let v)): return writeDecimal(unscaled: v[row], scale: scale, to: p)
        case (.time(let unit), .int64(let v)):
            n = writeTime(v[row], unit: unit, to: p)
            if n == 0 { throw unrenderable(column.type, v[row]) }
            return n
        case (.timestamp(let unit, let utc), .int64(let v)):
            n = writeTimestamp(v[row], unit: unit, isAdjustedToUTC: utc, to: p)
            if n == 0 { throw unrenderable(column.type, v[row]) }
            return n
        case (_, .int64(let v)): return writeInteger(v[row], to: p)
        case (_, .float(let v)): return writeFloat(v[row], to: p)
        case (_, .double(let v)): return writeDouble(v[row], to: p)
        default:
            throw ExtractError(.internal, "column of type \(column.type) holds \(column.values) storage")
        }
    }

    /// The error for a date, time or timestamp `raw` (days or units) outside the renderable range.
    static func unrenderable(_ type: ColumnType, _ raw: Int64) -> ExtractError {
        let what: String
        switch type {
        case .date: what = "date \(raw) days from 1970-01-01 is outside 0001-01-01 … 9999-12-31"
        case .time(let unit): what = "time of day \(raw) \(unit.rawValue) after midnight is not within one day"
        case .timestamp(let unit, _):
            what = "timestamp \(raw) \(unit.rawValue) from 1970-01-01 is outside 0001-01-01 … 9999-12-31"
        default: what = "value \(raw) cannot be rendered as \(type)"
        }
        return ExtractError(
            .typeMismatch,
            what + "; filter or convert such values in the source query",
            context: .init(value: String(raw))
        )
    }
}
