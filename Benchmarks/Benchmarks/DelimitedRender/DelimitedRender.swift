import Benchmark
import BenchmarkSupport
import ExtractCore
import ExtractFormats

/// Delimited text rendering per column type: 1M values of one column (16 batches of 64K rows)
/// rendered as CSV by DelimitedWriter into a sink that only counts. The rate is values/s.
/// The last benchmark renders 100K full orders_bench-shaped rows (12 columns) as CSV, TSV and DAT.
let benchmarks: @Sendable () -> Void = {
    let rows = 1_000_000
    let config = shortRun(.valuesPerSecond)

    for kind in ColumnSamples.Kind.allCases {
        let data = Lazy { ColumnSamples.batches(kind, rows: rows) }
        Benchmark("csv \(kind.rawValue) 1M", configuration: config) { benchmark in
            let batches = data.value
            let sink = NullByteSink()
            try rate(benchmark, .valuesPerSecond, amount: rows) {
                let writer = try DelimitedWriter(schema: batches[0].schema, options: .csv, writingTo: sink)
                for batch in batches { try writer.write(batch) }
                try writer.finish()
            }
            blackHole(sink.byteCount)
        }
    }

    let ordersData = Lazy { OrdersShape.batches(rows: 100_000) }
    for (name, options) in [("csv", DelimitedOptions.csv), ("tsv", .tsv), ("dat", .dat)] {
        Benchmark("\(name) orders rows 100K (12 columns)", configuration: config) { benchmark in
            let orders = ordersData.value
            let sink = NullByteSink()
            try rate(benchmark, .valuesPerSecond, amount: 100_000) {
                let writer = try DelimitedWriter(schema: OrdersShape.schema, options: options, writingTo: sink)
                for batch in orders { try writer.write(batch) }
                try writer.finish()
            }
            blackHole(sink.byteCount)
        }
    }
}
