/// A value of a fixed-width Parquet physical type (INT32, INT64, FLOAT, DOUBLE) as the encoders
/// need it: its PLAIN bytes, a dictionary key, and its order for statistics.
protocol ParquetFixedWidthValue: BitwiseCopyable, Sendable {
    /// The PLAIN width in bytes (4 or 8).
    static var byteWidth: Int { get }
    /// The dictionary key: the bit pattern, so that distinct encodings (−0.0 and +0.0, NaN
    /// payloads) stay distinct dictionary entries.
    var dictionaryKey: UInt64 { get }
    /// Whether the value is a NaN (never for integers): NaNs are left out of min/max.
    var isNaNValue: Bool { get }
    /// The order of the column's statistics (signed for integers, numeric for floats).
    static func precedes(_ a: Self, _ b: Self) -> Bool
    /// The value written as a minimum bound (floats: a zero becomes −0.0).
    var asMinimumBound: Self { get }
    /// The value written as a maximum bound (floats: a zero becomes +0.0).
    var asMaximumBound: Self { get }
}

extension ParquetFixedWidthValue {
    /// The PLAIN (little-endian) bytes of the value.
    @inline(__always)
    var plainBytes: [UInt8] {
        withUnsafeBytes(of: self) { Array($0) }  // little-endian platforms only (Linux x86-64/arm64, macOS)
    }
}

extension Int32: ParquetFixedWidthValue {
    static var byteWidth: Int { 4 }
    @inline(__always) var dictionaryKey: UInt64 { UInt64(UInt32(bitPattern: self)) }
    @inline(__always) var isNaNValue: Bool { false }
    @inline(__always) static func precedes(_ a: Int32, _ b: Int32) -> Bool { a < b }
    @inline(__always) var asMinimumBound: Int32 { self }
    @inline(__always) var asMaximumBound: Int32 { self }
}

extension Int64: ParquetFixedWidthValue {
    static var byteWidth: Int { 8 }
    @inline(__always) var dictionaryKey: UInt64 { UInt64(bitPattern: self) }
    @inline(__always) var isNaNValue: Bool { false }
    @inline(__always) static func precedes(_ a: Int64, _ b: Int64) -> Bool { a < b }
    @inline(__always) var asMinimumBound: Int64 { self }
    @inline(__always) var asMaximumBound: Int64 { self }
}

extension Float: ParquetFixedWidthValue {
    static var byteWidth: Int { 4 }
    @inline(__always) var dictionaryKey: UInt64 { UInt64(bitPattern) }
    @inline(__always) var isNaNValue: Bool { isNaN }
    @inline(__always) static func precedes(_ a: Float, _ b: Float) -> Bool { a < b }
    @inline(__always) var asMinimumBound: Float { self == 0 ? -0.0 : self }
    @inline(__always) var asMaximumBound: Float { self == 0 ? 0.0 : self }
}

extension Double: ParquetFixedWidthValue {
    static var byteWidth: Int { 8 }
    @inline(__always) var dictionaryKey: UInt64 { bitPattern }
    @inline(__always) var isNaNValue: Bool { isNaN }
    @inline(__always) static func precedes(_ a: Double, _ b: Double) -> Bool { a < b }
    @inline(__always) var asMinimumBound: Double { self == 0 ? -0.0 : self }
    @inline(__always) var asMaximumBound: Double { self == 0 ? 0.0 : self }
}
