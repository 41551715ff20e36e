// In-memory -> Parquet snappy, for Benchmarks/e2e/run (the issue's "in-memory → Parquet snappy
// at ≥ pyarrow" goal). Reads orders_bench from the SQLite file ONCE into ColumnBatches (not
// timed), then writes them as one Parquet file with snappy pages REPEATS times, timing only the
// writes. Prints {"write_s": [seconds per write], "rows": N} on stdout.
//
//     ParquetInMemory DB OUT [REPEATS]
import ExtractCore
import ExtractFormats
import ExtractSQLite
import Foundation
import SystemPackage

let arguments = CommandLine.arguments
guard arguments.count >= 3 else {
    FileHandle.standardError.write(Data("usage: ParquetInMemory DB OUT [REPEATS]\n".utf8))
    exit(2)
}
let repeats = arguments.count > 3 ? Int(arguments[3]) ?? 1 : 1

do {
    let reader = try SQLiteSource(path: arguments[1], table: "orders_bench").makeReader()
    var batches: [ColumnBatch] = []
    while let batch = try reader.next() { batches.append(batch) }
    reader.close()
    let rows = batches.reduce(0) { $0 + $1.rowCount }

    var times: [Double] = []
    let clock = ContinuousClock()
    for _ in 0..<repeats {
        let start = clock.now
        let writer = try ParquetWriter(
            schema: reader.schema,
            path: FilePath(arguments[2]),
            configuration: .init(codec: BlockCodecs.make(.snappy))
        )
        for batch in batches { try writer.write(batch) }
        _ = try writer.finish()
        let elapsed = clock.now - start
        times.append(Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) * 1e-18)
    }
    print("{\"write_s\": [\(times.map { String($0) }.joined(separator: ", "))], \"rows\": \(rows)}")
} catch {
    FileHandle.standardError.write(Data("ParquetInMemory: \(error)\n".utf8))
    exit(1)
}
