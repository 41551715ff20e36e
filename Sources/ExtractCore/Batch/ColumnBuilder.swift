/// Accumulates the values of one column, row by row, into typed contiguous buffers, then
/// hands them over as a ``Column``.
///
/// Sources call the `append` that matches the column's ``ColumnType/storage`` (for example
/// ``append(_:)-(Int64)`` for `int64`, `time`, `timestamp` and `decimal(p ≤ 18)`), or
/// ``appendNull()``. No value is boxed.
///
/// ```swift
/// var ids = ColumnBuilder(type: .int64)
/// ids.append(Int64(1)); ids.appendNull()
/// let column = ids.finish()   // 2 rows, 1 NULL
/// ```
public struct ColumnBuilder: Sendable {
    /// The logical type of the column being built.
    public let type: ColumnType
    @usableFromInline var bools: [Bool] = []
    @usableFromInline var int32s: [Int32] = []
    @usableFromInline var int64s: [Int64] = []
    @usableFromInline var int128s: [Int128] = []
    @usableFromInline var floats: [Float] = []
    @usableFromInline var doubles: [Double] = []
    @usableFromInline var bytes = ByteArrayBuffer()
    @usableFromInline var validity: ValidityBitmap? = nil
    /// The number of rows appended so far.
    public var count: Int { rowCount }
    @usableFromInline var rowCount = 0
    @usableFromInline let capacity: Int

    /// Creates a builder for `type`, reserving room for `capacity` rows.
    public init(type: ColumnType, capacity: Int = ColumnBatch.defaultRowCount) {
        self.type = type
        self.capacity = capacity
        reserve()
    }

    private mutating func reserve() {
        switch type.storage {
        case .bool: bools.reserveCapacity(capacity)
        case .int32: int32s.reserveCapacity(capacity)
        case .int64: int64s.reserveCapacity(capacity)
        case .int128: int128s.reserveCapacity(capacity)
        case .float: floats.reserveCapacity(capacity)
        case .double: doubles.reserveCapacity(capacity)
        case .bytes: bytes = ByteArrayBuffer(minimumCapacity: capacity, minimumDataCapacity: capacity * 16)
        }
    }

    /// Bytes held by variable-length values so far (0 for fixed-width columns); sources use it
    /// to end a batch early when strings are large.
    @inlinable
    public var dataByteCount: Int { bytes.data.count }

    @inlinable
    mutating func markValid() {
        rowCount += 1
        if validity != nil { validity!.append(true) }
    }

    /// Appends a NULL row.
    public mutating func appendNull() {
        if validity == nil {
            var bitmap = ValidityBitmap(minimumCapacity: capacity)
            for _ in 0..<count { bitmap.append(true) }
            validity = bitmap
        }
        validity!.append(false)
        rowCount += 1
        switch type.storage {
        case .bool: bools.append(false)
        case .int32: int32s.append(0)
        case .int64: int64s.append(0)
        case .int128: int128s.append(0)
        case .float: floats.append(0)
        case .double: doubles.append(0)
        case .bytes: bytes.appendEmpty()
        }
    }

    /// Appends a `bool` value.
    @inlinable public mutating func append(_ value: Bool) { bools.append(value); markValid() }
    /// Appends an `int8`/`int16`/`int32` value or a `date` (days since 1970-01-01).
    @inlinable public mutating func append(_ value: Int32) { int32s.append(value); markValid() }
    /// Appends an `int64`, `time`, `timestamp` or unscaled `decimal(p ≤ 18)` value.
    @inlinable public mutating func append(_ value: Int64) { int64s.append(value); markValid() }
    /// Appends an unscaled `decimal(p > 18)` value.
    @inlinable public mutating func append(_ value: Int128) { int128s.append(value); markValid() }
    /// Appends a `float` value.
    @inlinable public mutating func append(_ value: Float) { floats.append(value); markValid() }
    /// Appends a `double` value.
    @inlinable public mutating func append(_ value: Double) { doubles.append(value); markValid() }
    /// Appends a `string` (UTF-8 bytes, kept exactly) or `binary` value.
    @inlinable public mutating func append(bytes value: UnsafeRawBufferPointer) { bytes.append(value); markValid() }
    /// Appends a `string` value.
    public mutating func append(string value: String) {
        var value = value
        value.withUTF8 { bytes.append(UnsafeRawBufferPointer($0)) }
        markValid()
    }

    /// Returns the column built so far and starts an empty one.
    public mutating func finish() -> Column {
        let values: ColumnValues
        switch type.storage {
        case .bool: values = .bool(bools); bools = []
        case .int32: values = .int32(int32s); int32s = []
        case .int64: values = .int64(int64s); int64s = []
        case .int128: values = .int128(int128s); int128s = []
        case .float: values = .float(floats); floats = []
        case .double: values = .double(doubles); doubles = []
        case .bytes: values = .bytes(bytes); bytes = ByteArrayBuffer()
        }
        let column = Column(type: type, values: values, validity: validity)
        validity = nil
        rowCount = 0
        reserve()
        return column
    }
}
