/// Parsers for the date and time texts SQLite databases hold (SQLite has no date type; its own
/// date functions use the same ISO-8601 shapes). They read the bytes in place: no `String`,
/// no allocation.
///
/// | text | accepted shapes |
/// |---|---|
/// | date | `YYYY-MM-DD` |
/// | time | `HH:MM`, `HH:MM:SS`, `HH:MM:SS.f` (1 to 9 fraction digits) |
/// | timestamp | a date alone, or a date, `T` or one space, and a time as above |
///
/// Fraction digits beyond microseconds are truncated. A timestamp followed by a zone (`Z`,
/// `±HH`, `±HH:MM`, `±HHMM`) is reported as ``TimestampResult/hasZone``: the target column is a
/// wall-clock timestamp without zone, and shifting values silently would change them.
enum TemporalText {
    /// The outcome of ``parseTimestamp(_:)``.
    enum TimestampResult: Equatable {
        case microseconds(Int64)
        case hasZone
        case invalid
    }

    /// Days since 1970-01-01 for exactly `YYYY-MM-DD`, or `nil`.
    static func parseDate(_ bytes: UnsafeRawBufferPointer) -> Int32? {
        guard bytes.count == 10, let days = date(bytes, 0) else { return nil }
        return Int32(days)
    }

    /// Microseconds since midnight for `HH:MM[:SS[.f]]`, or `nil`.
    static func parseTime(_ bytes: UnsafeRawBufferPointer) -> Int64? {
        var index = 0
        guard let micros = time(bytes, &index), index == bytes.count else { return nil }
        return micros
    }

    /// Microseconds since 1970-01-01 00:00:00 (no zone) for a timestamp text.
    static func parseTimestamp(_ bytes: UnsafeRawBufferPointer) -> TimestampResult {
        guard bytes.count >= 10, let days = date(bytes, 0) else { return .invalid }
        var micros = Int64(days) * 86_400_000_000
        var index = 10
        if index == bytes.count { return .microseconds(micros) }
        let separator = bytes[index]
        guard separator == UInt8(ascii: "T") || separator == UInt8(ascii: " ") else { return .invalid }
        index += 1
        guard let time = time(bytes, &index) else { return .invalid }
        micros += time
        if index == bytes.count { return .microseconds(micros) }
        return isZone(bytes, index) ? .hasZone : .invalid
    }

    // MARK: Pieces

    @inline(__always)
    private static func digits(_ bytes: UnsafeRawBufferPointer, _ start: Int, _ count: Int) -> Int? {
        guard start + count <= bytes.count else { return nil }
        var value = 0
        for i in start..<(start + count) {
            let d = Int(bytes[i]) &- 48
            guard d >= 0, d <= 9 else { return nil }
            value = value * 10 + d
        }
        return value
    }

    /// `YYYY-MM-DD` at `start` as days since the epoch.
    private static func date(_ bytes: UnsafeRawBufferPointer, _ start: Int) -> Int? {
        guard let year = digits(bytes, start, 4), bytes[start + 4] == UInt8(ascii: "-"),
              let month = digits(bytes, start + 5, 2), bytes[start + 7] == UInt8(ascii: "-"),
              let day = digits(bytes, start + 8, 2),
              (1...12).contains(month), day >= 1, day <= CivilCalendar.daysInMonth(year, month)
        else { return nil }
        return CivilCalendar.daysSinceEpoch(year: year, month: month, day: day)
    }

    /// `HH:MM[:SS[.f{1,9}]]` at `index` as microseconds; advances `index` past it.
    private static func time(_ bytes: UnsafeRawBufferPointer, _ index: inout Int) -> Int64? {
        guard let hour = digits(bytes, index, 2), index + 2 < bytes.count, bytes[index + 2] == UInt8(ascii: ":"),
              let minute = digits(bytes, index + 3, 2), hour <= 23, minute <= 59
        else { return nil }
        index += 5
        var seconds = 0
        var micros: Int64 = 0
        if index < bytes.count, bytes[index] == UInt8(ascii: ":") {
            guard let s = digits(bytes, index + 1, 2), s <= 59 else { return nil }
            seconds = s
            index += 3
            if index < bytes.count, bytes[index] == UInt8(ascii: ".") {
                index += 1
                var count = 0
                while index < bytes.count, bytes[index] >= 48, bytes[index] <= 57 {
                    if count < 6 { micros = micros * 10 + Int64(bytes[index] - 48) }
                    count += 1
                    index += 1
                }
                guard count >= 1, count <= 9 else { return nil }
                for _ in min(count, 6)..<6 { micros *= 10 }
            }
        }
        return Int64(hour * 3600 + minute * 60 + seconds) * 1_000_000 + micros
    }

    /// Whether the rest of `bytes` from `index` is a zone designator.
    private static func isZone(_ bytes: UnsafeRawBufferPointer, _ index: Int) -> Bool {
        let rest = bytes.count - index
        let first = bytes[index]
        if first == UInt8(ascii: "Z") || first == UInt8(ascii: "z") { return rest == 1 }
        guard first == UInt8(ascii: "+") || first == UInt8(ascii: "-") else { return false }
        switch rest {
        case 3: return digits(bytes, index + 1, 2) != nil
        case 5: return digits(bytes, index + 1, 4) != nil
        case 6: return digits(bytes, index + 1, 2) != nil && bytes[index + 3] == UInt8(ascii: ":")
            && digits(bytes, index + 4, 2) != nil
        default: return false
        }
    }
}
