/// Proleptic Gregorian calendar arithmetic (days since 1970-01-01), without Foundation.
enum CivilCalendar {
    /// Whether `year` is a leap year.
    static func isLeapYear(_ year: Int) -> Bool {
        (year % 4 == 0 && year % 100 != 0) || year % 400 == 0
    }

    /// The number of days of `month` (1...12) in `year`.
    static func daysInMonth(_ year: Int, _ month: Int) -> Int {
        switch month {
        case 2: return isLeapYear(year) ? 29 : 28
        case 4, 6, 9, 11: return 30
        default: return 31
        }
    }

    /// Days from 1970-01-01 to `year-month-day` (negative before it). The inputs must be a
    /// valid date. Counts 400-year eras of 146 097 days, with March as the first month of the
    /// computational year so that the leap day comes last.
    static func daysSinceEpoch(year: Int, month: Int, day: Int) -> Int {
        let y = month <= 2 ? year &- 1 : year
        let era = (y >= 0 ? y : y &- 399) / 400
        let yearOfEra = y &- era &* 400                                          // 0...399
        let shiftedMonth = month > 2 ? month &- 3 : month &+ 9                   // March = 0
        let dayOfYear = (153 &* shiftedMonth &+ 2) / 5 &+ day &- 1               // 0...365
        let dayOfEra = yearOfEra &* 365 &+ yearOfEra / 4 &- yearOfEra / 100 &+ dayOfYear
        return era &* 146_097 &+ dayOfEra &- 719_468                             // 719468: 0000-03-01 → 1970-01-01
    }
}
