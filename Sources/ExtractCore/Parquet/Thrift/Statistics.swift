/// Parquet `Statistics` of a page or a column chunk. Values are PLAIN-encoded without the
/// BYTE_ARRAY length prefix.
struct ParquetStatistics: ThriftStruct, Sendable {
    /// Deprecated signed-order maximum (written only for signed-order columns).
    var max: [UInt8]?
    /// Deprecated signed-order minimum.
    var min: [UInt8]?
    var nullCount: Int64?
    var distinctCount: Int64?
    var maxValue: [UInt8]?
    var minValue: [UInt8]?
    var isMaxValueExact: Bool?
    var isMinValueExact: Bool?
    var nanCount: Int64?

    func write(to writer: inout CompactProtocolWriter) {
        writer.beginStruct()
        writer.field(1, binary: max)
        writer.field(2, binary: min)
        writer.field(3, i64: nullCount)
        writer.field(4, i64: distinctCount)
        writer.field(5, binary: maxValue)
        writer.field(6, binary: minValue)
        writer.field(7, bool: isMaxValueExact)
        writer.field(8, bool: isMinValueExact)
        writer.field(9, i64: nanCount)
        writer.endStruct()
    }
}
