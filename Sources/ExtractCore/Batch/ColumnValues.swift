/// The typed, contiguous values of one ``Column``. Which case a column uses follows from its
/// ``ColumnType/storage``. NULL rows hold a placeholder (zero, `false` or an empty byte string)
/// so that row `i` is always element `i`.
public enum ColumnValues: Sendable, Hashable {
    case bool([Bool])
    case int32([Int32])
    case int64([Int64])
    case int128([Int128])
    case float([Float])
    case double([Double])
    case bytes(ByteArrayBuffer)

    /// The number of values (rows).
    public var count: Int {
        switch self {
        case .bool(let v): return v.count
        case .int32(let v): return v.count
        case .int64(let v): return v.count
        case .int128(let v): return v.count
        case .float(let v): return v.count
        case .double(let v): return v.count
        case .bytes(let v): return v.count
        }
    }

    /// The rows `range` as new values.
    public func slice(_ range: Range<Int>) -> ColumnValues {
        switch self {
        case .bool(let v): return .bool(Array(v[range]))
        case .int32(let v): return .int32(Array(v[range]))
        case .int64(let v): return .int64(Array(v[range]))
        case .int128(let v): return .int128(Array(v[range]))
        case .float(let v): return .float(Array(v[range]))
        case .double(let v): return .double(Array(v[range]))
        case .bytes(let v): return .bytes(v.slice(range))
        }
    }
}
