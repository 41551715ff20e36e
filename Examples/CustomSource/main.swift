// extract-example: a custom DataSource written to Parquet and CSV with the swift-extract library,
// first with the sinks directly, then through the config-driven ExtractEngine.
//
//   swift run extract-example [OUTPUT_DIR]
import ExtractCore
import ExtractFormats
import Logging
import Synchronization
import SystemPackage

/// A source that generates `rows` sensor readings, in batches, without any database.
struct SensorReadings: DataSource {
    var rows: Int
    var displayName: String { "generated sensor readings" }

    func makeReader() throws -> any BatchReader { Reader(rows: rows) }

    final class Reader: BatchReader {
        let schema = Schema([
            Field("reading_id", .int64, nullable: false),
            Field("sensor", .string, nullable: false),
            Field("celsius", .double),
            Field("taken_at", .timestamp(.microseconds, isAdjustedToUTC: true), nullable: false),
            Field("note", .string),
        ])
        let total: Int
        var produced = 0

        init(rows: Int) { total = rows }

        func next() throws -> ColumnBatch? {
            guard produced < total else { return nil }
            let n = min(10_000, total - produced)
            var ids = ColumnBuilder(type: .int64, capacity: n)
            var sensors = ColumnBuilder(type: .string, capacity: n)
            var celsius = ColumnBuilder(type: .double, capacity: n)
            var takenAt = ColumnBuilder(type: .timestamp(.microseconds, isAdjustedToUTC: true), capacity: n)
            var notes = ColumnBuilder(type: .string, capacity: n)
            let start: Int64 = 1_721_900_000_000_000  // 2024-07-25T09:33:20Z
            for i in produced..<(produced + n) {
                ids.append(Int64(i + 1))
                sensors.append(string: ["north", "süd", "東"][i % 3])
                if i % 10 == 9 { celsius.appendNull() } else { celsius.append(15 + Double(i % 200) / 10) }
                takenAt.append(start + Int64(i) * 60_000_000)
                if i % 4 == 0 { notes.append(string: "checked, \"ok\"") } else { notes.appendNull() }
            }
            produced += n
            return ColumnBatch(
                schema: schema,
                columns: [ids.finish(), sensors.finish(), celsius.finish(), takenAt.finish(), notes.finish()]
            )
        }

        func close() {}
    }
}

// MARK: 1. Sinks directly

func writeDirectly(to folder: String) throws {
    let source = SensorReadings(rows: 25_000)

    // Parquet with zstd pages.
    var parquet = ParquetWriter.Configuration()
    parquet.codec = BlockCodecs.make(.zstd)
    var reader = try source.makeReader()
    let parquetSink = try ParquetSink(
        path: FilePath(folder + "/readings.parquet"),
        schema: reader.schema,
        configuration: parquet
    )
    while let batch = try reader.next() { try parquetSink.write(batch) }
    for file in try parquetSink.finish() { print("wrote \(file.path): \(file.rows) rows, \(file.bytes) bytes") }

    // CSV, gzip-compressed.
    reader = try source.makeReader()
    let csvSink = try DelimitedSink(
        path: folder + "/readings.csv.gz",
        schema: reader.schema,
        options: .csv,
        compression: try StreamCodecs.make(.gzip(level: 6))
    )
    while let batch = try reader.next() { try csvSink.write(batch) }
    for file in try csvSink.finish() {
        print("wrote \(file.path): \(file.rows) rows, \(file.bytes) bytes, sha256 \(file.sha256 ?? "-")")
    }
}

// MARK: 2. Through the engine (config rows, parts, trigger file, run log)

/// Jobs kept in memory instead of config tables.
struct InMemoryConfig: ConfigStore {
    func loadSnapshot() async throws -> ConfigSnapshot {
        var parquetJob = ExtractDetailsRecord(extractName: "READINGS_PARQUET")
        parquetJob.outputFormat = "parquet"
        parquetJob.isCompressed = true
        parquetJob.compressedType = "SNAPPY"
        parquetJob.extractContainer = "engine"
        parquetJob.extractDirectory = "{extract_name}/{year}/{month}"
        parquetJob.extractFileName = "readings_{date}"
        parquetJob.isTriggerFile = true
        var csvJob = ExtractDetailsRecord(extractName: "READINGS_CSV")
        csvJob.outputFormat = "csv"
        csvJob.filePropertiesMaxRowsPerFile = 10_000
        csvJob.extractContainer = "engine"
        csvJob.extractDirectory = "{extract_name}"
        csvJob.extractFileName = "readings"
        csvJob.extractFileNameTimestampFormat = "yyyyMMdd_HHmmss"
        return ConfigSnapshot(
            jobs: [
                ExtractConfigRecord(
                    extractName: "READINGS_PARQUET",
                    extractTableName: "readings",
                    executionGroup: "DEMO"
                ),
                ExtractConfigRecord(extractName: "READINGS_CSV", extractTableName: "readings", executionGroup: "DEMO"),
            ],
            details: [parquetJob, csvJob]
        )
    }
}

/// Every job's source is the generator.
struct GeneratorResolver: SourceResolver {
    func resolve(_ request: SourceRequest) async throws -> ResolvedSource {
        ResolvedSource(source: SensorReadings(rows: 25_000), upperWatermark: nil)
    }
}

/// A run log that only prints.
final class PrintingRunLog: RunLog {
    let next = Mutex<Int64>(0)
    func recordStart(_ start: RunLogStart) async throws -> Int64 {
        next.withLock {
            $0 += 1; return $0
        }
    }
    func recordFinish(logId: Int64, _ finish: RunLogFinish, watermark: Watermark?) async throws {
        print(
            "log \(logId): \(finish.status.rawValue), \(finish.metrics.rowsWritten) rows in \(finish.files.count) file(s)"
        )
    }
    func watermark(for extractName: String) async throws -> Watermark? { nil }
    func failedExtracts(inRun runId: String?) async throws -> (runId: String, names: [String])? { nil }
}

func runEngine(root: String) async throws {
    let engine = ExtractEngine(
        configStore: InMemoryConfig(),
        runLog: PrintingRunLog(),
        sources: GeneratorResolver(),
        sinks: StandardSinkFactory(),
        logger: Logger(label: "extract-example")
    )
    let plan = try await engine.plan(
        JobSelection(names: ["READINGS_*"]),
        options: RunOptions(outputRoot: root, maxWorkers: 2)
    )
    for await event in engine.events(for: plan) {
        switch event {
        case .extractFinished(let result):
            for file in result.files { print("\(result.name): \(file.path) (\(file.rows) rows)") }
            if let trigger = result.triggerPath { print("\(result.name): trigger \(trigger)") }
        case .runFinished(let summary):
            print(
                "run \(summary.runId): \(summary.succeeded) succeeded, \(summary.failed) failed, \(summary.totalRows) rows"
            )
        default:
            break
        }
    }
}

let folder = CommandLine.arguments.count > 1 ? CommandLine.arguments[1] : "example-output"
try AtomicFile.createDirectories(FilePath(folder))
try writeDirectly(to: folder)
try await runEngine(root: folder)
