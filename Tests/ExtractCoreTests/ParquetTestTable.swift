import ExtractCore
import Foundation

/// A synthetic table for Parquet tests: every column type, each as a required column, a nullable
/// column with some NULLs and an all-NULL column; built as ``ColumnBatch``es and, from the same
/// values, as the expected CSV that `parquet_check.py --expect-csv` compares against.
struct ParquetTestTable {
    /// How values repeat, which decides the encoding the writer picks.
    enum Cardinality {
        /// 37 distinct values per column: the dictionary pays.
        case low
        /// Every row distinct.
        case unique
        /// 5 distinct values for the first 250 rows, then every row distinct: the first pages are
        /// dictionary-encoded, then the dictionary passes a small limit and later pages are PLAIN.
        case growing

        func key(_ row: Int) -> Int {
            switch self {
            case .low: return row % 37
            case .unique: return row
            case .growing: return row < 250 ? row % 5 : row
            }
        }
    }

    /// One test value (boxed per cell: fine in tests).
    enum Value: Sendable {
        case bool(Bool), i32(Int32), i64(Int64), i128(Int128), f(Float), d(Double), bytes([UInt8])
    }

    struct ColumnSpec: Sendable {
        var name: String
        var type: ColumnType
        var value: @Sendable (Int) -> Value
    }

    static let strings: [String] = [
        "", "a", "delivered", "Café", "Cafe\u{301}", "日本語のメモ", "👨‍👩‍👧 family", "🇯🇵",
        "quote \" and, comma", "line\nbreak", "tab\tand|pipe", "Ωmega", "ß straße",
        String(repeating: "long-ascii-", count: 10),
        String(repeating: "x", count: 63) + "é" + String(repeating: "y", count: 10),
        String(repeating: "\u{10FFFF}", count: 20),
        String(repeating: "z", count: 64), String(repeating: "z", count: 65),
    ]

    static let binaries: [[UInt8]] = [
        [], [0], [0xFF], [0x00, 0x01, 0x02], Array(repeating: 0xFF, count: 70), Array(0...99),
        Array(repeating: 0x7F, count: 64) + [0xFF, 0x01],
    ]

    static func pow10(_ n: Int) -> Int128 { (0..<n).reduce(Int128(1)) { acc, _ in acc * 10 } }

