import ExtractCore

/// How a column's declared SQLite type becomes a ``ColumnType``.
///
/// SQLite stores any value in any column; the declared type is the only statement of intent, so
/// it decides the column type, and values are then converted (or rejected) one by one.
///
/// | declared type (case-insensitive; `(…)` ignored unless noted) | column type |
/// |---|---|
/// | `BOOLEAN`, `BOOL` | `bool` |
/// | `DATE` | `date` |
/// | `DATETIME`, `TIMESTAMP` | `timestamp(us)`, not UTC-adjusted |
/// | `TIME` | `time(us)` |
/// | `DECIMAL(p,s)`, `NUMERIC(p,s)`; `DECIMAL(p)` | `decimal(p,s)`; `decimal(p,0)` (p 1…38, s 0…p) |
/// | `DECIMAL`, `NUMERIC` without precision | `double` (SQLite stores such values as 8-byte REAL or INTEGER anyway) |
/// | otherwise SQLite's affinity rules, in order: | |
/// | name contains `INT` (`INTEGER`, `BIGINT`, `TINYINT`, `UNSIGNED BIG INT`, …) | `int64` |
/// | contains `CHAR`, `CLOB` or `TEXT` (`VARCHAR(20)`, `NCHAR`, …) | `string` |
/// | contains `BLOB` | `binary` |
/// | contains `REAL`, `FLOA` or `DOUB` (`DOUBLE PRECISION`, `FLOAT`) | `double` |
/// | empty (no declared type, or an expression in a query) or any other name (`JSON`, `MONEY`) | ``inferred`` |
///
/// An ``inferred`` column takes its type from its first non-NULL value in the first batch
/// (INTEGER → `int64`, REAL → `double`, TEXT → `string`, BLOB → `binary`; all NULL → `string`)
/// and keeps it for the rest of the rows.
public enum SQLiteTypeMapping: Sendable, Hashable {
    /// The declared type fixes the column type.
    case declared(ColumnType)
    /// No usable declared type: the type comes from the first non-NULL value.
    case inferred

    /// The mapping of `declaredType` (`nil` or empty for none).
    ///
    /// - Throws: ``ExtractError/Code/unsupported`` for a decimal whose precision or scale is
    ///   out of range (`DECIMAL(50,2)`, `NUMERIC(5,7)`).
    public static func forDeclaredType(_ declaredType: String?) throws -> SQLiteTypeMapping {
        guard let declaredType else { return .inferred }
        let upper = declaredType.uppercased()
        // The name is what precedes "(", with runs of spaces made single.
        let nameEnd = upper.firstIndex(of: "(") ?? upper.endIndex
        let name = upper[..<nameEnd].split(whereSeparator: { $0 == " " || $0 == "\t" || $0 == "\n" || $0 == "\r" })
            .joined(separator: " ")
        if name.isEmpty { return .inferred }
        switch name {
        case "BOOLEAN", "BOOL": return .declared(.bool)
        case "DATE": return .declared(.date)
        case "DATETIME", "TIMESTAMP", "TIMESTAMP WITHOUT TIME ZONE":
            return .declared(.timestamp(.microseconds, isAdjustedToUTC: false))
        case "TIME", "TIME WITHOUT TIME ZONE": return .declared(.time(.microseconds))
        case "DECIMAL", "NUMERIC":
            guard nameEnd < upper.endIndex else { return .declared(.double) }
            return .declared(try decimal(declaredType, parameters: upper[upper.index(after: nameEnd)...]))
        default: break
        }
        if name.contains("INT") { return .declared(.int64) }
        if name.contains("CHAR") || name.contains("CLOB") || name.contains("TEXT") { return .declared(.string) }
        if name.contains("BLOB") { return .declared(.binary) }
        if name.contains("REAL") || name.contains("FLOA") || name.contains("DOUB") { return .declared(.double) }
        return .inferred
    }

    /// `decimal(p,s)` from the text after `(` of `DECIMAL(p,s)` or `DECIMAL(p)`.
    private static func decimal(_ declared: String, parameters: Substring) throws -> ColumnType {
        func unsupported(_ why: String) -> ExtractError {
            ExtractError(
                .unsupported,
                "declared type \(declared) \(why); declare DECIMAL(p,s) with p 1...\(ColumnType.maxDecimalPrecision) and s 0...p, or cast the column in a query",
                context: .init(value: declared)
            )
        }
        guard let close = parameters.firstIndex(of: ")"),
            parameters[parameters.index(after: close)...].allSatisfy({ $0 == " " })
        else {
            throw unsupported("is not DECIMAL(p,s)")
        }
        let numbers = parameters[..<close].split(separator: ",", omittingEmptySubsequences: false)
            .map { $0.trimmingSpaces() }
        guard (1...2).contains(numbers.count), let precision = Int(numbers[0]) else {
            throw unsupported("is not DECIMAL(p,s)")
        }
        let scale: Int
        if numbers.count == 2 {
            guard let s = Int(numbers[1]) else { throw unsupported("is not DECIMAL(p,s)") }
            scale = s
        } else {
            scale = 0
        }
        guard (1...ColumnType.maxDecimalPrecision).contains(precision) else {
            throw unsupported("has precision \(precision), outside 1...\(ColumnType.maxDecimalPrecision)")
        }
        guard (0...precision).contains(scale) else {
            throw unsupported("has scale \(scale), outside 0...\(precision)")
        }
        return .decimal(precision: precision, scale: scale)
    }
}

extension Substring {
    /// The text without leading and trailing spaces.
    func trimmingSpaces() -> Substring {
        var text = self
        while text.first == " " { text = text.dropFirst() }
        while text.last == " " { text = text.dropLast() }
        return text
    }
}
