import CExtractSQLite
import ExtractCore

/// Reads one result column of a stepping statement, row by row, straight into a
/// ``ExtractCore/ColumnBuilder``: numbers without boxing, text and blobs copied once from
/// SQLite's buffer into the column's byte buffer.
struct SQLiteColumnReader {
    /// The column name as the result spells it.
    let name: String
    /// The declared type, if any (for messages).
    let declaredType: String?
    /// The column's index in the statement.
    let index: Int32
    /// Whether the field may hold NULLs.
    let nullable: Bool
    /// What to do with each value.
    private(set) var conversion: SQLiteConversion
    /// The values of the current batch.
    var builder: ColumnBuilder
    /// NULLs seen before an inferred column's type was known.
    private var pendingNulls = 0
    private let capacity: Int

    init(name: String, declaredType: String?, index: Int32, nullable: Bool, conversion: SQLiteConversion, capacity: Int)
    {
        self.name = name
        self.declaredType = declaredType
        self.index = index
        self.nullable = nullable
        self.conversion = conversion
        self.capacity = capacity
        builder = ColumnBuilder(type: conversion.columnType ?? .string, capacity: conversion == .pending ? 0 : capacity)
    }

    /// Appends the value of the current row; returns the bytes it added to a byte buffer.
    @inline(__always)
    mutating func read(_ statement: OpaquePointer) throws(SQLiteConversionFailure) -> Int {
        // One sqlite3_column_value per cell, then the cheap sqlite3_value_* accessors: each
        // sqlite3_column_* call re-resolves the column and runs sqlite3ApiExit. Same conversions;
        // safe because the connection is confined to one task (SQLITE_OPEN_NOMUTEX).
        let value: OpaquePointer = sqlite3_column_value(statement, index)
        let type = sqlite3_value_type(value)
        if type == SQLITE_NULL {
            if conversion == .pending { pendingNulls += 1 } else { builder.appendNull() }
            return 0
        }
        switch conversion {
        case .int64:
            if type == SQLITE_INTEGER {
                builder.append(sqlite3_value_int64(value))
            } else if type == SQLITE_FLOAT, let exact = SQLiteColumnReader.exactInt64(sqlite3_value_double(value)) {
                builder.append(exact)
            } else {
                throw SQLiteConversionFailure(
                    type == SQLITE_FLOAT ? "the REAL has a fractional part or is out of the int64 range" : nil
                )
            }
        case .double:
            if type == SQLITE_FLOAT {
                builder.append(sqlite3_value_double(value))
            } else if type == SQLITE_INTEGER {
                guard let exact = SQLiteColumnReader.exactDouble(sqlite3_value_int64(value)) else {
                    throw SQLiteConversionFailure("the INTEGER has more digits than a double holds exactly")
                }
                builder.append(exact)
            } else {
                throw SQLiteConversionFailure()
            }
        case .string:
            guard type != SQLITE_BLOB else { throw SQLiteConversionFailure("a BLOB is not text") }
            return appendText(value)
        case .binary:
            if type == SQLITE_BLOB {
                return appendBlob(value)
            } else if type == SQLITE_TEXT {
                return appendText(value)
            }
            throw SQLiteConversionFailure()
        case .text, .rawBytes:
            return type == SQLITE_BLOB ? appendBlob(value) : appendText(value)
        case .bool:
            try readBool(value, type)
        case .date:
            guard type == SQLITE_TEXT, let days = TemporalText.parseDate(textBytes(value)) else {
                throw SQLiteConversionFailure()
            }
            builder.append(days)
        case .timestamp:
            try readTimestamp(value, type)
        case .time:
            guard type == SQLITE_TEXT, let micros = TemporalText.parseTime(textBytes(value)) else {
                throw SQLiteConversionFailure()
            }
            builder.append(micros)
        case .decimal(let precision, let scale):
            try readDecimal(value, type, precision: precision, scale: scale)
        case .pending:
            decide(type)
            return try read(statement)
        }
        return 0
    }

    /// The column as built so far; starts the next batch. A column still pending at the end of
    /// the first batch (every value NULL) becomes a string column.
    mutating func finish() -> Column {
        if conversion == .pending { decide(SQLITE_TEXT) }
        return builder.finish()
    }

    /// The field describing the column (call after the first batch).
    var field: Field {
        Field(name, conversion.columnType ?? .string, nullable: nullable)
    }

    // MARK: Pieces

    /// Fixes the type of an inferred column from the storage class of its first non-NULL value.
    private mutating func decide(_ type: Int32) {
        switch type {
        case SQLITE_INTEGER: conversion = .int64
        case SQLITE_FLOAT: conversion = .double
        case SQLITE_BLOB: conversion = .binary
        default: conversion = .string
        }
        builder = ColumnBuilder(type: conversion.columnType!, capacity: capacity)
        for _ in 0..<pendingNulls { builder.appendNull() }
        pendingNulls = 0
    }

