import Benchmark
import BenchmarkSupport
import ExtractCore
import ExtractFormats

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// The Parquet reader: 1M rows of the speed target's mix (int64 id, double amount with 10 %
/// NULL, string customer of ~200K distinct values, timestamp[µs, UTC], decimal(18,2)), written
/// once by our own writer to a temporary file (snappy and zstd, one row group, dictionary with
/// PLAIN fallback), then read fully through `ParquetFile.makeBatchReader` on one thread; and
/// each column alone. Rate: values/s = rows/s.
let benchmarks: @Sendable () -> Void = {
    let rows = 1_000_000
    let config = shortRun(.valuesPerSecond)
    let schema = Schema([
        Field("id", .int64, nullable: false), Field("amount", .double),
        Field("customer", .string, nullable: false),
        Field("ts", .timestamp(.microseconds, isAdjustedToUTC: true), nullable: false),
        Field("price", .decimal(precision: 18, scale: 2), nullable: false),
    ])
    @Sendable func write(_ compression: BlockCompression) -> String {
        let path = "/tmp/extract-bench-read-\(compression.rawValue)-\(getpid()).parquet"
        var rng = SplitMix64(seed: 7)
        let writer = try! ParquetWriter(
            schema: schema,
            path: .init(path),
            configuration: .init(codec: BlockCodecs.make(compression), rowGroupRowLimit: rows)
        )
        var start = 0
        while start < rows {
            let n = min(ColumnBatch.defaultRowCount, rows - start)
            var id = ColumnBuilder(type: .int64, capacity: n), amount = ColumnBuilder(type: .double, capacity: n)
            var customer = ColumnBuilder(type: .string, capacity: n)
            var ts = ColumnBuilder(type: .timestamp(.microseconds, isAdjustedToUTC: true), capacity: n)
            var price = ColumnBuilder(type: .decimal(precision: 18, scale: 2), capacity: n)
            for i in start..<(start + n) {
                id.append(Int64(i))
                if rng.next() % 10 == 0 {
                    amount.appendNull()
                } else {
                    amount.append(Double(rng.next() % 100_000) / 100)
                }
                customer.append(string: "customer-\(rng.next() % 200_000)")
                ts.append(1_700_000_000_000_000 + Int64(i) * 1_000_003)
                price.append(Int64(rng.next() % 1_000_000_000))
            }
            try! writer.write(
                ColumnBatch(
                    schema: schema,
                    columns: [id.finish(), amount.finish(), customer.finish(), ts.finish(), price.finish()]
                )
            )
            start += n
        }
        _ = try! writer.finish()
        return path
    }
    for compression in [BlockCompression.snappy, .zstd] {
        let file = Lazy { write(compression) }
        Benchmark("read mixed 1M \(compression.rawValue)", configuration: config) { benchmark in
            let parquet = try ParquetFile(path: file.value, decompressors: BlockCodecs.decompressors)
            try rate(benchmark, .valuesPerSecond, amount: rows) {
                let reader = try parquet.makeBatchReader()
                var n = 0
                while let batch = try reader.next() { n += batch.rowCount }
                blackHole(n)
            }
        }
        guard compression == .snappy else { continue }
        for column in schema.fields.map(\.name) {
            Benchmark("read column \(column) 1M snappy", configuration: config) { benchmark in
                let parquet = try ParquetFile(path: file.value, decompressors: BlockCodecs.decompressors)
                try rate(benchmark, .valuesPerSecond, amount: rows) {
                    let reader = try parquet.makeBatchReader(columns: [column])
                    var n = 0
                    while let batch = try reader.next() { n += batch.rowCount }
                    blackHole(n)
                }
            }
        }
    }
}
