/// Parquet `TimeUnit` union.
enum ParquetTimeUnit: Sendable, Hashable, ThriftStruct {
    case millis, micros, nanos

    init(_ unit: TimeUnit) {
        switch unit {
        case .milliseconds: self = .millis
        case .microseconds: self = .micros
        case .nanoseconds: self = .nanos
        }
    }

    func write(to writer: inout CompactProtocolWriter) {
        writer.beginStruct()
        let id: Int16
        switch self {
        case .millis: id = 1
        case .micros: id = 2
        case .nanos: id = 3
        }
        writer.field(id, struct: ThriftEmptyStruct())
        writer.endStruct()
    }
}

/// Parquet `LogicalType` union. swift-extract writes string, decimal, date, time, timestamp and
/// integer; the reader knows every member and keeps unknown ones as ``other(fieldID:)``.
enum ParquetLogicalType: Sendable, Hashable, ThriftStruct {
    case string
    case map
    case list
    case `enum`
    case unknown
    case json
    case bson
    case uuid
    case float16
    case variant
    case geometry
    case geography
    /// A union member this reader does not know (a newer format version).
    case other(fieldID: Int16)
    case decimal(scale: Int32, precision: Int32)
    case date
    case time(isAdjustedToUTC: Bool, unit: ParquetTimeUnit)
    case timestamp(isAdjustedToUTC: Bool, unit: ParquetTimeUnit)
    case integer(bitWidth: Int8, isSigned: Bool)

    func write(to writer: inout CompactProtocolWriter) {
        writer.beginStruct()
        switch self {
        case .string:
            writer.field(1, struct: ThriftEmptyStruct())
        case .map: writer.field(2, struct: ThriftEmptyStruct())
        case .list: writer.field(3, struct: ThriftEmptyStruct())
        case .enum: writer.field(4, struct: ThriftEmptyStruct())
        case .unknown: writer.field(11, struct: ThriftEmptyStruct())
        case .json: writer.field(12, struct: ThriftEmptyStruct())
        case .bson: writer.field(13, struct: ThriftEmptyStruct())
        case .uuid: writer.field(14, struct: ThriftEmptyStruct())
        case .float16: writer.field(15, struct: ThriftEmptyStruct())
        case .variant: writer.field(16, struct: ThriftEmptyStruct())
        case .geometry: writer.field(17, struct: ThriftEmptyStruct())
        case .geography: writer.field(18, struct: ThriftEmptyStruct())
        case .other(let id): writer.field(id, struct: ThriftEmptyStruct())
        case .decimal(let scale, let precision):
            writer.field(5, struct: DecimalType(scale: scale, precision: precision))
        case .date:
            writer.field(6, struct: ThriftEmptyStruct())
        case .time(let utc, let unit):
            writer.field(7, struct: TimeLikeType(isAdjustedToUTC: utc, unit: unit))
        case .timestamp(let utc, let unit):
            writer.field(8, struct: TimeLikeType(isAdjustedToUTC: utc, unit: unit))
        case .integer(let bitWidth, let isSigned):
            writer.field(10, struct: IntType(bitWidth: bitWidth, isSigned: isSigned))
        }
        writer.endStruct()
    }

    /// `DecimalType { 1: required i32 scale; 2: required i32 precision }`.
    private struct DecimalType: ThriftStruct {
        var scale: Int32
        var precision: Int32
        func write(to writer: inout CompactProtocolWriter) {
            writer.beginStruct()
            writer.field(1, i32: scale)
            writer.field(2, i32: precision)
            writer.endStruct()
        }
    }

    /// `TimeType` and `TimestampType`: `{ 1: required bool isAdjustedToUTC; 2: required TimeUnit unit }`.
    private struct TimeLikeType: ThriftStruct {
        var isAdjustedToUTC: Bool
        var unit: ParquetTimeUnit
        func write(to writer: inout CompactProtocolWriter) {
            writer.beginStruct()
            writer.field(1, bool: isAdjustedToUTC)
            writer.field(2, struct: unit)
            writer.endStruct()
        }
    }

    /// `IntType { 1: required i8 bitWidth; 2: required bool isSigned }`.
    private struct IntType: ThriftStruct {
        var bitWidth: Int8
        var isSigned: Bool
        func write(to writer: inout CompactProtocolWriter) {
            writer.beginStruct()
            writer.field(1, i8: bitWidth)
            writer.field(2, bool: isSigned)
            writer.endStruct()
        }
    }
}

/// Parquet `ColumnOrder` union: swift-extract always writes TYPE_ORDER.
struct ParquetColumnOrder: ThriftStruct {
    func write(to writer: inout CompactProtocolWriter) {
        writer.beginStruct()
        writer.field(1, struct: ThriftEmptyStruct())
        writer.endStruct()
    }
}
