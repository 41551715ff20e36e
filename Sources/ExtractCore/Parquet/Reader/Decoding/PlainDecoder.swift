/// PLAIN decoding of every physical type (Encodings.md): fixed-width little-endian values,
/// LSB-first bit-packed booleans, 4-byte-length-prefixed BYTE_ARRAY, bare FIXED_LEN_BYTE_ARRAY,
/// and INT96 (8 bytes nanoseconds of the day + 4 bytes Julian day) converted to microseconds.
enum PlainDecoder {
    static func decode(
        _ cursor: inout ByteCursor,
        physicalType: ParquetPhysicalType,
        typeLength: Int,
        count: Int,
        into values: inout PhysicalValues
    ) throws {
        switch physicalType {
        case .boolean:
            let bytes = try cursor.take((count + 7) / 8)
            values.bools.reserveCapacity(values.bools.count + count)
            for i in 0..<count { values.bools.append(bytes[i >> 3] & (1 << UInt8(i & 7)) != 0) }
        case .int32: try appendFixed(&cursor, count: count, into: &values.int32s)
        case .int64: try appendFixed(&cursor, count: count, into: &values.int64s)
        case .float: try appendFixed(&cursor, count: count, into: &values.floats)
        case .double: try appendFixed(&cursor, count: count, into: &values.doubles)
        case .int96:
            let (size, overflow) = count.multipliedReportingOverflow(by: 12)
            guard !overflow else { throw ParquetDecodingError.truncated("INT96 values") }
            let bytes = try cursor.take(size)
            values.int64s.reserveCapacity(values.int64s.count + count)
            for i in 0..<count {
                let nanos = Int64(littleEndian: bytes.loadUnaligned(fromByteOffset: i * 12, as: Int64.self))
                let day = Int32(littleEndian: bytes.loadUnaligned(fromByteOffset: i * 12 + 8, as: Int32.self))
                values.int64s.append(int96Micros(day: day, nanosOfDay: nanos))
            }
        case .byteArray:
            values.bytes.offsetStorage.reserveCapacity(values.bytes.offsetStorage.count + count)
            values.bytes.dataStorage.reserveCapacity(
                values.bytes.dataStorage.count + max(0, cursor.remaining - 4 * count)
            )
            for _ in 0..<count {
                let length = try cursor.readUInt32LE()
                guard length <= UInt32(cursor.remaining) else {
                    throw ParquetDecodingError.truncated("a BYTE_ARRAY value")
                }
                values.bytes.append(try cursor.take(Int(length)))
            }
        case .fixedLenByteArray:
            let (size, overflow) = count.multipliedReportingOverflow(by: typeLength)
            guard !overflow else { throw ParquetDecodingError.truncated("FIXED_LEN_BYTE_ARRAY values") }
            let bytes = try cursor.take(size)
            values.bytes.dataStorage.append(contentsOf: bytes)
            var offset = values.bytes.offsetStorage[values.bytes.offsetStorage.count - 1]
            values.bytes.offsetStorage.reserveCapacity(values.bytes.offsetStorage.count + count)
            for _ in 0..<count {
                offset &+= Int32(truncatingIfNeeded: typeLength)
                values.bytes.offsetStorage.append(offset)
            }
        }
    }

    /// Microseconds since 1970 of an INT96 timestamp, as Spark converts it (never nanoseconds,
    /// which wrap outside 1677...2262). Corrupt values wrap instead of trapping.
    @inline(__always)
    static func int96Micros(day: Int32, nanosOfDay: Int64) -> Int64 {
        (Int64(day) &- 2_440_588) &* 86_400_000_000 &+ nanosOfDay / 1000
    }

    static func appendFixed<T: FixedWidthInteger>(_ cursor: inout ByteCursor, count: Int, into output: inout [T]) throws
    {
        let (size, overflow) = count.multipliedReportingOverflow(by: MemoryLayout<T>.size)
        guard !overflow else { throw ParquetDecodingError.truncated("values") }
        let bytes = try cursor.take(size)
        guard size > 0 else { return }
        let start = output.count
        output.append(contentsOf: repeatElement(0, count: count))
        output.withUnsafeMutableBytes { out in
            out.baseAddress!.advanced(by: start * MemoryLayout<T>.size).copyMemory(
                from: bytes.baseAddress!,
                byteCount: size
            )
        }
        #if _endian(big)
            for i in start..<output.count { output[i] = T(littleEndian: output[i]) }
        #endif
    }

    static func appendFixed<T: BinaryFloatingPoint>(_ cursor: inout ByteCursor, count: Int, into output: inout [T])
        throws
    {
        let (size, overflow) = count.multipliedReportingOverflow(by: MemoryLayout<T>.size)
        guard !overflow else { throw ParquetDecodingError.truncated("values") }
        let bytes = try cursor.take(size)
        guard size > 0 else { return }
        let start = output.count
        output.append(contentsOf: repeatElement(0, count: count))
        output.withUnsafeMutableBytes { out in
            out.baseAddress!.advanced(by: start * MemoryLayout<T>.size).copyMemory(
                from: bytes.baseAddress!,
                byteCount: size
            )
        }
    }
}
