import ExtractCore

/// How a column of PostgreSQL `numeric` *without* a type modifier (`numeric`, `sum(…)`,
/// `avg(…)`) is extracted. Columns declared `numeric(p,s)` always become `decimal(p,s)`.
public enum UnconstrainedNumericRule: Sendable, Hashable {
    /// As `decimal(precision, scale)`. A value that needs more integer digits than
    /// `precision - scale`, or more fraction digits than `scale`, fails the extract with a message
    /// naming the column and the value (cast the column to `numeric(p,s)` in the query, which
    /// rounds, or use ``text``). The default is `decimal(38, 10)`.
    case decimal(precision: Int, scale: Int)
    /// As a string: PostgreSQL's own text form of the number, exactly (`NaN` and `Infinity` included).
    case text

    /// `decimal(38, 10)`.
    public static let `default` = UnconstrainedNumericRule.decimal(precision: 38, scale: 10)
}

/// The well-known PostgreSQL type OIDs (`pg_type.oid`, fixed for built-in types).
enum PostgresOID {
    static let bool: UInt32 = 16
    static let bytea: UInt32 = 17
    static let name: UInt32 = 19
    static let int8: UInt32 = 20
    static let int2: UInt32 = 21
    static let int4: UInt32 = 23
    static let text: UInt32 = 25
    static let json: UInt32 = 114
    static let float4: UInt32 = 700
    static let float8: UInt32 = 701
    static let unknown: UInt32 = 705
    static let bpchar: UInt32 = 1042
    static let varchar: UInt32 = 1043
    static let date: UInt32 = 1082
    static let time: UInt32 = 1083
    static let timestamp: UInt32 = 1114
    static let timestamptz: UInt32 = 1184
    static let numeric: UInt32 = 1700
    static let refcursor: UInt32 = 1790
    static let uuid: UInt32 = 2950
    static let jsonb: UInt32 = 3802
}

/// How the bytes of one binary-format value become a column value.
enum BinaryDecoder: Sendable, Hashable {
    case bool
    case int16
    case int32
    case int64
    case float32
    case float64
    /// `numeric` → unscaled decimal with this precision and scale.
    case numeric(precision: Int, scale: Int)
    /// `numeric` → its text form (rendered from the binary digits).
    case numericText
    /// Bytes kept as they are: text, varchar, bpchar, name, json, bytea, enum labels, `::text` casts.
    case bytes
    /// jsonb: a version byte (1), then the JSON text.
    case jsonb
    case date
    case time
    case timestamp
    case uuid
}

/// One output column: its name, its PostgreSQL type, and what it becomes.
struct PostgresColumn: Sendable, Hashable {
    var name: String
    var typeOID: UInt32
    var typeModifier: Int32
    /// The extracted type.
    var type: ColumnType
    var decoder: BinaryDecoder
    /// Whether the read query must cast the column to text (`col::text`), because its binary form
    /// is not decoded (interval, arrays, enums, ranges, network types, …).
    var castToText: Bool
    /// A short spelling of the PostgreSQL type for messages.
    var typeName: String
    /// Whether the column may hold NULLs (false only for NOT NULL columns of a table read whole).
    var nullable = true

    var field: Field { Field(name, type, nullable: nullable) }
}

