/// One value of a Parquet record, for nested data (Delta checkpoints) and statistics.
///
/// Scalars carry the storage of their ``ColumnType`` (see ``ColumnType``): a decimal is its
/// unscaled integer, a timestamp its units since 1970, a date its days; strings (UTF8, ENUM,
/// JSON, UUID annotations) are `.string`, other byte arrays `.bytes`.
public indirect enum ParquetValue: Sendable, Hashable {
    case null
    case bool(Bool)
    case int32(Int32)
    case int64(Int64)
    case int128(Int128)
    case float(Float)
    case double(Double)
    case string(String)
    case bytes([UInt8])
    /// A LIST (or a bare repeated field): the elements in order.
    case list([ParquetValue])
    /// A MAP: the entries in file order (keys are never NULL).
    case map([ParquetMapEntry])
    /// A struct: its fields in schema order.
    case group([ParquetGroupField])

    public var isNull: Bool { self == .null }

    /// The field `name` of a struct (`.null` when absent or when this is not a struct).
    public subscript(field name: String) -> ParquetValue {
        guard case .group(let fields) = self else { return .null }
        return fields.first { $0.name == name }?.value ?? .null
    }

    /// The text of a `.string` (or UTF-8 `.bytes`) value.
    public var stringValue: String? {
        switch self {
        case .string(let s): s
        case .bytes(let b): String(decoding: b, as: UTF8.self)
        default: nil
        }
    }

    /// Any integer scalar as Int64 (when it fits).
    public var int64Value: Int64? {
        switch self {
        case .int32(let v): Int64(v)
        case .int64(let v): v
        case .int128(let v): Int64(exactly: v)
        default: nil
        }
    }

    /// The elements of a `.list` (`[]` for anything else, NULL included).
    public var listValue: [ParquetValue] {
        if case .list(let v) = self { return v }
        return []
    }

    /// The entries of a `.map` (`[]` for anything else, NULL included).
    public var mapValue: [ParquetMapEntry] {
        if case .map(let v) = self { return v }
        return []
    }
}

/// One entry of a ``ParquetValue/map(_:)``.
public struct ParquetMapEntry: Sendable, Hashable {
    public var key: ParquetValue
    public var value: ParquetValue
    public init(key: ParquetValue, value: ParquetValue) {
        self.key = key
        self.value = value
    }
}

/// One field of a ``ParquetValue/group(_:)``.
public struct ParquetGroupField: Sendable, Hashable {
    public var name: String
    public var value: ParquetValue
    public init(name: String, value: ParquetValue) {
        self.name = name
        self.value = value
    }
}

extension ParquetValue {
    /// Element `index` of a column's values (NULLs are the caller's business).
    static func scalar(_ values: ColumnValues, at index: Int, type: ColumnType) -> ParquetValue {
        switch values {
        case .bool(let v): return .bool(v[index])
        case .int32(let v): return .int32(v[index])
        case .int64(let v): return .int64(v[index])
        case .int128(let v): return .int128(v[index])
        case .float(let v): return .float(v[index])
        case .double(let v): return .double(v[index])
        case .bytes(let b):
            let bytes = b.withBytes(at: index) { [UInt8]($0) }
            return type == .string ? .string(String(decoding: bytes, as: UTF8.self)) : .bytes(bytes)
        }
    }

    /// A PLAIN-encoded statistic (BYTE_ARRAY without its length prefix) as a value.
    static func statistic(_ bytes: [UInt8], leaf: ParquetLeafColumn, type: ParquetLeafType) -> ParquetValue? {
        var physical = PhysicalValues(physicalType: leaf.physicalType)
        if leaf.physicalType == .byteArray {
            physical.bytes.append(contentsOf: bytes)
        } else {
            do {
                try bytes.withUnsafeBytes { raw in
                    var cursor = ByteCursor(raw)
                    try PlainDecoder.decode(
                        &cursor,
                        physicalType: leaf.physicalType,
                        typeLength: leaf.typeLength,
                        count: 1,
                        into: &physical
                    )
                }
            } catch {
                return nil
            }
        }
        guard physical.count == 1, let values = try? ParquetConversion.convert(physical, type: type) else { return nil }
        return scalar(values, at: 0, type: type.columnType)
    }
}
