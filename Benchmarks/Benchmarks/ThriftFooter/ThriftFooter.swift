import Benchmark
import BenchmarkSupport
@_spi(Benchmarks) import ExtractCore

/// Thrift compact encoding of a Parquet footer (FileMetaData) shaped like the one written for
/// orders_bench: 12 columns with statistics, encoding stats and page index offsets. One row
/// group is the 1M-row file, 10 the 10M-row file. Rate: footers/s.
let benchmarks: @Sendable () -> Void = {
    let config = shortRun(.valuesPerSecond, seconds: 1, iterations: 200)
    for groups in [1, 10] {
        Benchmark("footer 12 columns \(groups) row group\(groups == 1 ? "" : "s") x1000", configuration: config) {
            benchmark in
            let footer = try ParquetMicroBenchmarks.Footer(
                schema: OrdersShape.schema,
                rowGroups: groups,
                rowsPerGroup: 1 << 20
            )
            var bytes = 0
            rate(benchmark, .valuesPerSecond, amount: 1000) {
                for _ in 0..<1000 { bytes &+= footer.encode() }
            }
            blackHole(bytes)
        }
    }
}
