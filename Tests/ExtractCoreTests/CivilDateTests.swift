import ExtractCore
import Foundation
import Testing

/// CivilDate: the one days-since-1970 calendar, checked against Foundation's Gregorian calendar.
@Suite struct CivilDateTests {
    static let utc: Calendar = {
        var c = Calendar(identifier: .gregorian)
        c.timeZone = TimeZone(identifier: "UTC")!
        return c
    }()

    @Test func knownDays() {
        let cases: [(Int64, Int64, Int, Int)] = [
            (0, 1970, 1, 1), (-1, 1969, 12, 31), (19_929, 2024, 7, 25), (11_016, 2000, 2, 29), (11_017, 2000, 3, 1),
            (-719_162, 1, 1, 1), (2_932_896, 9999, 12, 31), (-719_528, 0, 1, 1), (-25_508, 1900, 3, 1),
        ]
        for (days, y, m, d) in cases {
            #expect(CivilDate(daysSinceEpoch: days) == CivilDate(year: y, month: m, day: d), "\(days)")
            #expect(CivilDate(year: y, month: m, day: d).daysSinceEpoch == days, "\(y)-\(m)-\(d)")
        }
        #expect(CivilDate.firstRenderedDay == CivilDate(year: 1, month: 1, day: 1).daysSinceEpoch)
        #expect(CivilDate.lastRenderedDay == CivilDate(year: 9999, month: 12, day: 31).daysSinceEpoch)
    }

    @Test func agreesWithFoundationAndRoundTrips() {
        for days in stride(from: Int64(-800_000), through: 3_000_000, by: 1_013) {
            let date = CivilDate(daysSinceEpoch: days)
            #expect(date.daysSinceEpoch == days)
            let parts = Self.utc.dateComponents(
                [.year, .month, .day],
                from: Date(timeIntervalSince1970: Double(days) * 86_400)
            )
            if days >= -141_427 {  // Foundation's calendar is Julian before 1582-10-15
                let expected: [Int] = [parts.year!, parts.month!, parts.day!]
                #expect([Int(date.year), date.month, date.day] == expected, "\(days)")
            }
        }
    }

    @Test func leapYearsAndMonthLengths() {
        #expect(CivilDate.isLeapYear(2024) && CivilDate.isLeapYear(2000) && CivilDate.isLeapYear(0))
        #expect(!CivilDate.isLeapYear(1900) && !CivilDate.isLeapYear(2023) && !CivilDate.isLeapYear(2100))
        #expect(
            (1...12).map { CivilDate.daysInMonth(year: 2023, month: $0) } == [
                31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31,
            ]
        )
        #expect(CivilDate.daysInMonth(year: 2024, month: 2) == 29 && CivilDate.daysInMonth(year: 1900, month: 2) == 28)
        #expect(CivilDateTime.daysInMonth(year: 2000, month: 2) == 29)
    }
}
