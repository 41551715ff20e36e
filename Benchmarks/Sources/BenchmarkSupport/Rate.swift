import Benchmark

extension BenchmarkMetric {
    /// Values (rows, cells, levels) processed per second, measured inside the iteration.
    public static let valuesPerSecond = BenchmarkMetric.custom(
        "values/s",
        polarity: .prefersLarger,
        useScalingFactor: false
    )
    /// Input megabytes (10^6 bytes) processed per second, measured inside the iteration.
    public static let megabytesPerSecond = BenchmarkMetric.custom(
        "MB/s",
        polarity: .prefersLarger,
        useScalingFactor: false
    )
}

/// The configuration every suite uses: short runs (at most `seconds`), wall clock, the rate
/// metric the suite records, and malloc counts.
public func shortRun(_ rate: BenchmarkMetric, seconds: Int = 2, iterations: Int = 50) -> Benchmark.Configuration {
    Benchmark.Configuration(
        metrics: [.wallClock, rate, .mallocCountTotal, .peakMemoryResident],
        timeUnits: .milliseconds,
        warmupIterations: 1,
        maxDuration: .seconds(seconds),
        maxIterations: iterations
    )
}

/// Runs `body` once, timed, and records `amount / seconds` as `metric` (values/s or MB/s).
/// Everything before the call is setup and not measured by the rate.
@inlinable
public func rate<R>(_ benchmark: Benchmark, _ metric: BenchmarkMetric, amount: Int, _ body: () throws -> R) rethrows {
    let clock = ContinuousClock()
    let start = clock.now
    let result = try body()
    let elapsed = clock.now - start
    blackHole(result)
    let seconds = Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) * 1e-18
    guard seconds > 0 else { return }
    let value = metric == .megabytesPerSecond ? Double(amount) / 1e6 / seconds : Double(amount) / seconds
    benchmark.measurement(metric, Int(value.rounded()))
}
