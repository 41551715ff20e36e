// Micro measurement (not a test): the benchmark dataset (orders_bench from tools/make_dataset.py,
// default 1M rows) read into memory, then written as Parquet (snappy) by ParquetWriter, and by
// pyarrow from the same rows in the same run. An executable of the Benchmarks package; usage:
//   swift run -c release --package-path Benchmarks ParquetWriteBench [rows] [--python PATH] [--repeat N]
import ExtractCore
import ExtractFormats
import ExtractSQLite
import Foundation
import SystemPackage

/// A sink that only counts: measures encoding without the file system.
final class CountingNullSink: ByteSink {
    var bytes = 0
    func write(_ bytes: UnsafeRawBufferPointer) throws { self.bytes += bytes.count }
    func finish() throws {}
}

let args = CommandLine.arguments
let rows = args.count > 1 ? Int(args[1]) ?? 1_000_000 : 1_000_000
func option(_ name: String) -> String? {
    guard let i = args.firstIndex(of: name), i + 1 < args.count else { return nil }
    return args[i + 1]
}
let repeats = Int(option("--repeat") ?? "3") ?? 3
// The repository root: this file is Benchmarks/Sources/ParquetWriteBench/main.swift.
let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
    .deletingLastPathComponent().deletingLastPathComponent()
let python = option("--python") ?? root.appendingPathComponent(".venv/bin/python").path
let generator = root.appendingPathComponent("tools/make_dataset.py").path
let dataDir = root.appendingPathComponent("data")
try? FileManager.default.createDirectory(at: dataDir, withIntermediateDirectories: true)
let db = dataDir.appendingPathComponent("orders_bench_\(rows).sqlite").path

func shell(_ executable: String, _ arguments: [String]) throws -> String {
    let process = Process()
    process.executableURL = URL(fileURLWithPath: executable)
    process.arguments = arguments
    let pipe = Pipe()
    process.standardOutput = pipe
    try process.run()
    let data = pipe.fileHandleForReading.readDataToEndOfFile()
    process.waitUntilExit()
    guard process.terminationStatus == 0 else { fatalError("\(executable) \(arguments) failed") }
    return String(decoding: data, as: UTF8.self)
}

_ = try shell(python, [generator, "--rows", String(rows), "--out", db, "--quiet"])

// Load the table into memory (not timed).
let reader = try SQLiteSource(path: db, table: "orders_bench").makeReader()
var loaded: [ColumnBatch] = []
while let batch = try reader.next() { loaded.append(batch) }
let batches = loaded
reader.close()
let schema = reader.schema
print(
    "loaded \(batches.reduce(0) { $0 + $1.rowCount }) rows in \(batches.count) batches: \(schema.fields.map { "\($0.name) \($0.type)" }.joined(separator: ", "))"
)

@MainActor func measure(_ label: String, _ configuration: ParquetWriter.Configuration, toFile: Bool) throws {
    var best = Double.infinity
    var size = 0
    for _ in 0..<repeats {
        let start = DispatchTime.now().uptimeNanoseconds
        let writer: ParquetWriter
        let sink = CountingNullSink()
        let path = dataDir.appendingPathComponent("bench_swift.parquet").path
        if toFile {
            writer = try ParquetWriter(schema: schema, path: FilePath(path), configuration: configuration)
        } else {
            writer = try ParquetWriter(schema: schema, sink: sink, configuration: configuration)
        }
        for batch in batches { try writer.write(batch) }
        let summary = try writer.finish()
        let seconds = Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9
        best = min(best, seconds)
        size = Int(summary.bytes)
    }
    print(
        String(
            format: "swift-extract %-38@ %6.3f s  %6.2f M rows/s  %7.1f MB",
            label as NSString,
            best,
            Double(rows) / best / 1e6,
            Double(size) / 1e6
        )
    )
}

