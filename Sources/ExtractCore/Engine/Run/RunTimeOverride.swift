#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

extension CivilDateTime {
    /// The environment variable that fixes a run's time (``RunOptions/startTime``), for
    /// reproducible file names in backfills and tests.
    public static let runTimeVariable = "EXTRACT_RUN_TIME"

    /// Parses a run time written `YYYY-MM-DDTHH:MM:SSZ` (UTC). The time may be cut short
    /// (`2024-07-25`, `2024-07-25T14`); any non-digits separate the fields.
    ///
    /// - Throws: ``ExtractError`` (`invalidArgument`) naming the expected form.
    public init(runTime text: String) throws {
        let digits = text.split(whereSeparator: { !$0.isNumber }).compactMap { Int($0) }
        func field(_ i: Int) -> Int { i < digits.count ? digits[i] : 0 }
        guard digits.count >= 3, digits.count <= 6, (1...12).contains(digits[1]), (1...31).contains(digits[2]),
            (0...23).contains(field(3)), (0...59).contains(field(4)), (0...60).contains(field(5))
        else {
            throw ExtractError(
                .invalidArgument,
                "\(Self.runTimeVariable) must look like 2024-07-25T14:25:30Z",
                context: .init(value: text)
            )
        }
        let t = CivilDateTime(
            year: digits[0],
            month: digits[1],
            day: digits[2],
            hour: field(3),
            minute: field(4),
            second: field(5)
        )
        // Through epoch time, so an impossible day (February 30) rolls over as the calendar does.
        self.init(epochMicroseconds: t.epochMicroseconds)
    }

    /// `$EXTRACT_RUN_TIME` parsed with ``init(runTime:)``, or `nil` when it is unset or empty.
    public static func runTimeFromEnvironment() throws -> CivilDateTime? {
        guard let pointer = getenv(runTimeVariable) else { return nil }
        let text = String(cString: pointer)
        return text.isEmpty ? nil : try CivilDateTime(runTime: text)
    }
}
