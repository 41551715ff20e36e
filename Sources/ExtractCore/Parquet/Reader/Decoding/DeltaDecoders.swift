/// DELTA_BINARY_PACKED, DELTA_LENGTH_BYTE_ARRAY, DELTA_BYTE_ARRAY and BYTE_STREAM_SPLIT
/// (Encodings.md). Arithmetic wraps in 64 bits, so INT32 columns are exact after truncation.
enum DeltaDecoders {
    /// Decodes `count` DELTA_BINARY_PACKED integers and leaves `cursor` after the blocks holding them.
    static func binaryPacked(_ cursor: inout ByteCursor, count: Int) throws -> [Int64] {
        let blockSize = try cursor.readVarint()
        let miniblocks = try cursor.readVarint()
        let total = try cursor.readVarint()
        var value = try cursor.readZigzag()
        guard blockSize > 0, blockSize % 128 == 0, blockSize <= 1 << 20, miniblocks > 0, blockSize % miniblocks == 0,
            (blockSize / miniblocks) % 32 == 0
        else {
            throw ParquetDecodingError.malformed(
                "a DELTA_BINARY_PACKED header has block size \(blockSize) and \(miniblocks) miniblocks"
            )
        }
        guard total >= UInt64(count) else {
            throw ParquetDecodingError.malformed(
                "a DELTA_BINARY_PACKED run holds \(total) values where \(count) are needed"
            )
        }
        var result: [Int64] = []
        guard count > 0 else { return result }
        result.reserveCapacity(count)
        result.append(value)
        let miniblockSize = Int(blockSize / miniblocks)
        let miniblockCount = Int(miniblocks)
        var widths = [Int](repeating: 0, count: miniblockCount)
        var scratch: [UInt64] = []
        scratch.reserveCapacity(miniblockSize)
        while result.count < count {
            let minDelta = try cursor.readZigzag()
            for i in 0..<miniblockCount { widths[i] = Int(try cursor.readByte()) }
            for m in 0..<miniblockCount where result.count < count {
                let width = widths[m]
                guard width <= 64 else {
                    throw ParquetDecodingError.malformed("a DELTA_BINARY_PACKED miniblock has bit width \(width)")
                }
                let bytes = try cursor.take(miniblockSize * width / 8)
                scratch.removeAll(keepingCapacity: true)
                unpack64(bytes, bitWidth: width, count: miniblockSize, into: &scratch)
                let needed = min(miniblockSize, count - result.count)
                for i in 0..<needed {
                    value = value &+ minDelta &+ Int64(bitPattern: scratch[i])
                    result.append(value)
                }
            }
        }
        return result
    }

    /// Appends `count` values of `bitWidth` (0...64) bits packed LSB first.
    static func unpack64(_ bytes: UnsafeRawBufferPointer, bitWidth: Int, count: Int, into output: inout [UInt64]) {
        guard bitWidth > 0 else {
            output.append(contentsOf: repeatElement(0, count: count))
            return
        }
        let mask: UInt64 = bitWidth == 64 ? ~0 : (1 << UInt64(bitWidth)) - 1
        for i in 0..<count {
            let bit = i * bitWidth
            var byte = bit >> 3
            let shift = bit & 7
            var v: UInt64 = 0
            var got = 0
            // Gather enough bytes for shift + bitWidth bits (at most 9 bytes).
            while got < shift + bitWidth && byte < bytes.count {
                let b = UInt64(bytes[byte])
                if got < 64 { v |= b << UInt64(got) }
                got += 8
                byte += 1
            }
            var result = v >> UInt64(shift)
            if shift + bitWidth > 64 && (bit >> 3) + 8 < bytes.count {
                result |= UInt64(bytes[(bit >> 3) + 8]) << UInt64(64 - shift)
            }
            output.append(result & mask)
        }
    }

    /// DELTA_LENGTH_BYTE_ARRAY: the lengths (DELTA_BINARY_PACKED), then the bytes back to back.
    static func lengthByteArray(_ cursor: inout ByteCursor, count: Int, into output: inout ByteArrayBuffer) throws {
        let lengths = try binaryPacked(&cursor, count: count)
        var total = 0
        for length in lengths {
            guard length >= 0, length <= Int64(cursor.remaining) else {
                throw ParquetDecodingError.malformed("a DELTA_LENGTH_BYTE_ARRAY length \(length) is out of range")
            }
            total += Int(length)
            guard total <= cursor.remaining else {
                throw ParquetDecodingError.truncated("DELTA_LENGTH_BYTE_ARRAY values")
            }
        }
        output.dataStorage.reserveCapacity(output.dataStorage.count + total)
        for length in lengths { output.append(try cursor.take(Int(length))) }
    }

    /// DELTA_BYTE_ARRAY: prefix lengths (DELTA_BINARY_PACKED), then the suffixes
    /// (DELTA_LENGTH_BYTE_ARRAY); each value is the previous value's prefix plus its suffix.
    static func byteArray(_ cursor: inout ByteCursor, count: Int, into output: inout ByteArrayBuffer) throws {
        let prefixes = try binaryPacked(&cursor, count: count)
        var suffixes = ByteArrayBuffer()
        try lengthByteArray(&cursor, count: count, into: &suffixes)
        var previous: [UInt8] = []
        var current: [UInt8] = []
        for i in 0..<count {
            let prefix = prefixes[i]
            guard prefix >= 0, prefix <= Int64(previous.count) else {
                throw ParquetDecodingError.malformed(
                    "a DELTA_BYTE_ARRAY prefix length \(prefix) is longer than the previous value"
                )
            }
            current.removeAll(keepingCapacity: true)
            current.append(contentsOf: previous[0..<Int(prefix)])
            suffixes.withBytes(at: i) { current.append(contentsOf: $0) }
            output.append(contentsOf: current)
            swap(&previous, &current)
        }
    }

    /// BYTE_STREAM_SPLIT: byte k of every value in stream k. `width` is the value size.
    static func byteStreamSplit(
        _ cursor: inout ByteCursor,
        physicalType: ParquetPhysicalType,
        width: Int,
        count: Int,
        into values: inout PhysicalValues
    ) throws {
        guard width > 0 else { throw ParquetDecodingError.malformed("BYTE_STREAM_SPLIT needs a fixed value width") }
        let (size, overflow) = count.multipliedReportingOverflow(by: width)
        guard !overflow else { throw ParquetDecodingError.truncated("BYTE_STREAM_SPLIT values") }
        let streams = try cursor.take(size)
        var joined = [UInt8](repeating: 0, count: size)
        for i in 0..<count {
            for k in 0..<width { joined[i * width + k] = streams[k * count + i] }
        }
        try joined.withUnsafeBytes { raw in
            var inner = ByteCursor(raw)
            try PlainDecoder.decode(&inner, physicalType: physicalType, typeLength: width, count: count, into: &values)
        }
    }
}
