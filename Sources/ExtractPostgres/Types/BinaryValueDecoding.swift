import ExtractCore

/// Why one binary value could not become a column value.
enum DecodeProblem: Error {
    case wrongLength(expected: Int, actual: Int)
    case notANumber
    case infinity
    case numericOverflow
    case numericLossOfDigits
    case malformed
    case outOfRange
    case unsupportedJSONBVersion(UInt8)
}

/// Microseconds between 1970-01-01 and PostgreSQL's epoch 2000-01-01.
let postgresEpochMicroseconds: Int64 = 946_684_800_000_000
/// Days between 1970-01-01 and 2000-01-01.
let postgresEpochDays: Int32 = 10_957

extension BinaryDecoder {
    /// Decodes the `length` bytes at `p` (one non-NULL binary value) and appends it to `builder`.
    @inline(__always)
    func append(_ p: UnsafeRawPointer, _ length: Int, to builder: inout ColumnBuilder) throws(DecodeProblem) {
        switch self {
        case .bytes:
            builder.append(bytes: UnsafeRawBufferPointer(start: p, count: length))
        case .int32:
            guard length == 4 else { throw .wrongLength(expected: 4, actual: length) }
            builder.append(Int32(bitPattern: UInt32(bigEndian: p.loadUnaligned(as: UInt32.self))))
        case .int64:
            guard length == 8 else { throw .wrongLength(expected: 8, actual: length) }
            builder.append(Int64(bitPattern: UInt64(bigEndian: p.loadUnaligned(as: UInt64.self))))
        case .int16:
            guard length == 2 else { throw .wrongLength(expected: 2, actual: length) }
            builder.append(Int32(Int16(bitPattern: UInt16(bigEndian: p.loadUnaligned(as: UInt16.self)))))
        case .float64:
            guard length == 8 else { throw .wrongLength(expected: 8, actual: length) }
            builder.append(Double(bitPattern: UInt64(bigEndian: p.loadUnaligned(as: UInt64.self))))
        case .float32:
            guard length == 4 else { throw .wrongLength(expected: 4, actual: length) }
            builder.append(Float(bitPattern: UInt32(bigEndian: p.loadUnaligned(as: UInt32.self))))
        case .bool:
            guard length == 1 else { throw .wrongLength(expected: 1, actual: length) }
            builder.append(p.load(as: UInt8.self) != 0)
        case .numeric(let precision, let scale):
            switch PostgresNumeric.unscaled(p, length, precision: precision, scale: scale) {
            case .value(let unscaled):
                if precision <= 18 { builder.append(Int64(unscaled)) } else { builder.append(unscaled) }
            case .notANumber: throw .notANumber
            case .infinity: throw .infinity
            case .overflow: throw .numericOverflow
            case .lossOfDigits: throw .numericLossOfDigits
            case .malformed: throw .malformed
            }
        case .numericText:
            guard var text = PostgresNumeric.text(p, length) else { throw .malformed }
            text.withUTF8 { builder.append(bytes: UnsafeRawBufferPointer($0)) }
        case .jsonb:
            guard length >= 1 else { throw .malformed }
            let version = p.load(as: UInt8.self)
            guard version == 1 else { throw .unsupportedJSONBVersion(version) }
            builder.append(bytes: UnsafeRawBufferPointer(start: p + 1, count: length - 1))
        case .date:
            guard length == 4 else { throw .wrongLength(expected: 4, actual: length) }
            let days = Int32(bitPattern: UInt32(bigEndian: p.loadUnaligned(as: UInt32.self)))
            if days == Int32.max || days == Int32.min { throw .infinity }
            let (shifted, overflow) = days.addingReportingOverflow(postgresEpochDays)
            if overflow { throw .outOfRange }
            builder.append(shifted)
        case .time:
            guard length == 8 else { throw .wrongLength(expected: 8, actual: length) }
            builder.append(Int64(bitPattern: UInt64(bigEndian: p.loadUnaligned(as: UInt64.self))))
        case .timestamp:
            guard length == 8 else { throw .wrongLength(expected: 8, actual: length) }
            let micros = Int64(bitPattern: UInt64(bigEndian: p.loadUnaligned(as: UInt64.self)))
            if micros == Int64.max || micros == Int64.min { throw .infinity }
            let (shifted, overflow) = micros.addingReportingOverflow(postgresEpochMicroseconds)
            if overflow { throw .outOfRange }
            builder.append(shifted)
        case .uuid:
            guard length == 16 else { throw .wrongLength(expected: 16, actual: length) }
            withUnsafeTemporaryAllocation(of: UInt8.self, capacity: 36) { out in
                let hex: StaticString = "0123456789abcdef"
                hex.withUTF8Buffer { digits in
                    var o = 0
                    for i in 0..<16 {
                        if i == 4 || i == 6 || i == 8 || i == 10 { out[o] = UInt8(ascii: "-"); o += 1 }
                        let byte = p.load(fromByteOffset: i, as: UInt8.self)
                        out[o] = digits[Int(byte >> 4)]
                        out[o + 1] = digits[Int(byte & 0x0F)]
                        o += 2
                    }
                }
                builder.append(bytes: UnsafeRawBufferPointer(out))
            }
        }
    }
}

extension DecodeProblem {
    /// The ``ExtractError`` for this problem in `column`, with the value's text when it can be rendered.
    func extractError(column: PostgresColumn, object: String, row: Int64, value: UnsafeRawBufferPointer) -> ExtractError
    {
        var rendered: String? = nil
        if case .numeric = column.decoder, let base = value.baseAddress {
            rendered = PostgresNumeric.text(base, value.count)
        }
        if case .date = column.decoder, case .infinity = self {
            rendered =
                value.count == 4 && value.loadUnaligned(as: UInt32.self) == UInt32(0x7FFF_FFFF).bigEndian
                ? "infinity" : "-infinity"
        }
        if case .timestamp = column.decoder, case .infinity = self {
            rendered = value.loadUnaligned(as: UInt64.self) == UInt64(Int64.max).bigEndian ? "infinity" : "-infinity"
        }
        let context = ExtractError.Context(object: object, column: column.name, row: row, value: rendered)
        let message: String
        switch self {
        case .notANumber, .infinity:
            message =
                "\(column.typeName) value \(rendered ?? "infinity") cannot be written as \(column.type); filter it out in the query, or cast the column to text"
        case .numericOverflow:
            message =
                "\(column.typeName) value has more digits than \(column.type) holds; cast the column to a numeric(p,s) that fits, or extract unconstrained numerics as text"
        case .numericLossOfDigits:
            message =
                "\(column.typeName) value has more fraction digits than \(column.type) keeps and would be rounded; cast the column to numeric(p,s) in the query (which rounds explicitly), or extract unconstrained numerics as text"
        case .outOfRange:
            message = "\(column.typeName) value is out of the range of \(column.type)"
        case .wrongLength(let expected, let actual):
            message = "the server sent \(actual) bytes for a \(column.typeName) value, expected \(expected)"
        case .malformed:
            message = "the server sent a malformed \(column.typeName) value"
        case .unsupportedJSONBVersion(let version):
            message = "jsonb binary format version \(version) is not supported; cast the column to text"
        }
        let code: ExtractError.Code =
            switch self {
            case .wrongLength, .malformed: .source
            default: .typeMismatch
            }
        return ExtractError(code, message, context: context)
    }
}
