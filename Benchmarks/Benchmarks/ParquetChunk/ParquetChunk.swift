import Benchmark
import BenchmarkSupport
import ExtractCore
import ExtractFormats

/// Parquet column-chunk encoding per type: 1M values of one column (16 batches of 64K rows)
/// through the public ParquetWriter into a sink that discards the bytes. One column and a row
/// group limit above 1M rows make it exactly one column chunk (pages of ≤ 20K rows, dictionary
/// while it pays, statistics and page index as by default) plus a small footer. Uncompressed
/// and snappy pages. Rate: values/s. The last benchmarks encode 100K full orders rows.
let benchmarks: @Sendable () -> Void = {
    let rows = 1_000_000
    let config = shortRun(.valuesPerSecond)

    for kind in ColumnSamples.Kind.allCases {
        let data = Lazy { ColumnSamples.batches(kind, rows: rows) }
        for compression in [BlockCompression.uncompressed, .snappy] {
            Benchmark("chunk \(kind.rawValue) 1M \(compression.rawValue)", configuration: config) { benchmark in
                let batches = data.value
                let sink = NullByteSink()
                let configuration = ParquetWriter.Configuration(
                    codec: BlockCodecs.make(compression),
                    rowGroupRowLimit: 2 * rows
                )
                try rate(benchmark, .valuesPerSecond, amount: rows) {
                    let writer = try ParquetWriter(schema: batches[0].schema, sink: sink, configuration: configuration)
                    for batch in batches { try writer.write(batch) }
                    _ = try writer.finish()
                }
                blackHole(sink.byteCount)
            }
        }
    }

    let orders = Lazy { OrdersShape.batches(rows: 100_000) }
    for parallel in [false, true] {
        Benchmark("orders rows 100K (12 columns) snappy\(parallel ? " parallel" : " serial")", configuration: config) {
            benchmark in
            let batches = orders.value
            let sink = NullByteSink()
            let configuration = ParquetWriter.Configuration(
                codec: BlockCodecs.make(.snappy),
                parallelEncoding: parallel
            )
            try rate(benchmark, .valuesPerSecond, amount: 100_000) {
                let writer = try ParquetWriter(schema: OrdersShape.schema, sink: sink, configuration: configuration)
                for batch in batches { try writer.write(batch) }
                _ = try writer.finish()
            }
            blackHole(sink.byteCount)
        }
    }
}
