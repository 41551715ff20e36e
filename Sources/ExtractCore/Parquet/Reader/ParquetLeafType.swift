/// How a primitive Parquet column maps to a project ``ColumnType``, from its LogicalType (or,
/// for older writers, its ConvertedType) and physical type (lakehouse.md §3.1).
struct ParquetLeafType: Sendable {
    /// How decoded physical values become the column's storage.
    enum Conversion: Sendable, Equatable {
        /// The physical values are the storage (INT32 → int32, BYTE_ARRAY → bytes, INT96 → µs...).
        case none
        /// INT32 widened to the int64 storage (decimal ≤ 18 digits, TIME millis).
        case int32ToInt64
        /// INT32 holding a UINT_32 bit pattern, widened to int64.
        case uint32ToInt64
        /// INT64 holding a UINT_64 bit pattern, as an unscaled decimal(20,0).
        case uint64ToInt128
        /// INT64 widened to int128 (decimal precision > 18 on INT64: never valid, but cheap).
        case int64ToInt128
        /// Big-endian two's complement bytes (FLBA or BYTE_ARRAY) to an unscaled int64.
        case bytesToDecimal64
        /// Big-endian two's complement bytes to an unscaled int128.
        case bytesToDecimal128
        /// FLBA(2) half floats to float.
        case float16ToFloat
        /// FLBA(16) to the canonical 36-character text.
        case uuidToString
        /// The UNKNOWN (null) logical type: every value is NULL.
        case allNull
    }

    let columnType: ColumnType
    let conversion: Conversion

    /// The storage a batch accumulates before ``conversion``: the physical kind.
    static func map(_ element: ParquetSchemaElement) -> Result<ParquetLeafType, ParquetTypeRefusal> {
        guard let physicalType = element.type else { return .failure(.init(reason: "it is a group")) }
        let physical = physicalType
        let width = Int(element.typeLength ?? 0)
        func plain() -> ParquetLeafType { ParquetLeafType.physical(physicalType) }
        func decimal(precision: Int32, scale: Int32) -> Result<ParquetLeafType, ParquetTypeRefusal> {
            let p = Int(precision), s = Int(scale)
            guard p >= 1, p <= ColumnType.maxDecimalPrecision, s >= 0, s <= p else {
                return .failure(
                    .init(
                        reason: "it is decimal(\(p),\(s)); this build reads precision 1...38 with scale 0...precision"
                    )
                )
            }
            let type = ColumnType.decimal(precision: p, scale: s)
            switch physical {
            case .int32: return .success(.init(columnType: type, conversion: .int32ToInt64))
            case .int64: return .success(.init(columnType: type, conversion: p <= 18 ? .none : .int64ToInt128))
            case .byteArray, .fixedLenByteArray:
                return .success(.init(columnType: type, conversion: p <= 18 ? .bytesToDecimal64 : .bytesToDecimal128))
            default: return .failure(.init(reason: "it is a decimal stored as \(physical.name)"))
            }
        }
        func timeLike(_ unit: ParquetTimeUnit, timestamp: Bool, utc: Bool) -> Result<
            ParquetLeafType, ParquetTypeRefusal
        > {
            let u: TimeUnit = unit == .millis ? .milliseconds : unit == .micros ? .microseconds : .nanoseconds
            let type: ColumnType = timestamp ? .timestamp(u, isAdjustedToUTC: utc) : .time(u)
            switch physical {
            case .int64: return .success(.init(columnType: type, conversion: .none))
            case .int32 where !timestamp && u == .milliseconds:
                return .success(.init(columnType: type, conversion: .int32ToInt64))
            default: return .failure(.init(reason: "it is \(type) stored as \(physical.name)"))
            }
        }
        if let logical = element.logicalType {
            switch logical {
            case .string, .enum, .json:
                guard physical == .byteArray || physical == .fixedLenByteArray else { break }
                return .success(.init(columnType: .string, conversion: .none))
            case .bson:
                return .success(.init(columnType: .binary, conversion: .none))
            case .uuid:
                guard physical == .fixedLenByteArray, width == 16 else {
                    return .failure(.init(reason: "it is a UUID of \(width) bytes"))
                }
                return .success(.init(columnType: .string, conversion: .uuidToString))
            case .float16:
                guard physical == .fixedLenByteArray, width == 2 else {
                    return .failure(.init(reason: "it is a FLOAT16 of \(width) bytes"))
                }
                return .success(.init(columnType: .float, conversion: .float16ToFloat))
            case .decimal(let scale, let precision):
                return decimal(precision: precision, scale: scale)
            case .date:
                guard physical == .int32 else {
                    return .failure(.init(reason: "it is a date stored as \(physical.name)"))
                }
                return .success(.init(columnType: .date, conversion: .none))
            case .time(_, let unit):
                return timeLike(unit, timestamp: false, utc: false)
            case .timestamp(let utc, let unit):
                return timeLike(unit, timestamp: true, utc: utc)
            case .integer(let bits, let signed):
                return integer(bits: Int(bits), signed: signed, physical: physical)
            case .unknown:
                var mapped = plain()
                mapped = .init(columnType: mapped.columnType, conversion: .allNull)
                return .success(mapped)
            case .variant: return .failure(.init(reason: "it is a VARIANT"))
            case .geometry: return .failure(.init(reason: "it is a GEOMETRY"))
            case .geography: return .failure(.init(reason: "it is a GEOGRAPHY"))
            case .map, .list:
                return .failure(.init(reason: "it is a \(logical == .map ? "MAP" : "LIST") annotation on a primitive"))
            case .other:
                // A newer annotation: read the physical values as they are (pyarrow and DuckDB do).
                return .success(plain())
            }
        }
        if let converted = element.convertedType {
            switch converted {
            case .utf8, .enum, .json:
                if physical == .byteArray || physical == .fixedLenByteArray {
                    return .success(.init(columnType: .string, conversion: .none))
                }
            case .bson: return .success(.init(columnType: .binary, conversion: .none))
            case .decimal:
                return decimal(precision: element.precision ?? 0, scale: element.scale ?? 0)
            case .date:
                if physical == .int32 { return .success(.init(columnType: .date, conversion: .none)) }
            case .timeMillis: return timeLike(.millis, timestamp: false, utc: false)
            case .timeMicros: return timeLike(.micros, timestamp: false, utc: false)
            case .timestampMillis: return timeLike(.millis, timestamp: true, utc: true)
            case .timestampMicros: return timeLike(.micros, timestamp: true, utc: true)
            case .int8: return integer(bits: 8, signed: true, physical: physical)
            case .int16: return integer(bits: 16, signed: true, physical: physical)
            case .int32: return integer(bits: 32, signed: true, physical: physical)
            case .int64: return integer(bits: 64, signed: true, physical: physical)
            case .uint8: return integer(bits: 8, signed: false, physical: physical)
            case .uint16: return integer(bits: 16, signed: false, physical: physical)
            case .uint32: return integer(bits: 32, signed: false, physical: physical)
            case .uint64: return integer(bits: 64, signed: false, physical: physical)
            case .interval: return .failure(.init(reason: "it is an INTERVAL"))
            case .map, .mapKeyValue, .list: break
            }
        }
        return .success(plain())
    }

