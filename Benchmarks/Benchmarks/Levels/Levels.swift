import Benchmark
import BenchmarkSupport
@_spi(Benchmarks) import ExtractCore

/// Definition levels and the RLE / bit-packed hybrid, 1M values per iteration. Rate: values/s.
///
/// * levels: pages of 20,000 rows (the writer's default cap) of a column without NULLs (one RLE
///   run per page), with 30% random NULLs (discount) and with 80% random NULLs (notes).
/// * indices: dictionary indices of 6 values with orders_bench's skew (bit width 3) and of
///   5000 uniform values (product_name, bit width 13).
let benchmarks: @Sendable () -> Void = {
    let rows = 1_000_000
    let config = shortRun(.valuesPerSecond)

    for nullShare in [0.0, 0.3, 0.8] {
        let validity = Lazy { () -> ValidityBitmap? in
            guard nullShare > 0 else { return nil }
            var rng = SplitMix64(seed: 5)
            var bitmap = ValidityBitmap(minimumCapacity: rows)
            for _ in 0..<rows { bitmap.append(rng.unit() >= nullShare) }
            return bitmap
        }
        Benchmark("definition levels \(Int(nullShare * 100))% NULL 1M", configuration: config) { benchmark in
            let bitmap = validity.value
            rate(benchmark, .valuesPerSecond, amount: rows) {
                ParquetMicroBenchmarks.encodeDefinitionLevels(validity: bitmap, rows: rows, pageRows: 20_000)
            }
        }
    }

    let skewed = Lazy { () -> [UInt32] in
        var rng = SplitMix64(seed: 6)
        return (0..<rows).map { _ in UInt32(OrdersShape.weighted(OrdersShape.statusWeights, &rng)) }
    }
    let uniform = Lazy { () -> [UInt32] in
        var rng = SplitMix64(seed: 7)
        return (0..<rows).map { _ in UInt32(rng.below(5000)) }
    }
    Benchmark("RLE/bit-packed indices 6 values (width 3) 1M", configuration: config) { benchmark in
        let values = skewed.value
        rate(benchmark, .valuesPerSecond, amount: rows) { ParquetMicroBenchmarks.encodeRLEHybrid(values, bitWidth: 3) }
    }
    Benchmark("RLE/bit-packed indices 5000 values (width 13) 1M", configuration: config) { benchmark in
        let values = uniform.value
        rate(benchmark, .valuesPerSecond, amount: rows) { ParquetMicroBenchmarks.encodeRLEHybrid(values, bitWidth: 13) }
    }
}
