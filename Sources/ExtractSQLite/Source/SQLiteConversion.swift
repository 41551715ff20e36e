import ExtractCore

/// What a ``SQLiteColumnReader`` does with each value of its column.
enum SQLiteConversion: Sendable, Hashable {
    /// INTEGER; a REAL with an integral value.
    case int64
    /// REAL; an INTEGER that a double holds exactly.
    case double
    /// INTEGER or REAL 0/1; TEXT `true`/`false` (any case).
    case bool
    /// TEXT `YYYY-MM-DD`.
    case date
    /// TEXT timestamp without zone; INTEGER Unix seconds.
    case timestamp
    /// TEXT `HH:MM[:SS[.f]]`.
    case time
    /// INTEGER, REAL or numeric TEXT, to an unscaled value stored as Int64 (precision ≤ 18)
    /// or Int128.
    case decimal(precision: Int, scale: Int)
    /// TEXT as its bytes; INTEGER/REAL as SQLite's text of them. A BLOB does not fit.
    case string
    /// BLOB or TEXT as their bytes. A number does not fit.
    case binary
    /// Anything as SQLite's text of it (BLOB bytes as they are), in a string column: the
    /// ``SQLiteMismatchPolicy/renderAsText`` policy.
    case text
    /// The same in a binary column (a BLOB-declared column under ``SQLiteMismatchPolicy/renderAsText``).
    case rawBytes
    /// Not decided yet: an inferred column before its first non-NULL value.
    case pending

    /// The column type the conversion produces (`nil` while pending).
    var columnType: ColumnType? {
        switch self {
        case .int64: return .int64
        case .double: return .double
        case .bool: return .bool
        case .date: return .date
        case .timestamp: return .timestamp(.microseconds, isAdjustedToUTC: false)
        case .time: return .time(.microseconds)
        case .decimal(let p, let s): return .decimal(precision: p, scale: s)
        case .string, .text: return .string
        case .binary, .rawBytes: return .binary
        case .pending: return nil
        }
    }

    /// The conversion that produces `type` under the ``SQLiteMismatchPolicy/fail`` policy.
    static func producing(_ type: ColumnType) -> SQLiteConversion {
        switch type {
        case .int8, .int16, .int32, .int64: return .int64
        case .float, .double: return .double
        case .bool: return .bool
        case .date: return .date
        case .timestamp: return .timestamp
        case .time: return .time
        case .decimal(let p, let s): return .decimal(precision: p, scale: s)
        case .string: return .string
        case .binary: return .binary
        }
    }

    /// What the column accepts, for messages.
    var expectation: String {
        switch self {
        case .int64: return "an INTEGER (or a REAL without fractional part)"
        case .double: return "a REAL (or an INTEGER a double holds exactly)"
        case .bool: return "0 or 1 (or the text true/false)"
        case .date: return "date text YYYY-MM-DD"
        case .timestamp:
            return
                "timestamp text YYYY-MM-DD[ HH:MM[:SS[.fffffffff]]] (space or T, no time zone) or INTEGER Unix seconds"
        case .time: return "time text HH:MM[:SS[.fffffffff]]"
        case .decimal(let p, let s): return "a number that fits decimal(\(p),\(s))"
        case .string: return "TEXT (or a number)"
        case .binary: return "a BLOB (or TEXT)"
        case .text, .rawBytes, .pending: return "any value"
        }
    }
}