    /// The base column types with their value generators (key → value).
    static let baseColumns: [ColumnSpec] = [
        ColumnSpec(name: "bool", type: .bool) { .bool($0 % 3 == 0) },
        ColumnSpec(name: "int8", type: .int8) { .i32(Int32(($0 * 37) % 256 - 128)) },
        ColumnSpec(name: "int16", type: .int16) { .i32(Int32(($0 * 1009) % 65536 - 32768)) },
        ColumnSpec(name: "int32", type: .int32) { k in
            .i32(k == 0 ? .min : k == 1 ? .max : Int32(truncatingIfNeeded: k &* 2_654_435_761))
        },
        ColumnSpec(name: "int64", type: .int64) { k in
            .i64(k == 0 ? .min : k == 1 ? .max : Int64(k) &* 0x1E37_79B9_7F4A_7C15)
        },
        ColumnSpec(name: "float", type: .float) { k in
            switch k {
            case 0: return .f(-0.0)
            case 1: return .f(.nan)
            case 2: return .f(.infinity)
            case 3: return .f(-.infinity)
            default: return .f(Float(k) * 1.5 - 20.25)
            }
        },
        ColumnSpec(name: "double", type: .double) { k in
            switch k {
            case 0: return .d(0.0)
            case 1: return .d(.nan)
            case 5: return .d(1e300)
            default: return .d(Double(k) * 1234.5678 - 1e6)
            }
        },
        ColumnSpec(name: "dec9", type: .decimal(precision: 9, scale: 2)) { k in
            .i64(k == 0 ? 999_999_999 : k == 1 ? -999_999_999 : Int64((k * 7919) % 1_999_999 - 999_999))
        },
        ColumnSpec(name: "dec18", type: .decimal(precision: 18, scale: 4)) { k in
            .i64(k == 0 ? 999_999_999_999_999_999 : k == 1 ? -999_999_999_999_999_999 : Int64(k) * 1_000_003_001 - 77)
        },
        ColumnSpec(name: "dec38", type: .decimal(precision: 38, scale: 10)) { k in
            // Near the 38-digit limit, but with ≤ 28 significant digits: parquet_check decodes decimal
            // statistics through Python's Decimal with its default 28-digit context.
            let max = (pow10(25) - 1) * pow10(13)
            return .i128(k == 0 ? max : k == 1 ? -max : Int128(k) * pow10(25) + Int128(k) - 5 * pow10(26))
        },
        ColumnSpec(name: "dec20", type: .decimal(precision: 20, scale: 0)) { k in
            let max = pow10(20) - 1
            return .i128(k == 0 ? max : k == 1 ? -max : Int128(k) * 12_345_678_901 - 99)
        },
        ColumnSpec(name: "string", type: .string) { k in
            let base = strings[k % strings.count]
            return .bytes(Array((k >= strings.count ? base + "#\(k)" : base).utf8))
        },
        ColumnSpec(name: "binary", type: .binary) { k in
            let base = binaries[k % binaries.count]
            return .bytes(k >= binaries.count ? base + withUnsafeBytes(of: UInt32(k).bigEndian) { Array($0) } : base)
        },
        ColumnSpec(name: "date", type: .date) { .i32(Int32(($0 * 97) % 40_000 - 20_000)) },
        ColumnSpec(name: "time_us", type: .time(.microseconds)) { .i64(Int64($0) * 1_234_567_891 % 86_400_000_000) },
        ColumnSpec(name: "time_ms", type: .time(.milliseconds)) { .i64(Int64($0) * 12_345_679 % 86_400_000) },
        ColumnSpec(name: "time_ns", type: .time(.nanoseconds)) {
            .i64(Int64($0) * 1_234_567_891_234 % 86_400_000_000_000)
        },
        ColumnSpec(name: "ts_us_utc", type: .timestamp(.microseconds, isAdjustedToUTC: true)) {
            .i64(Int64($0) * 987_654_321_123 % 4_000_000_000_000_000 - 1_000_000_000_000_000)
        },
        ColumnSpec(name: "ts_us_local", type: .timestamp(.microseconds, isAdjustedToUTC: false)) {
            .i64(Int64($0) * 123_456_789_123 % 3_000_000_000_000_000)
        },
        ColumnSpec(name: "ts_ms_utc", type: .timestamp(.milliseconds, isAdjustedToUTC: true)) {
            .i64(Int64($0) * 987_654_321 % 4_000_000_000_000 - 100_000_000_000)
        },
        ColumnSpec(name: "ts_ns_local", type: .timestamp(.nanoseconds, isAdjustedToUTC: false)) {
            .i64(Int64($0) * 987_654_321_123_457 % 4_000_000_000_000_000_000)
        },
    ]

    /// Nulls variants of a column: required, some NULLs (every third row), all NULL.
    enum NullMode: String, CaseIterable { case none = "nn", some, all }

    let fields: [Field]
    let specs: [(spec: ColumnSpec, nulls: NullMode)]
    let rows: Int
    let cardinality: Cardinality

    init(
        rows: Int,
        cardinality: Cardinality,
        columns: [ColumnSpec] = ParquetTestTable.baseColumns,
        nullModes: [NullMode] = NullMode.allCases
    ) {
        var specs: [(ColumnSpec, NullMode)] = []
        for spec in columns { for mode in nullModes { specs.append((spec, mode)) } }
        self.specs = specs
        self.fields = specs.map { Field("\($0.0.name)_\($0.1.rawValue)", $0.0.type, nullable: $0.1 != .none) }
        self.rows = rows
        self.cardinality = cardinality
    }

    var schema: Schema { Schema(fields) }

    func isNull(row: Int, _ mode: NullMode) -> Bool {
        switch mode {
        case .none: return false
        case .some: return row % 3 == 1
        case .all: return true
        }
    }

    /// The rows `range` as one batch.
    func batch(_ range: Range<Int>) -> ColumnBatch {
        let columns = specs.map { spec, mode -> Column in
            var builder = ColumnBuilder(type: spec.type, capacity: range.count)
            for row in range {
                if isNull(row: row, mode) { builder.appendNull(); continue }
                switch spec.value(cardinality.key(row)) {
                case .bool(let v): builder.append(v)
                case .i32(let v): builder.append(v)
                case .i64(let v): builder.append(v)
                case .i128(let v): builder.append(v)
                case .f(let v): builder.append(v)
                case .d(let v): builder.append(v)
                case .bytes(let v): v.withUnsafeBytes { builder.append(bytes: $0) }
                }
            }
            return builder.finish()
        }
        return ColumnBatch(schema: schema, columns: columns)
    }

