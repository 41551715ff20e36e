#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// A one-line progress display on stderr (`\r` redraws at most 10 times a second), shown only
/// when stderr is a terminal, so logs and pipes stay clean.
final class ProgressReporter {
    private let label: String
    private let enabled: Bool
    private let clock = ContinuousClock()
    private let start: ContinuousClock.Instant
    private var lastDraw: ContinuousClock.Instant
    private var drewSomething = false

    init(label: String, enabled: Bool = isatty(STDERR_FILENO) == 1) {
        self.label = label
        self.enabled = enabled
        start = clock.now
        lastDraw = start
    }

    /// Reports that `rows` rows have been written so far.
    func update(rows: Int64) {
        guard enabled else { return }
        let now = clock.now
        guard now - lastDraw >= .milliseconds(100) else { return }
        lastDraw = now
        let seconds = (now - start).seconds
        let rate = seconds > 0 ? Int64(Double(rows) / seconds) : 0
        draw("\(label): \(Report.grouped(rows)) rows, \(Report.grouped(rate)) rows/s, \(Report.fixed(seconds, 1)) s")
    }

    /// Clears the line.
    func finish() {
        guard enabled, drewSomething else { return }
        draw("")
        drewSomething = false
    }

    private func draw(_ text: String) {
        let line = "\r\u{1B}[2K" + text
        _ = line.withCString { write(STDERR_FILENO, $0, strlen($0)) }
        drewSomething = !text.isEmpty
    }
}