let snappy = BlockCodecs.make(.snappy)
func maxRSSMegabytes() -> Double {
    var usage = rusage()
    getrusage(RUSAGE_SELF.rawValue, &usage)
    return Double(usage.ru_maxrss) / 1024
}
if let repeatText = option("--stream-repeat"), let times = Int(repeatText) {
    // Bounded memory: write the loaded rows `times` over into one file (a 10M-row export for
    // times = 10 with 1M rows) and report the peak resident memory before and after.
    let before = maxRSSMegabytes()
    let path = dataDir.appendingPathComponent("bench_stream.parquet").path
    let start = DispatchTime.now().uptimeNanoseconds
    let writer = try ParquetWriter(schema: schema, path: FilePath(path), configuration: .init(codec: snappy))
    for _ in 0..<times { for batch in batches { try writer.write(batch) } }
    let summary = try writer.finish()
    let seconds = Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9
    print(
        String(
            format:
                "streamed %lld rows in %d row groups, %.1f MB file, %.2f s (%.2f M rows/s); peak RSS %.0f MB after loading the %d input rows, %.0f MB after writing",
            summary.rows,
            summary.rowGroups,
            Double(summary.bytes) / 1e6,
            seconds,
            Double(summary.rows) / seconds / 1e6,
            before,
            rows,
            maxRSSMegabytes()
        )
    )
    try? FileManager.default.removeItem(atPath: path)
    exit(0)
}
if let abText = option("--parallel-ab"), let rounds = Int(abText) {
    // Parallel vs single-threaded column encoding, interleaved so that both see the same load;
    // medians over `rounds` runs each (memory sink, snappy).
    var times: [Bool: [Double]] = [true: [], false: []]
    for _ in 0..<rounds {
        for parallel in [false, true] {
            let start = DispatchTime.now().uptimeNanoseconds
            let writer = try ParquetWriter(
                schema: schema,
                sink: CountingNullSink(),
                configuration: .init(codec: snappy, parallelEncoding: parallel)
            )
            for batch in batches { try writer.write(batch) }
            try writer.finish()
            times[parallel]!.append(Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9)
        }
    }
    func median(_ values: [Double]) -> Double { values.sorted()[values.count / 2] }
    let serial = median(times[false]!), parallel = median(times[true]!)
    print(
        String(
            format: "median of %d: 1 thread %.3f s (%.2f M rows/s), parallel %.3f s (%.2f M rows/s), speed-up x%.2f",
            rounds,
            serial,
            Double(rows) / serial / 1e6,
            parallel,
            Double(rows) / parallel / 1e6,
            serial / parallel
        )
    )
    exit(0)
}
if args.contains("--profile") {
    // One configuration only, for `perf record`.
    try measure("snappy, memory sink, 1 thread", .init(codec: snappy, parallelEncoding: false), toFile: false)
    exit(0)
}
try measure("snappy, file, parallel", .init(codec: snappy), toFile: true)
try measure("snappy, file, 1 thread", .init(codec: snappy, parallelEncoding: false), toFile: true)
try measure("snappy, memory sink, parallel", .init(codec: snappy), toFile: false)
try measure("snappy, memory sink, 1 thread", .init(codec: snappy, parallelEncoding: false), toFile: false)
try measure("uncompressed, memory sink, parallel", .init(), toFile: false)

// pyarrow: the same rows (read from the same SQLite file into an Arrow table, not timed), then
// pq.write_table with its defaults (snappy, dictionary, V1 pages) and with the page index on.
let script = #"""
    import sqlite3, sys, time, datetime
    import pyarrow as pa, pyarrow.parquet as pq
    db, out, repeats = sys.argv[1], sys.argv[2], int(sys.argv[3])
    con = sqlite3.connect(db)
    cols = list(zip(*con.execute("SELECT * FROM orders_bench ORDER BY order_id").fetchall()))
    epoch = datetime.date(1970, 1, 1)
    def days(s): return (datetime.date.fromisoformat(s) - epoch).days
    def micros(s):
        d = datetime.datetime.fromisoformat(s)
        return int((d - datetime.datetime(1970, 1, 1)).total_seconds()) * 1000000 + d.microsecond
    table = pa.table({
        "order_id": pa.array(cols[0], pa.int64()), "customer_id": pa.array(cols[1], pa.int64()),
        "order_date": pa.array([days(s) for s in cols[2]], pa.int32()).cast(pa.date32()),
        "order_ts": pa.array([micros(s) for s in cols[3]], pa.int64()).cast(pa.timestamp("us")),
        "status": pa.array(cols[4], pa.string()), "channel": pa.array(cols[5], pa.string()),
        "product_name": pa.array(cols[6], pa.string()), "quantity": pa.array(cols[7], pa.int64()),
        "unit_price": pa.array(cols[8], pa.float64()), "discount": pa.array(cols[9], pa.float64()),
        "is_gift": pa.array([None if v is None else bool(v) for v in cols[10]], pa.bool_()),
        "notes": pa.array(cols[11], pa.string()),
    })
    for label, kw in [("snappy (defaults)", {}), ("snappy + page index", {"write_page_index": True})]:
        best = 1e9
        for _ in range(repeats):
            t = time.perf_counter()
            pq.write_table(table, out, compression="snappy", **kw)
            best = min(best, time.perf_counter() - t)
        import os
        print("pyarrow %-44s %6.3f s  %6.2f M rows/s  %7.1f MB" % (label, best, table.num_rows / best / 1e6, os.path.getsize(out) / 1e6))
    """#
print(
    try shell(
        python,
        ["-c", script, db, dataDir.appendingPathComponent("bench_pyarrow.parquet").path, String(repeats)]
    ),
    terminator: ""
)
