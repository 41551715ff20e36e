import ExtractCore

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

    /// The byte at `offset` (the caller has checked the length).
    @inline(__always)
    private static func byte(_ bytes: UnsafeRawBufferPointer, _ offset: Int) -> UInt8 {
        bytes.baseAddress.unsafelyUnwrapped.load(fromByteOffset: offset, as: UInt8.self)
    }

    /// The value of `count` ASCII digits at `start`, or -1 when one is not a digit or the text is too short.
    @inline(__always)
    private static func digits(_ bytes: UnsafeRawBufferPointer, _ start: Int, _ count: Int) -> Int {
        guard start &+ count <= bytes.count else { return -1 }
        var value = 0
        for i in start..<(start &+ count) {
            let d = byte(bytes, i) &- 48
            guard d <= 9 else { return -1 }
            value = value &* 10 &+ Int(d)
        }
        return value
    }

    /// `YYYY-MM-DD` at `start` as days since the epoch (the caller has checked 10 bytes are there).
    @inline(__always)
    private static func date(_ bytes: UnsafeRawBufferPointer, _ start: Int) -> Int? {
        let year = digits(bytes, start, 4)
        let month = digits(bytes, start &+ 5, 2)
        let day = digits(bytes, start &+ 8, 2)
        guard year >= 0, month >= 1, month <= 12, day >= 1,
            byte(bytes, start &+ 4) == UInt8(ascii: "-"), byte(bytes, start &+ 7) == UInt8(ascii: "-"),
            day <= 28 || day <= CivilDate.daysInMonth(year: Int64(year), month: month)
        else { return nil }
        return Int(truncatingIfNeeded: CivilDate(year: Int64(year), month: month, day: day).daysSinceEpoch)
    }

    /// `HH:MM[:SS[.f{1,9}]]` at `index` as microseconds; advances `index` past it.
    private static func time(_ bytes: UnsafeRawBufferPointer, _ index: inout Int) -> Int64? {
        let hour = digits(bytes, index, 2)
        let minute = digits(bytes, index &+ 3, 2)
        guard hour >= 0, hour <= 23, minute >= 0, minute <= 59, byte(bytes, index &+ 2) == UInt8(ascii: ":") else {
            return nil
        }
        index &+= 5
        var seconds = 0
        var micros: Int64 = 0
        if index < bytes.count, byte(bytes, index) == UInt8(ascii: ":") {
            let s = digits(bytes, index &+ 1, 2)
            guard s >= 0, s <= 59 else { return nil }
            seconds = s
            index &+= 3
            if index < bytes.count, byte(bytes, index) == UInt8(ascii: ".") {
                index &+= 1
                var count = 0
                while index < bytes.count {
                    let d = byte(bytes, index) &- 48
                    guard d <= 9 else { break }
                    if count < 6 { micros = micros &* 10 &+ Int64(d) }
                    count &+= 1
                    index &+= 1
                }
                guard count >= 1, count <= 9 else { return nil }
                var scale = count
                while scale < 6 {
                    micros &*= 10
                    scale &+= 1
                }
            }
        }
        return Int64(hour &* 3600 &+ minute &* 60 &+ seconds) &* 1_000_000 &+ micros
    }

    /// Whether the rest of `bytes` from `index` is a zone designator.
    private static func isZone(_ bytes: UnsafeRawBufferPointer, _ index: Int) -> Bool {
        let rest = bytes.count - index
        let first = bytes[index]
        if first == UInt8(ascii: "Z") || first == UInt8(ascii: "z") { return rest == 1 }
        guard first == UInt8(ascii: "+") || first == UInt8(ascii: "-") else { return false }
        switch rest {
        case 3: return digits(bytes, index + 1, 2) >= 0
        case 5: return digits(bytes, index + 1, 4) >= 0
        case 6:
            return digits(bytes, index + 1, 2) >= 0 && bytes[index + 3] == UInt8(ascii: ":")
                && digits(bytes, index + 4, 2) >= 0
        default: return false
        }
    }
}