    /// The physical type read as it is (for record reading of annotations this build refuses).
    static func physical(_ type: ParquetPhysicalType) -> ParquetLeafType {
        switch type {
        case .boolean: .init(columnType: .bool, conversion: .none)
        case .int32: .init(columnType: .int32, conversion: .none)
        case .int64: .init(columnType: .int64, conversion: .none)
        case .int96: .init(columnType: .timestamp(.microseconds, isAdjustedToUTC: true), conversion: .none)
        case .float: .init(columnType: .float, conversion: .none)
        case .double: .init(columnType: .double, conversion: .none)
        case .byteArray, .fixedLenByteArray: .init(columnType: .binary, conversion: .none)
        }
    }

    private static func integer(bits: Int, signed: Bool, physical: ParquetPhysicalType) -> Result<
        ParquetLeafType, ParquetTypeRefusal
    > {
        switch (physical, bits, signed) {
        case (.int32, 8, true): return .success(.init(columnType: .int8, conversion: .none))
        case (.int32, 16, true): return .success(.init(columnType: .int16, conversion: .none))
        case (.int32, 32, true): return .success(.init(columnType: .int32, conversion: .none))
        // Unsigned widen as Spark does: UINT8/16 → int32, UINT32 → int64, UINT64 → decimal(20,0).
        case (.int32, 8, false), (.int32, 16, false): return .success(.init(columnType: .int32, conversion: .none))
        case (.int32, 32, false): return .success(.init(columnType: .int64, conversion: .uint32ToInt64))
        case (.int64, 64, true): return .success(.init(columnType: .int64, conversion: .none))
        case (.int64, 64, false):
            return .success(.init(columnType: .decimal(precision: 20, scale: 0), conversion: .uint64ToInt128))
        default:
            return .failure(
                .init(
                    reason: "it is a \(bits)-bit \(signed ? "signed" : "unsigned") integer stored as \(physical.name)"
                )
            )
        }
    }
}

/// Why a column cannot be read as a project column type.
struct ParquetTypeRefusal: Error, Sendable {
    let reason: String
}
