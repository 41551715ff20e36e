import Benchmark
import BenchmarkSupport
import ExtractCore

/// How fast a source can fill typed column buffers (ColumnBuilder): the floor under every
/// source. 1M values per iteration; the rate is values/s.
let benchmarks: @Sendable () -> Void = {
    let rows = 1_000_000
    let config = shortRun(.valuesPerSecond)

    Benchmark("ColumnBuilder int64 1M", configuration: config) { benchmark in
        rate(benchmark, .valuesPerSecond, amount: rows) {
            var builder = ColumnBuilder(type: .int64, capacity: rows)
            for i in 0..<rows { builder.append(Int64(i)) }
            return builder.finish()
        }
    }

    let catalogNames = Lazy { OrdersShape.catalog.map { Array($0.name.utf8) } }
    Benchmark("ColumnBuilder string 1M (product names)", configuration: config) { benchmark in
        let names = catalogNames.value
        rate(benchmark, .valuesPerSecond, amount: rows) {
            var builder = ColumnBuilder(type: .string, capacity: rows)
            for i in 0..<rows {
                names[i % names.count].withUnsafeBytes { builder.append(bytes: $0) }
            }
            return builder.finish()
        }
    }

    Benchmark("ColumnBuilder double 30% NULL 1M", configuration: config) { benchmark in
        rate(benchmark, .valuesPerSecond, amount: rows) {
            var builder = ColumnBuilder(type: .double, capacity: rows)
            for i in 0..<rows {
                if i % 10 < 3 { builder.appendNull() } else { builder.append(Double(i) * 0.01) }
            }
            return builder.finish()
        }
    }

    Benchmark("OrdersShape batches 100K rows (12 columns)", configuration: config) { benchmark in
        rate(benchmark, .valuesPerSecond, amount: 100_000) {
            OrdersShape.batches(rows: 100_000)
        }
    }
}
