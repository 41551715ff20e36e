import Benchmark
import BenchmarkSupport
@_spi(Benchmarks) import ExtractCore

/// Dictionary building: 1M lookups-or-inserts into a fresh dictionary, as the Parquet
/// dictionary encoders do per column chunk. Rate: values/s.
let benchmarks: @Sendable () -> Void = {
    let rows = 1_000_000
    let config = shortRun(.valuesPerSecond)

    @Sendable func strings(_ kind: ColumnSamples.Kind) -> ByteArrayBuffer {
        var all = ByteArrayBuffer(minimumCapacity: rows)
        for batch in ColumnSamples.batches(kind, rows: rows) {
            guard case .bytes(let buffer) = batch.columns[0].values else { fatalError("not a string column") }
            for i in 0..<buffer.count { buffer.withBytes(at: i) { all.append($0) } }
        }
        return all
    }

    let status = Lazy { strings(.stringLowCardinality) }
    let products = Lazy { strings(.stringPlain) }
    let customers = Lazy { () -> [Int64] in
        var rng = SplitMix64(seed: 8)
        return (0..<rows).map { _ in Int64(1 + rng.below(250_000)) }
    }
    let prices = Lazy { () -> [Double] in
        var rng = SplitMix64(seed: 9)
        return (0..<rows).map { _ in OrdersShape.catalog[rng.below(OrdersShape.catalog.count)].price }
    }

    Benchmark("byte array: status (6 distinct) 1M", configuration: config) { benchmark in
        let values = status.value
        rate(benchmark, .valuesPerSecond, amount: rows) { ParquetMicroBenchmarks.buildByteArrayDictionary(values) }
    }
    Benchmark("byte array: product names (~4700 distinct) 1M", configuration: config) { benchmark in
        let values = products.value
        rate(benchmark, .valuesPerSecond, amount: rows) { ParquetMicroBenchmarks.buildByteArrayDictionary(values) }
    }
    Benchmark("int64: customer ids (~250K distinct) 1M", configuration: config) { benchmark in
        let values = customers.value
        rate(benchmark, .valuesPerSecond, amount: rows) { ParquetMicroBenchmarks.buildInt64Dictionary(values) }
    }
    Benchmark("double: unit prices (~3000 distinct) 1M", configuration: config) { benchmark in
        let values = prices.value
        rate(benchmark, .valuesPerSecond, amount: rows) { ParquetMicroBenchmarks.buildDoubleDictionary(values) }
    }
}
