#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// A calendar date and time of day in UTC, computed without Foundation (proleptic Gregorian).
public struct CivilDateTime: Sendable, Hashable, Comparable {
    public var year: Int
    /// 1...12
    public var month: Int
    /// 1...31
    public var day: Int
    public var hour: Int
    public var minute: Int
    public var second: Int
    /// 0...999_999
    public var microsecond: Int

    public init(year: Int, month: Int, day: Int, hour: Int = 0, minute: Int = 0, second: Int = 0, microsecond: Int = 0)
    {
        self.year = year
        self.month = month
        self.day = day
        self.hour = hour
        self.minute = minute
        self.second = second
        self.microsecond = microsecond
    }

    /// The UTC date and time of `microseconds` since 1970-01-01T00:00:00Z.
    public init(epochMicroseconds micros: Int64) {
        let perDay: Int64 = 86_400_000_000
        var days = micros / perDay
        var rest = micros % perDay
        if rest < 0 { rest += perDay; days -= 1 }
        let date = CivilDate(daysSinceEpoch: days)
        let (y, m, d) = (Int(date.year), date.month, date.day)
        year = y
        month = m
        day = d
        let seconds = Int(rest / 1_000_000)
        microsecond = Int(rest % 1_000_000)
        hour = seconds / 3600
        minute = (seconds / 60) % 60
        second = seconds % 60
    }

    /// The current UTC time from the system's real-time clock.
    public static func now() -> CivilDateTime {
        CivilDateTime(epochMicroseconds: currentEpochMicroseconds())
    }

    /// Microseconds since the Unix epoch, now.
    public static func currentEpochMicroseconds() -> Int64 {
        var ts = timespec()
        clock_gettime(CLOCK_REALTIME, &ts)
        return Int64(ts.tv_sec) * 1_000_000 + Int64(ts.tv_nsec) / 1_000
    }

    /// Days since 1970-01-01 of this date.
    public var daysSinceEpoch: Int64 { CivilDate(year: Int64(year), month: month, day: day).daysSinceEpoch }

    /// Microseconds since the epoch.
    public var epochMicroseconds: Int64 {
        daysSinceEpoch * 86_400_000_000
            + Int64(hour * 3600 + minute * 60 + second) * 1_000_000 + Int64(microsecond)
    }

    /// The same time of day `n` days later (earlier when negative).
    public func addingDays(_ n: Int) -> CivilDateTime {
        var copy = CivilDateTime(epochMicroseconds: epochMicroseconds + Int64(n) * 86_400_000_000)
        copy.microsecond = microsecond
        return copy
    }

    /// The number of days of `month` in `year`.
    public static func daysInMonth(year: Int, month: Int) -> Int {
        CivilDate.daysInMonth(year: Int64(year), month: month)
    }

    /// `YYYY-MM-DD`.
    public var isoDate: String {
        pad(year, 4) + "-" + pad(month, 2) + "-" + pad(day, 2)
    }

    /// `YYYY-MM-DDTHH:MM:SS.ffffffZ`.
    public var isoTimestamp: String {
        isoDate + "T" + pad(hour, 2) + ":" + pad(minute, 2) + ":" + pad(second, 2) + "." + pad(microsecond, 6) + "Z"
    }

    /// Whether `a` is earlier than `b`.
    public static func < (a: CivilDateTime, b: CivilDateTime) -> Bool { a.epochMicroseconds < b.epochMicroseconds }
}

/// `value` as decimal digits, left-padded with zeros to `width`.
@usableFromInline
func pad(_ value: Int, _ width: Int) -> String {
    let digits = String(value)
    return digits.count >= width ? digits : String(repeating: "0", count: width - digits.count) + digits
}
