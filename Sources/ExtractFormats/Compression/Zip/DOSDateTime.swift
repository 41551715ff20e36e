import ExtractCore
#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// A timestamp in the MS-DOS format ZIP headers use: local wall-clock time, 2-second
/// resolution, years 1980...2107.
///
/// ```swift
/// let stamp = DOSDateTime(year: 2026, month: 11, day: 25, hour: 13, minute: 45, second: 30)
/// let now = DOSDateTime.now()          // the machine's local time, as zip tools write it
/// ```
public struct DOSDateTime: Sendable, Hashable, CustomStringConvertible {
    /// Bits 15-11 hour, 10-5 minute, 4-0 second / 2.
    public let time: UInt16
    /// Bits 15-9 year − 1980, 8-5 month, 4-0 day.
    public let date: UInt16

    /// The timestamp for the given wall-clock fields. Fields outside their ranges are clamped;
    /// dates before 1980 become 1980-01-01 00:00:00 and after 2107 become 2107-12-31 23:59:58.
    /// Odd seconds round down (the format counts 2-second steps).
    public init(year: Int, month: Int, day: Int, hour: Int = 0, minute: Int = 0, second: Int = 0) {
        if year < 1980 {
            self.init(time: 0, date: (1 << 5) | 1)
            return
        }
        if year > 2107 {
            self.init(year: 2107, month: 12, day: 31, hour: 23, minute: 59, second: 59)
            return
        }
        let month = min(max(month, 1), 12)
        let day = min(max(day, 1), 31)
        let hour = min(max(hour, 0), 23)
        let minute = min(max(minute, 0), 59)
        let second = min(max(second, 0), 59)
        self.init(
            time: UInt16(hour << 11 | minute << 5 | second / 2),
            date: UInt16((year - 1980) << 9 | month << 5 | day)
        )
    }

    /// The raw fields as stored in a header.
    public init(time: UInt16, date: UInt16) {
        self.time = time
        self.date = date
    }

    /// The wall-clock time `secondsSince1970` seconds after the Unix epoch, shifted by
    /// `utcOffset` seconds (0 = UTC; ZIP readers show the fields as they are, as local time).
    public init(secondsSince1970: Int64, utcOffset: Int = 0) {
        let seconds = secondsSince1970 + Int64(utcOffset)
        let days = seconds >= 0 ? seconds / 86_400 : (seconds - 86_399) / 86_400
        let secondOfDay = Int(seconds - days * 86_400)
        let date = CivilDate(daysSinceEpoch: days)
        self.init(
            year: Int(date.year),
            month: date.month,
            day: date.day,
            hour: secondOfDay / 3600,
            minute: secondOfDay / 60 % 60,
            second: secondOfDay % 60
        )
    }

    /// The current time in the machine's time zone (what `zip` and Python's `zipfile` write).
    public static func now() -> DOSDateTime {
        #if canImport(Glibc)
            var clock = Glibc.time(nil)
        #else
            var clock = Darwin.time(nil)
        #endif
        var fields = tm()
        guard localtime_r(&clock, &fields) != nil else { return DOSDateTime(secondsSince1970: Int64(clock)) }
        return DOSDateTime(
            year: Int(fields.tm_year) + 1900,
            month: Int(fields.tm_mon) + 1,
            day: Int(fields.tm_mday),
            hour: Int(fields.tm_hour),
            minute: Int(fields.tm_min),
            second: Int(fields.tm_sec)
        )
    }

    /// The year, 1980...2107.
    public var year: Int { Int(date >> 9) + 1980 }
    /// The month, 1...12.
    public var month: Int { Int(date >> 5 & 0x0F) }
    /// The day of the month, 1...31.
    public var day: Int { Int(date & 0x1F) }
    /// The hour, 0...23.
    public var hour: Int { Int(time >> 11) }
    /// The minute, 0...59.
    public var minute: Int { Int(time >> 5 & 0x3F) }
    /// The second, an even number 0...58.
    public var second: Int { Int(time & 0x1F) * 2 }

    /// `YYYY-MM-DD HH:MM:SS`.
    public var description: String {
        func two(_ value: Int) -> String { value < 10 ? "0\(value)" : String(value) }
        return "\(year)-\(two(month))-\(two(day)) \(two(hour)):\(two(minute)):\(two(second))"
    }
}
