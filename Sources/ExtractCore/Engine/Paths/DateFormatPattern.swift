/// A Java/Spark-style date pattern such as `yyyyMMdd_HHmmss`, the
/// `extract_file_name_timestamp_format` column, parsed once into tokens.
///
/// Supported letters: `yyyy` `yy` `MM` `dd` `HH` `mm` `ss` `SSS` (milliseconds) `SSSSSS`
/// (microseconds). Text in single quotes is literal (`''` is a quote); other non-letters are
/// literal. Any other letter is an error (the original passed unknown letters through silently).
public struct DateFormatPattern: Sendable, Hashable {
    enum Token: Sendable, Hashable {
        case literal(String)
        case year4, year2, month, day, hour, minute, second, millis, micros
    }

    /// The pattern as configured.
    public let pattern: String
    let tokens: [Token]

    /// Parses `pattern`; throws ``ExtractError/Code/invalidConfiguration`` naming the bad letter run.
    public init(_ pattern: String) throws {
        self.pattern = pattern
        var tokens: [Token] = []
        let chars = Array(pattern)
        var i = 0
        var literal = ""
        func flush() {
            if !literal.isEmpty { tokens.append(.literal(literal)); literal = "" }
        }
        while i < chars.count {
            let c = chars[i]
            if c == "'" {
                if i + 1 < chars.count && chars[i + 1] == "'" { literal.append("'"); i += 2; continue }
                var j = i + 1
                while j < chars.count && chars[j] != "'" { literal.append(chars[j]); j += 1 }
                guard j < chars.count else {
                    throw ExtractError(
                        .invalidConfiguration,
                        "unterminated quoted text in timestamp format",
                        context: .init(value: pattern)
                    )
                }
                i = j + 1
                continue
            }
            guard c.isLetter && c.isASCII else { literal.append(c); i += 1; continue }
            var j = i
            while j < chars.count && chars[j] == c { j += 1 }
            let run = String(chars[i..<j])
            let token: Token
            switch run {
            case "yyyy": token = .year4
            case "yy": token = .year2
            case "MM": token = .month
            case "dd": token = .day
            case "HH": token = .hour
            case "mm": token = .minute
            case "ss": token = .second
            case "SSS": token = .millis
            case "SSSSSS": token = .micros
            default:
                throw ExtractError(
                    .invalidConfiguration,
                    "unsupported letters \"\(run)\" in timestamp format; use yyyy yy MM dd HH mm ss SSS SSSSSS and quote literal text with '...'",
                    context: .init(value: pattern)
                )
            }
            flush()
            tokens.append(token)
            i = j
        }
        flush()
        self.tokens = tokens
    }

    /// `time` formatted with this pattern.
    public func format(_ time: CivilDateTime) -> String {
        var out = ""
        for token in tokens {
            switch token {
            case .literal(let text): out += text
            case .year4: out += pad(time.year, 4)
            case .year2: out += pad(time.year % 100, 2)
            case .month: out += pad(time.month, 2)
            case .day: out += pad(time.day, 2)
            case .hour: out += pad(time.hour, 2)
            case .minute: out += pad(time.minute, 2)
            case .second: out += pad(time.second, 2)
            case .millis: out += pad(time.microsecond / 1000, 3)
            case .micros: out += pad(time.microsecond, 6)
            }
        }
        return out
    }
}

/// The `extract_file_name_period_end_day` rule: the date of the most recent period end on or
/// before `now`, where a period ends on day `day` of each month (clamped to the month's length).
///
/// On day N itself the period that ends today is used (the original picked the previous month);
/// day 31 in a 30-day month means the 30th (the original raised an error).
public func periodEndDate(day: Int, onOrBefore now: CivilDateTime) -> CivilDateTime {
    let thisMonthEnd = min(day, CivilDateTime.daysInMonth(year: now.year, month: now.month))
    var result = now
    if now.day >= thisMonthEnd {
        result.day = thisMonthEnd
    } else {
        let (y, m) = now.month == 1 ? (now.year - 1, 12) : (now.year, now.month - 1)
        result.year = y
        result.month = m
        result.day = min(day, CivilDateTime.daysInMonth(year: y, month: m))
    }
    return result
}
