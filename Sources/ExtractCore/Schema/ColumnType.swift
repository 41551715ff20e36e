/// The resolution of a time-of-day or timestamp value.
public enum TimeUnit: String, Sendable, Hashable, Codable, CaseIterable {
    case milliseconds
    case microseconds
    case nanoseconds

    /// How many units make one second.
    @inlinable
    public var perSecond: Int64 {
        switch self {
        case .milliseconds: return 1_000
        case .microseconds: return 1_000_000
        case .nanoseconds: return 1_000_000_000
        }
    }

    /// Digits after the decimal point of a second (3, 6 or 9).
    @inlinable
    public var fractionDigits: Int {
        switch self {
        case .milliseconds: return 3
        case .microseconds: return 6
        case .nanoseconds: return 9
        }
    }
}

/// The logical type of a column: what its values mean, independent of any file format.
///
/// Every type has one physical representation in a ``Column`` (see ``ColumnType/storage``):
///
/// | type | storage | meaning of a stored value |
/// |---|---|---|
/// | `bool` | `.bool` | |
/// | `int8`, `int16`, `int32` | `.int32` | the value |
/// | `int64` | `.int64` | the value |
/// | `float` | `.float` | |
/// | `double` | `.double` | |
/// | `decimal(p, s)`, p ≤ 18 | `.int64` | the unscaled value (value × 10^s) |
/// | `decimal(p, s)`, p > 18 | `.int128` | the unscaled value (value × 10^s) |
/// | `string` | `.bytes` | UTF-8 bytes, never normalised |
/// | `binary` | `.bytes` | raw bytes |
/// | `date` | `.int32` | days since 1970-01-01 |
/// | `time(unit)` | `.int64` | units since midnight |
/// | `timestamp(unit, utc)` | `.int64` | units since 1970-01-01 00:00:00 (UTC when `isAdjustedToUTC`) |
public enum ColumnType: Sendable, Hashable {
    case bool
    case int8
    case int16
    case int32
    case int64
    case float
    case double
    /// An exact decimal number with `precision` significant digits, `scale` of them after the point.
    /// Precision 1...38, scale 0...precision.
    case decimal(precision: Int, scale: Int)
    case string
    case binary
    case date
    case time(TimeUnit)
    case timestamp(TimeUnit, isAdjustedToUTC: Bool)

    /// The largest decimal precision supported (fits a signed 128-bit unscaled value).
    public static let maxDecimalPrecision = 38

    /// The physical buffer kind that holds values of this type inside a ``Column``.
    @inlinable
    public var storage: ColumnStorageKind {
        switch self {
        case .bool: return .bool
        case .int8, .int16, .int32, .date: return .int32
        case .int64, .time, .timestamp: return .int64
        case .float: return .float
        case .double: return .double
        case .decimal(let precision, _): return precision <= 18 ? .int64 : .int128
        case .string, .binary: return .bytes
        }
    }
}

extension ColumnType: CustomStringConvertible {
    /// A compact, stable spelling: `int64`, `decimal(12,2)`, `timestamp(us, utc)`.
    public var description: String {
        switch self {
        case .bool: return "bool"
        case .int8: return "int8"
        case .int16: return "int16"
        case .int32: return "int32"
        case .int64: return "int64"
        case .float: return "float"
        case .double: return "double"
        case .decimal(let p, let s): return "decimal(\(p),\(s))"
        case .string: return "string"
        case .binary: return "binary"
        case .date: return "date"
        case .time(let unit): return "time(\(unit.shortName))"
        case .timestamp(let unit, let utc): return "timestamp(\(unit.shortName)\(utc ? ", utc" : ""))"
        }
    }
}

extension TimeUnit {
    /// `ms`, `us` or `ns`.
    public var shortName: String {
        switch self {
        case .milliseconds: return "ms"
        case .microseconds: return "us"
        case .nanoseconds: return "ns"
        }
    }
}

/// The physical buffer kinds a ``Column`` can hold.
public enum ColumnStorageKind: Sendable, Hashable {
    case bool
    case int32
    case int64
    case int128
    case float
    case double
    case bytes
}
