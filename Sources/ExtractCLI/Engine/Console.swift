import ArgumentParser
import ExtractCore
import Foundation
import Logging
import Synchronization

/// Terminal output of the engine commands: results to stdout, messages and the progress line
/// to stderr. Thread-safe: run events arrive from parallel extracts.
final class Console: Sendable {
    private let state = Mutex<State>(State())
    private struct State {
        var running: [String: (rows: Int64, estimate: Int64?)] = [:]
        var done = 0
        var lastDraw: ContinuousClock.Instant? = nil
        var drew = false
    }
    let total: Int
    let progressEnabled: Bool
    let quietResults: Bool
    private let clock = ContinuousClock()

    init(total: Int, progress: Bool, quietResults: Bool) {
        self.total = total
        self.progressEnabled = progress && isatty(STDERR_FILENO) == 1
        self.quietResults = quietResults
    }

    /// A line on stdout (the progress line is cleared first and redrawn later).
    func out(_ line: String) {
        state.withLock { s in
            clearProgress(&s)
            emit(line)
        }
    }

    /// A line on stderr.
    static func err(_ line: String) {
        FileHandle.standardError.write(Data((Redaction.redact(line) + "\n").utf8))
    }

    /// Handles one run event (progress line and per-extract result lines).
    func handle(_ event: RunEvent) {
        switch event {
        case .groupStarted(let group, let extracts):
            if !quietResults { out("▶ execution group \(group ?? "(none)"): \(extracts.joined(separator: ", "))") }
        case .extractStarted(let name, _, _, let estimate):
            state.withLock { s in
                s.running[name] = (0, estimate); draw(&s, force: true)
            }
        case .extractProgress(let name, let rows, let estimate):
            state.withLock { s in
                s.running[name] = (rows, estimate); draw(&s, force: false)
            }
        case .extractFinished(let result):
            state.withLock { s in
                s.running[result.name] = nil
                s.done += 1
                clearProgress(&s)
                if !quietResults { emit(Report.resultLine(result)) }
                draw(&s, force: true)
            }
        case .runFinished:
            state.withLock { s in clearProgress(&s) }
        }
    }

    private func draw(_ s: inout State, force: Bool) {
        guard progressEnabled, !s.running.isEmpty else { return }
        let now = clock.now
        if !force, let last = s.lastDraw, now - last < .milliseconds(100) { return }
        s.lastDraw = now
        let rows = s.running.values.reduce(Int64(0)) { $0 + $1.rows }
        let estimate =
            s.running.values.allSatisfy { $0.estimate != nil }
            ? s.running.values.reduce(Int64(0)) { $0 + ($1.estimate ?? 0) } : nil
        var bar = ""
        if let estimate, estimate > 0 {
            let fraction = min(1, Double(rows) / Double(estimate))
            let filled = Int(fraction * 20)
            bar =
                "[" + String(repeating: "#", count: filled) + String(repeating: ".", count: 20 - filled) + "] "
                + String(Int(fraction * 100)) + "% "
        }
        let names = s.running.keys.sorted()
        let label = names.count == 1 ? names[0] : "\(names.count) extracts"
        let line = "\r\u{1B}[2K\(bar)\(label): \(Report.grouped(rows)) rows (\(s.done)/\(total) done)"
        FileHandle.standardError.write(Data(line.utf8))
        s.drew = true
    }

    private func clearProgress(_ s: inout State) {
        guard s.drew else { return }
        FileHandle.standardError.write(Data("\r\u{1B}[2K".utf8))
        s.drew = false
    }
}

/// Prints `line` on stdout and flushes, so lines keep their order with the progress line on
/// stderr and with `print` elsewhere.
func emit(_ line: String) {
    print(line)
    fflush(nil)
}

/// The library's log messages on stderr, at `$EXTRACT_LOG_LEVEL` (default: critical only, since
/// the commands print their own results and errors).
func makeLogger() -> Logger {
    var logger = Logger(label: "extract") { StreamLogHandler.standardError(label: $0) }
    let level = ProcessInfo.processInfo.environment["EXTRACT_LOG_LEVEL"].flatMap {
        Logger.Level(rawValue: $0.lowercased())
    }
    logger.logLevel = level ?? .critical
    return logger
}

/// A usage or configuration error: the root prints `message` and exits with status 2.
func usageFailure(_ message: String) -> CLIError {
    CLIError.usage(message)
}

/// A failure of the work: the root prints `message` and exits with status 1.
func workFailure(_ message: String) -> CLIError {
    CLIError.failed(message)
}

/// Every line a command prints on stdout passes through ``ExtractCore/Redaction``: this `print`
/// shadows the standard library's in the whole module, so no command can print a password.
func print(_ items: Any..., separator: String = " ", terminator: String = "\n") {
    Swift.print(Redaction.redact(items.map { "\($0)" }.joined(separator: separator)), terminator: terminator)
}