/// Maps PostgreSQL types to extracted types.
///
/// | PostgreSQL | extracted as |
/// |---|---|
/// | smallint, integer, bigint | int16, int32, int64 |
/// | real, double precision | float, double |
/// | numeric(p,s), p ≤ 38 | decimal(p,s) (NaN/±Infinity fail the extract) |
/// | numeric(p,s), p > 38 | string (text form) |
/// | numeric | ``UnconstrainedNumericRule`` (default decimal(38,10)) |
/// | text, varchar, char(n), name | string (char(n) keeps its padding) |
/// | bytea | binary |
/// | boolean | bool |
/// | date | date (±infinity fails the extract) |
/// | time | time(us) |
/// | timestamp | timestamp(us), not UTC-adjusted |
/// | timestamptz | timestamp(us), UTC-adjusted |
/// | uuid | string, canonical lower-case 8-4-4-4-12 |
/// | json, jsonb | string (jsonb as PostgreSQL prints it) |
/// | anything else (interval, enums, arrays, timetz, money, inet, xml, ranges, …) | string: the server's text form (`col::text`) |
enum PostgresTypeMapping {
    static func column(
        name: String,
        typeOID: UInt32,
        typeModifier: Int32,
        unconstrainedNumeric: UnconstrainedNumericRule
    ) -> PostgresColumn {
        func make(_ type: ColumnType, _ decoder: BinaryDecoder, _ typeName: String, cast: Bool = false)
            -> PostgresColumn
        {
            PostgresColumn(
                name: name,
                typeOID: typeOID,
                typeModifier: typeModifier,
                type: type,
                decoder: decoder,
                castToText: cast,
                typeName: typeName
            )
        }
        switch typeOID {
        case PostgresOID.bool: return make(.bool, .bool, "boolean")
        case PostgresOID.int2: return make(.int16, .int16, "smallint")
        case PostgresOID.int4: return make(.int32, .int32, "integer")
        case PostgresOID.int8: return make(.int64, .int64, "bigint")
        case PostgresOID.float4: return make(.float, .float32, "real")
        case PostgresOID.float8: return make(.double, .float64, "double precision")
        case PostgresOID.text, PostgresOID.varchar, PostgresOID.bpchar, PostgresOID.name, PostgresOID.unknown:
            return make(.string, .bytes, "text")
        case PostgresOID.json: return make(.string, .bytes, "json")
        case PostgresOID.jsonb: return make(.string, .jsonb, "jsonb")
        case PostgresOID.bytea: return make(.binary, .bytes, "bytea")
        case PostgresOID.date: return make(.date, .date, "date")
        case PostgresOID.time: return make(.time(.microseconds), .time, "time")
        case PostgresOID.timestamp:
            return make(.timestamp(.microseconds, isAdjustedToUTC: false), .timestamp, "timestamp")
        case PostgresOID.timestamptz:
            return make(.timestamp(.microseconds, isAdjustedToUTC: true), .timestamp, "timestamptz")
        case PostgresOID.uuid: return make(.string, .uuid, "uuid")
        case PostgresOID.numeric:
            if let (precision, scale) = numericModifier(typeModifier) {
                // PostgreSQL 15 allows a negative scale (numeric(5,-2)) and a scale above the
                // precision (numeric(3,5)); both fit a plain decimal of the covering shape.
                let effectiveScale = max(scale, 0)
                let effectivePrecision = max(precision - min(scale, 0), effectiveScale, 1)
                if effectivePrecision > ColumnType.maxDecimalPrecision {
                    return make(.string, .numericText, "numeric(\(precision),\(scale))")
                }
                return make(
                    .decimal(precision: effectivePrecision, scale: effectiveScale),
                    .numeric(precision: effectivePrecision, scale: effectiveScale),
                    "numeric(\(precision),\(scale))"
                )
            }
            switch unconstrainedNumeric {
            case .decimal(let precision, let scale):
                return make(
                    .decimal(precision: precision, scale: scale),
                    .numeric(precision: precision, scale: scale),
                    "numeric"
                )
            case .text:
                return make(.string, .numericText, "numeric")
            }
        default:
            return make(.string, .bytes, "type oid \(typeOID)", cast: true)
        }
    }

    /// `(precision, scale)` of a `numeric` type modifier, or `nil` for plain `numeric`.
    static func numericModifier(_ modifier: Int32) -> (Int, Int)? {
        guard modifier >= 4 else { return nil }
        let value = Int(modifier - 4)
        let precision = (value >> 16) & 0xFFFF
        let scale = ((value & 0x7FF) ^ 1024) - 1024
        return (precision, scale)
    }
}