    /// Every row, in batches of `batchRows`.
    func batches(batchRows: Int = 700) -> [ColumnBatch] {
        stride(from: 0, to: rows, by: batchRows).map { batch($0..<Swift.min(rows, $0 + batchRows)) }
    }

    /// The expected CSV (NULL written as `\N`, every other cell quoted).
    func expectedCSV() -> String {
        var out = fields.map { "\"\($0.name)\"" }.joined(separator: ",") + "\n"
        for row in 0..<rows {
            var cells: [String] = []
            for (spec, mode) in specs {
                if isNull(row: row, mode) { cells.append("\\N"); continue }
                let text = Self.format(spec.value(cardinality.key(row)), spec.type)
                cells.append("\"" + text.replacingOccurrences(of: "\"", with: "\"\"") + "\"")
            }
            out += cells.joined(separator: ",") + "\n"
        }
        return out
    }

    static func format(_ value: Value, _ type: ColumnType) -> String {
        switch (value, type) {
        case (.bool(let v), _): return v ? "true" : "false"
        case (.i32(let v), .date): return formatDate(Int64(v))
        case (.i32(let v), _): return String(v)
        case (.i64(let v), .decimal(_, let scale)): return formatDecimal(Int128(v), scale: scale)
        case (.i128(let v), .decimal(_, let scale)): return formatDecimal(v, scale: scale)
        case (.i64(let v), .time(let unit)): return formatTime(v, unit)
        case (.i64(let v), .timestamp(let unit, _)):
            let perDay = 86_400 * unit.perSecond
            let days = v >= 0 ? v / perDay : (v - perDay + 1) / perDay
            return formatDate(days) + " " + formatTime(v - days * perDay, unit)
        case (.i64(let v), _): return String(v)
        case (.i128(let v), _): return String(v)
        case (.f(let v), _): return v.isNaN ? "nan" : v.isInfinite ? (v < 0 ? "-inf" : "inf") : "\(v)"
        case (.d(let v), _): return v.isNaN ? "nan" : v.isInfinite ? (v < 0 ? "-inf" : "inf") : "\(v)"
        case (.bytes(let v), .string): return String(decoding: v, as: UTF8.self)
        case (.bytes(let v), _): return "0x" + v.map { String(format: "%02x", $0) }.joined()
        }
    }

    static func formatDecimal(_ unscaled: Int128, scale: Int) -> String {
        let negative = unscaled < 0
        var digits = String(negative ? -unscaled : unscaled)
        if scale > 0 {
            if digits.count <= scale { digits = String(repeating: "0", count: scale - digits.count + 1) + digits }
            digits.insert(".", at: digits.index(digits.endIndex, offsetBy: -scale))
        }
        return (negative ? "-" : "") + digits
    }

    static func formatDate(_ days: Int64) -> String {
        let z = days + 719_468
        let era = (z >= 0 ? z : z - 146_096) / 146_097
        let doe = z - era * 146_097
        let yoe = (doe - doe / 1460 + doe / 36524 - doe / 146_096) / 365
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100)
        let mp = (5 * doy + 2) / 153
        let d = doy - (153 * mp + 2) / 5 + 1
        let m = mp < 10 ? mp + 3 : mp - 9
        let y = yoe + era * 400 + (m <= 2 ? 1 : 0)
        return String(format: "%04lld-%02lld-%02lld", y, m, d)
    }

    static func formatTime(_ value: Int64, _ unit: TimeUnit) -> String {
        let seconds = value / unit.perSecond
        let fraction = value % unit.perSecond
        var text = String(format: "%02lld:%02lld:%02lld", seconds / 3600, seconds / 60 % 60, seconds % 60)
        if fraction != 0 {
            var f = String(fraction)
            f = String(repeating: "0", count: unit.fractionDigits - f.count) + f
            while f.hasSuffix("0") { f.removeLast() }
            text += "." + f
        }
        return text
    }
}
