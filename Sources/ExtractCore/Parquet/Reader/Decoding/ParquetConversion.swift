/// Turns decoded physical values into the storage of the column's logical type.
enum ParquetConversion {
    static func convert(_ physical: PhysicalValues, type: ParquetLeafType) throws -> ColumnValues {
        let storage = type.columnType.storage
        switch type.conversion {
        case .allNull:
            return placeholders(storage, count: physical.count)
        case .uint32ToInt64:
            return .int64(physical.int32s.map { Int64(UInt32(bitPattern: $0)) })
        case .uint64ToInt128:
            return .int128(physical.int64s.map { Int128(UInt64(bitPattern: $0)) })
        case .float16ToFloat:
            var out: [Float] = []
            out.reserveCapacity(physical.count)
            for i in 0..<physical.bytes.count {
                // NULL placeholders are empty; a value of another width is corruption (never read past it).
                let bits: UInt16? = try physical.bytes.withBytes(at: i) { b in
                    if b.isEmpty { return nil }
                    guard b.count == 2 else {
                        throw ParquetDecodingError.malformed("a FLOAT16 value has \(b.count) bytes")
                    }
                    return UInt16(b[0]) | UInt16(b[1]) << 8
                }
                out.append(bits.map(halfToFloat) ?? 0)
            }
            return .float(out)
        case .uuidToString:
            var out = ByteArrayBuffer(minimumCapacity: physical.count, minimumDataCapacity: physical.count * 36)
            let hex = Array("0123456789abcdef".utf8)
            var text = [UInt8](repeating: 0, count: 36)
            for i in 0..<physical.bytes.count {
                let empty = try physical.bytes.withBytes(at: i) { b in
                    if b.isEmpty { return true }
                    guard b.count == 16 else {
                        throw ParquetDecodingError.malformed("a UUID value has \(b.count) bytes")
                    }
                    var j = 0
                    for k in 0..<16 {
                        if k == 4 || k == 6 || k == 8 || k == 10 { text[j] = UInt8(ascii: "-"); j += 1 }
                        text[j] = hex[Int(b[k] >> 4)]
                        text[j + 1] = hex[Int(b[k] & 0xF)]
                        j += 2
                    }
                    return false
                }
                if empty { out.appendEmpty() } else { out.append(contentsOf: text) }
            }
            return .bytes(out)
        case .bytesToDecimal64, .bytesToDecimal128:
            var wide: [Int128] = []
            wide.reserveCapacity(physical.bytes.count)
            for i in 0..<physical.bytes.count {
                wide.append(try physical.bytes.withBytes(at: i) { try bigEndianInteger($0) })
            }
            if storage == .int128 { return .int128(wide) }
            var narrow: [Int64] = []
            narrow.reserveCapacity(wide.count)
            for v in wide {
                guard let n = Int64(exactly: v) else {
                    throw ParquetDecodingError.malformed("a decimal value \(v) exceeds the column's precision")
                }
                narrow.append(n)
            }
            return .int64(narrow)
        case .none, .int32ToInt64, .int64ToInt128:
            switch (physical.kind, storage) {
            case (.bool, .bool): return .bool(physical.bools)
            case (.int32, .int32): return .int32(physical.int32s)
            case (.int32, .int64): return .int64(physical.int32s.map(Int64.init))
            case (.int32, .int128): return .int128(physical.int32s.map { Int128($0) })
            case (.int64, .int64): return .int64(physical.int64s)
            case (.int64, .int128): return .int128(physical.int64s.map { Int128($0) })
            case (.float, .float): return .float(physical.floats)
            case (.double, .double): return .double(physical.doubles)
            case (.bytes, .bytes): return .bytes(physical.bytes)
            default:
                throw ParquetDecodingError.unsupported(
                    "values of physical kind \(physical.kind) cannot become \(type.columnType)"
                )
            }
        }
    }

    static func placeholders(_ storage: ColumnStorageKind, count: Int) -> ColumnValues {
        switch storage {
        case .bool: .bool(Array(repeating: false, count: count))
        case .int32: .int32(Array(repeating: 0, count: count))
        case .int64: .int64(Array(repeating: 0, count: count))
        case .int128: .int128(Array(repeating: 0, count: count))
        case .float: .float(Array(repeating: 0, count: count))
        case .double: .double(Array(repeating: 0, count: count))
        case .bytes:
            {
                var b = ByteArrayBuffer(minimumCapacity: count)
                for _ in 0..<count { b.appendEmpty() }
                return .bytes(b)
            }()
        }
    }

    /// A big-endian two's complement integer of up to 16 significant bytes (longer inputs must
    /// be sign extension).
    static func bigEndianInteger(_ bytes: UnsafeRawBufferPointer) throws -> Int128 {
        guard !bytes.isEmpty else { return 0 }
        let negative = bytes[0] & 0x80 != 0
        var start = 0
        if bytes.count > 16 {
            let fill: UInt8 = negative ? 0xFF : 0
            while bytes.count - start > 16 {
                guard bytes[start] == fill else {
                    throw ParquetDecodingError.malformed("a decimal value has more than 16 significant bytes")
                }
                start += 1
            }
        }
        var value: UInt128 = negative ? ~0 : 0
        for i in start..<bytes.count { value = value << 8 | UInt128(bytes[i]) }
        return Int128(bitPattern: value)
    }

    /// IEEE 754 binary16 to Float.
    static func halfToFloat(_ h: UInt16) -> Float {
        let sign = UInt32(h >> 15) << 31
        let exponent = Int((h >> 10) & 0x1F)
        let mantissa = UInt32(h & 0x3FF)
        if exponent == 0 {
            let value = Float(mantissa) * Float(sign: .plus, exponent: -24, significand: 1)
            return sign == 0 ? value : -value
        }
        if exponent == 31 {
            return Float(bitPattern: sign | 0x7F80_0000 | mantissa << 13)
        }
        return Float(bitPattern: sign | UInt32(exponent - 15 + 127) << 23 | mantissa << 13)
    }
}