    @inline(__always)
    private func textBytes(_ value: OpaquePointer) -> UnsafeRawBufferPointer {
        // _text first, then _bytes (the length is only right after the conversion to text).
        let pointer = sqlite3_value_text(value)
        let count = Int(sqlite3_value_bytes(value))
        return UnsafeRawBufferPointer(start: pointer, count: pointer == nil ? 0 : count)
    }

    @inline(__always)
    private mutating func appendText(_ value: OpaquePointer) -> Int {
        let bytes = textBytes(value)
        builder.append(bytes: bytes)
        return bytes.count
    }

    @inline(__always)
    private mutating func appendBlob(_ value: OpaquePointer) -> Int {
        let pointer = sqlite3_value_blob(value)
        let count = Int(sqlite3_value_bytes(value))
        builder.append(bytes: UnsafeRawBufferPointer(start: pointer, count: pointer == nil ? 0 : count))
        return count
    }

    private mutating func readBool(_ value: OpaquePointer, _ type: Int32) throws(SQLiteConversionFailure) {
        switch type {
        case SQLITE_INTEGER:
            switch sqlite3_value_int64(value) {
            case 0: builder.append(false)
            case 1: builder.append(true)
            default: throw SQLiteConversionFailure()
            }
        case SQLITE_FLOAT:
            switch sqlite3_value_double(value) {
            case 0: builder.append(false)
            case 1: builder.append(true)
            default: throw SQLiteConversionFailure()
            }
        case SQLITE_TEXT:
            let bytes = textBytes(value)
            if SQLiteColumnReader.equalsIgnoringCase(bytes, "true") {
                builder.append(true)
            } else if SQLiteColumnReader.equalsIgnoringCase(bytes, "false") {
                builder.append(false)
            } else {
                throw SQLiteConversionFailure()
            }
        default:
            throw SQLiteConversionFailure()
        }
    }

    private mutating func readTimestamp(_ value: OpaquePointer, _ type: Int32) throws(SQLiteConversionFailure) {
        switch type {
        case SQLITE_TEXT:
            switch TemporalText.parseTimestamp(textBytes(value)) {
            case .microseconds(let micros): builder.append(micros)
            case .hasZone:
                throw SQLiteConversionFailure(
                    "the text has a time zone, but the column holds timestamps without zone; store local times, or convert in a query (datetime(col) gives UTC)"
                )
            case .invalid: throw SQLiteConversionFailure()
            }
        case SQLITE_INTEGER:
            let (micros, overflow) = sqlite3_value_int64(value).multipliedReportingOverflow(by: 1_000_000)
            guard !overflow else { throw SQLiteConversionFailure("Unix seconds out of the timestamp range") }
            builder.append(micros)
        default:
            throw SQLiteConversionFailure()
        }
    }

    private mutating func readDecimal(_ value: OpaquePointer, _ type: Int32, precision: Int, scale: Int)
        throws(SQLiteConversionFailure)
    {
        let unscaled: Int128
        do {
            switch type {
            case SQLITE_INTEGER:
                unscaled = try DecimalText.fromInteger(sqlite3_value_int64(value), precision: precision, scale: scale)
            case SQLITE_FLOAT:
                unscaled = try DecimalText.fromDouble(sqlite3_value_double(value), precision: precision, scale: scale)
            case SQLITE_TEXT:
                unscaled = try DecimalText.fromText(textBytes(value), precision: precision, scale: scale)
            default:
                throw SQLiteConversionFailure()
            }
        } catch let failure as DecimalText.Failure {
            switch failure {
            case .invalid: throw SQLiteConversionFailure()
            case .exceedsPrecision:
                throw SQLiteConversionFailure("more than \(precision - scale) digits before the decimal point")
            }
        } catch let failure as SQLiteConversionFailure {
            throw failure
        } catch {
            throw SQLiteConversionFailure()
        }
        if precision <= 18 {
            builder.append(Int64(unscaled))
        } else {
            builder.append(unscaled)
        }
    }

    /// `value` as Int64 when it is integral and in range.
    @inline(__always)
    static func exactInt64(_ value: Double) -> Int64? {
        guard value >= -9_223_372_036_854_775_808.0, value < 9_223_372_036_854_775_808.0,
            value.rounded(.towardZero) == value
        else { return nil }
        return Int64(value)
    }

    /// `value` as Double when the double holds it exactly.
    @inline(__always)
    static func exactDouble(_ value: Int64) -> Double? {
        let double = Double(value)
        guard double < 9_223_372_036_854_775_808.0, Int64(double) == value else { return nil }
        return double
    }

    private static func equalsIgnoringCase(_ bytes: UnsafeRawBufferPointer, _ word: StaticString) -> Bool {
        guard bytes.count == word.utf8CodeUnitCount else { return false }
        let expected = UnsafeRawBufferPointer(start: word.utf8Start, count: word.utf8CodeUnitCount)
        for i in 0..<bytes.count where bytes[i] | 0x20 != expected[i] { return false }
        return true
    }
}
