import Benchmark
import BenchmarkSupport
import ExtractCore
import ExtractFormats
import ExtractSQLite

/// Reading orders_bench (100K rows, the shared dataset's first 100K) from a SQLite file with
/// SQLiteSource into ColumnBatches, and the same read piped into a CSV writer that discards
/// its bytes. The file is page-cached after the warm-up. Rate: rows/s.
let benchmarks: @Sendable () -> Void = {
    let rows = 100_000
    let path = Lazy { SharedDataset.sqlite(rows: rows) }
    let config = shortRun(.valuesPerSecond)

    Benchmark("SQLiteSource orders_bench 100K rows", configuration: config) { benchmark in
        let source = try SQLiteSource(path: path.value, table: "orders_bench")
        try rate(benchmark, .valuesPerSecond, amount: rows) {
            let reader = try source.makeReader()
            var n = 0
            while let batch = try reader.next() { n += batch.rowCount }
            reader.close()
            precondition(n == rows, "read \(n) rows, expected \(rows)")
        }
    }

    Benchmark("SQLiteSource -> CSV (discarded) 100K rows", configuration: config) { benchmark in
        let source = try SQLiteSource(path: path.value, table: "orders_bench")
        let sink = NullByteSink()
        try rate(benchmark, .valuesPerSecond, amount: rows) {
            let reader = try source.makeReader()
            let writer = try DelimitedWriter(schema: reader.schema, options: .csv, writingTo: sink)
            while let batch = try reader.next() { try writer.write(batch) }
            try writer.finish()
            reader.close()
        }
        blackHole(sink.byteCount)
    }
}
