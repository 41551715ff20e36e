/// A day of the proleptic Gregorian calendar, converted to and from days since 1970-01-01: the
/// one calendar arithmetic of the project (rendered dates, SQLite date text, run times, ZIP
/// timestamps).
///
/// Uses the "days from civil" algorithm (eras of 400 years = 146 097 days, March as the first
/// month of the computational year so the leap day comes last), valid for any `Int64` day count
/// that fits, negative counts included: day -1 is 1969-12-31, day -719 162 is 0001-01-01 and day
/// 2 932 896 is 9999-12-31. Everything is `@inlinable`: the renderer and the SQLite reader call it
/// for every cell.
///
/// ```swift
/// CivilDate(daysSinceEpoch: 19_929)                      // 2024-07-25
/// CivilDate(year: 2024, month: 7, day: 25).daysSinceEpoch  // 19_929
/// CivilDate.daysInMonth(year: 2024, month: 2)            // 29
/// ```
public struct CivilDate: Sendable, Hashable {
    /// The year (astronomical numbering: year 0 exists and is 1 BC).
    public var year: Int64
    /// 1...12.
    public var month: Int
    /// 1...31.
    public var day: Int

    /// The date `days` days after 1970-01-01 (before it when negative).
    @inlinable
    public init(daysSinceEpoch days: Int64) {
        let z = days + 719_468  // days since 0000-03-01
        let era = (z >= 0 ? z : z - 146_096) / 146_097
        let dayOfEra = z - era * 146_097  // 0...146096
        let yearOfEra = (dayOfEra - dayOfEra / 1_460 + dayOfEra / 36_524 - dayOfEra / 146_096) / 365  // 0...399
        let dayOfYear = dayOfEra - (365 * yearOfEra + yearOfEra / 4 - yearOfEra / 100)  // 0...365, from March 1
        let mp = (5 * dayOfYear + 2) / 153  // 0...11, March = 0
        day = Int(dayOfYear - (153 * mp + 2) / 5 + 1)
        month = Int(mp < 10 ? mp + 3 : mp - 9)
        year = yearOfEra + era * 400 + (month <= 2 ? 1 : 0)
    }

    /// The days since 1970-01-01 of this date.
    @inlinable
    public var daysSinceEpoch: Int64 {
        let y = year - (month <= 2 ? 1 : 0)
        let era = (y >= 0 ? y : y - 399) / 400
        let yearOfEra = y - era * 400
        let mp = Int64(month > 2 ? month - 3 : month + 9)
        let dayOfYear = (153 * mp + 2) / 5 + Int64(day) - 1
        let dayOfEra = yearOfEra * 365 + yearOfEra / 4 - yearOfEra / 100 + dayOfYear
        return era * 146_097 + dayOfEra - 719_468
    }

    /// Creates a date from its parts (not checked: ``daysSinceEpoch`` of an invalid date is
    /// meaningless; check with ``daysInMonth(year:month:)`` first).
    @inlinable
    public init(year: Int64, month: Int, day: Int) {
        self.year = year
        self.month = month
        self.day = day
    }

    /// Whether `year` is a leap year (every 4th, except centuries not divisible by 400).
    @inlinable
    public static func isLeapYear(_ year: Int64) -> Bool {
        (year % 4 == 0 && year % 100 != 0) || year % 400 == 0
    }

    /// The number of days of `month` (1...12) in `year`.
    @inlinable
    public static func daysInMonth(year: Int64, month: Int) -> Int {
        switch month {
        case 2: return isLeapYear(year) ? 29 : 28
        case 4, 6, 9, 11: return 30
        default: return 31
        }
    }

    /// Days since 1970-01-01 of 0001-01-01, the first date rendered.
    public static let firstRenderedDay: Int64 = -719_162
    /// Days since 1970-01-01 of 9999-12-31, the last date rendered.
    public static let lastRenderedDay: Int64 = 2_932_896
}
