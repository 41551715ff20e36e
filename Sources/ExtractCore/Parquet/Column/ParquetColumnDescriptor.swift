/// How one ``Field`` is stored in Parquet: physical type, annotations, sort order, and how the
/// values of its ``Column`` become physical values.
struct ParquetColumnDescriptor: Sendable {
    /// How a column's in-memory values become the physical values.
    enum Conversion: Sendable {
        case boolean
        /// `.int32` storage written as INT32.
        case int32
        /// `.int64` storage narrowed to INT32 (TIME millis, DECIMAL precision ≤ 9); values must fit.
        case int64ToInt32
        /// `.int64` storage written as INT64.
        case int64
        case float
        case double
        /// `.bytes` written as BYTE_ARRAY.
        case byteArray
        /// `.int128` (or `.int64`) unscaled decimals written as big-endian two's complement FLBA.
        case decimalFixed(width: Int)
    }

    let field: Field
    let physicalType: ParquetPhysicalType
    let conversion: Conversion
    let typeLength: Int32?
    let logicalType: ParquetLogicalType?
    let convertedType: ParquetConvertedType?
    let scale: Int32?
    let precision: Int32?
    /// Whether statistics use a signed order (deprecated min/max are then written too).
    let isSignedOrder: Bool
    var isOptional: Bool { field.nullable }

    /// The minimal FLBA width holding every unscaled value of `precision` digits.
    static func decimalByteWidth(precision: Int) -> Int {
        // The smallest n with 10^precision - 1 ≤ 2^(8n - 1) - 1.
        var n = 1
        while n < 16 {
            // log2(10^p) = p * 3.3219...; compare exactly with integers where possible.
            let bits = 8 * n - 1
            if bits >= 127 { break }
            let limit = Int128(1) << Int128(bits)
            var power: Int128 = 1
            var fits = true
            for _ in 0..<precision {
                power *= 10
                if power > limit { fits = false; break }
            }
            if fits && power - 1 < limit { return n }
            n += 1
        }
        return 16
    }

    init(field: Field) throws {
        self.field = field
        var typeLength: Int32? = nil
        var logical: ParquetLogicalType? = nil
        var converted: ParquetConvertedType? = nil
        var scale: Int32? = nil, precision: Int32? = nil
        var signed = true
        let physical: ParquetPhysicalType
        let conversion: Conversion
        switch field.type {
        case .bool:
            physical = .boolean; conversion = .boolean; signed = false
        case .int8:
            physical = .int32; conversion = .int32
            logical = .integer(bitWidth: 8, isSigned: true); converted = .int8
        case .int16:
            physical = .int32; conversion = .int32
            logical = .integer(bitWidth: 16, isSigned: true); converted = .int16
        case .int32:
            physical = .int32; conversion = .int32
        case .int64:
            physical = .int64; conversion = .int64
        case .float:
            physical = .float; conversion = .float
        case .double:
            physical = .double; conversion = .double
        case .decimal(let p, let s):
            guard p >= 1, p <= ColumnType.maxDecimalPrecision, s >= 0, s <= p else {
                throw ExtractError(
                    .unsupported,
                    "decimal(\(p),\(s)) cannot be written to Parquet; precision must be 1...38 and scale 0...precision",
                    context: .init(column: field.name)
                )
            }
            logical = .decimal(scale: Int32(s), precision: Int32(p)); converted = .decimal
            scale = Int32(s); precision = Int32(p)
            if p <= 9 {
                physical = .int32; conversion = .int64ToInt32
            } else if p <= 18 {
                physical = .int64; conversion = .int64
            } else {
                let width = Self.decimalByteWidth(precision: p)
                physical = .fixedLenByteArray; conversion = .decimalFixed(width: width)
                typeLength = Int32(width)
            }
        case .string:
            physical = .byteArray; conversion = .byteArray
            logical = .string; converted = .utf8; signed = false
        case .binary:
            physical = .byteArray; conversion = .byteArray; signed = false
        case .date:
            physical = .int32; conversion = .int32
            logical = .date; converted = .date
        case .time(let unit):
            logical = .time(isAdjustedToUTC: false, unit: ParquetTimeUnit(unit))
            switch unit {
            case .milliseconds: physical = .int32; conversion = .int64ToInt32; converted = .timeMillis
            case .microseconds: physical = .int64; conversion = .int64; converted = .timeMicros
            case .nanoseconds: physical = .int64; conversion = .int64
            }
        case .timestamp(let unit, let utc):
            physical = .int64; conversion = .int64
            logical = .timestamp(isAdjustedToUTC: utc, unit: ParquetTimeUnit(unit))
            // parquet.thrift: "use ConvertedType TIMESTAMP_MICROS for TIMESTAMP(isAdjustedToUTC = *, unit = MICROS)".
            switch unit {
            case .milliseconds: converted = .timestampMillis
            case .microseconds: converted = .timestampMicros
            case .nanoseconds: converted = nil
            }
        }
        self.physicalType = physical
        self.conversion = conversion
        self.typeLength = typeLength
        self.logicalType = logical
        self.convertedType = converted
        self.scale = scale
        self.precision = precision
        self.isSignedOrder = signed
    }

    /// The leaf's schema element.
    var schemaElement: ParquetSchemaElement {
        ParquetSchemaElement(
            type: physicalType,
            typeLength: typeLength,
            repetition: isOptional ? .optional : .required,
            name: field.name,
            numChildren: nil,
            convertedType: convertedType,
            scale: scale,
            precision: precision,
            logicalType: logicalType
        )
    }
}
