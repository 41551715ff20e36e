import ExtractCore
import Foundation
import Synchronization
import SystemPackage

/// A source of `rows` rows (`id` int64 = 1...rows, `name` string) in batches of `batchSize`;
/// with an incremental window it yields only ids in `(after, upper]`.
struct FakeSource: DataSource, RowCountEstimating {
    var rows: Int
    var batchSize: Int = 7
    var firstId: Int = 1
    var failAtRow: Int? = nil
    var displayName: String { "fake" }
    var estimatedRowCount: Int64? { Int64(rows) }

    func makeReader() throws -> any BatchReader { Reader(self) }

    final class Reader: BatchReader {
        let source: FakeSource
        var produced = 0
        let schema = Schema([Field("id", .int64, nullable: false), Field("name", .string)])
        init(_ source: FakeSource) { self.source = source }
        func next() throws -> ColumnBatch? {
            guard produced < source.rows else { return nil }
            let n = min(source.batchSize, source.rows - produced)
            if let fail = source.failAtRow, produced + n > fail {
                throw ExtractError(.source, "simulated read failure", context: .init(row: Int64(fail)))
            }
            var ids = ColumnBuilder(type: .int64, capacity: n)
            var names = ColumnBuilder(type: .string, capacity: n)
            for i in 0..<n {
                let id = source.firstId + produced + i
                ids.append(Int64(id))
                if id % 5 == 0 { names.appendNull() } else { names.append(string: "name-\(id)-é") }
            }
            produced += n
            return ColumnBatch(schema: schema, columns: [ids.finish(), names.finish()])
        }
        func close() {}
    }
}

/// Resolves every table named `missing` as not found, others as a ``FakeSource`` over a table
/// of `tableRows[name]` rows whose ids grow; incremental windows filter by id.
struct FakeResolver: SourceResolver {
    var tableRows: [String: Int]
    var failAtRow: Int? = nil
    func resolve(_ request: SourceRequest) async throws -> ResolvedSource {
        guard let total = tableRows[request.source.objectName] else {
            throw ExtractError(.notFound, "table does not exist", context: .init(object: request.source.displayName))
        }
        var first = 1
        var upper: Watermark? = nil
        if let w = request.incremental {
            upper = total > 0 ? .integer(Int64(total)) : nil
            if w.filters, case .integer(let after)? = w.after { first = Int(after) + 1 }
        }
        return ResolvedSource(
            source: FakeSource(rows: max(0, total - first + 1), firstId: first, failAtRow: failAtRow),
            upperWatermark: upper
        )
    }
}

/// Writes each part as `id,name` lines through AtomicFile (enough to check the engine); fails
/// every write when `failWrites` is set, or the writes of part `failAtPart`.
struct FakeSinkFactory: SinkFactory {
    var failWrites = false
    var failAtPart: Int? = nil
    func makeSink(for request: SinkRequest) throws -> any DataSink {
        let layout = request.layout
        let fail = failWrites
        let failPart = failAtPart
        return PartSplittingSink(maxRowsPerFile: layout.maxRowsPerFile) { part in
            try LineSink(path: layout.path(layout.fileName(part: part)), fail: fail || part == failPart)
        }
    }

    final class LineSink: StagingDataSink {
        let file: AtomicFile
        let fail: Bool
        var rows: Int64 = 0
        init(path: String, fail: Bool) throws {
            file = try AtomicFile(path: FilePath(path))
            self.fail = fail
        }
        func write(_ batch: ColumnBatch) throws {
            if fail { throw ExtractError(.io, "simulated disk full", context: .init(path: file.path.string)) }
            guard case .int64(let ids) = batch.columns[0].values, case .bytes(let names) = batch.columns[1].values
            else { return }
            var text = ""
            for i in 0..<batch.rowCount {
                text += "\(ids[i]),"
                if !batch.columns[1].isNull(i) {
                    text += names.withBytes(at: i) { String(decoding: $0, as: UTF8.self) }
                }
                text += "\n"
            }
            try file.write(Array(text.utf8))
            rows += Int64(batch.rowCount)
        }
        func stage() throws -> [StagedFile] {
            let temporary = try file.stage()
            return [
                StagedFile(
                    temporaryPath: temporary,
                    file: OutputFile(path: file.path.string, rows: rows, bytes: file.byteCount, sha256: "00")
                )
            ]
        }
        func finish() throws -> [OutputFile] { try StagedFile.publishAll(try stage()) }
        func abort() { file.abort() }
    }
}

/// An in-memory run log.
final class FakeRunLog: RunLog {
    struct Row: Sendable {
        var start: RunLogStart
        var finish: RunLogFinish?
        var status: RunStatus { finish?.status ?? .inProgress }
    }
    let state = Mutex<(rows: [Row], watermarks: [String: Watermark])>(([], [:]))

    var rows: [Row] { state.withLock { $0.rows } }
    func watermarkNow(_ name: String) -> Watermark? { state.withLock { $0.watermarks[name] } }

    func recordStart(_ start: RunLogStart) async throws -> Int64 {
        state.withLock { s in
            s.rows.append(Row(start: start))
            return Int64(s.rows.count)
        }
    }
    func recordFinish(logId: Int64, _ finish: RunLogFinish, watermark: Watermark?) async throws {
        state.withLock { s in
            s.rows[Int(logId) - 1].finish = finish
            if finish.status == .success, let watermark {
                s.watermarks[s.rows[Int(logId) - 1].start.extractName] = watermark
            }
        }
    }
    func watermark(for extractName: String) async throws -> Watermark? { watermarkNow(extractName) }
    func failedExtracts(inRun runId: String?) async throws -> (runId: String, names: [String])? { nil }
}

struct FakeStore: ConfigStore {
    var snapshot: ConfigSnapshot
    func loadSnapshot() async throws -> ConfigSnapshot { snapshot }
}

/// A master + details pair for a table extract writing csv.
func job(
    _ name: String,
    table: String? = nil,
    group: String? = nil,
    _ configure: (inout ExtractConfigRecord, inout ExtractDetailsRecord) -> Void = { _, _ in }
)
    -> (ExtractConfigRecord, ExtractDetailsRecord)
{
    var m = ExtractConfigRecord(extractName: name, extractTableName: table ?? name.lowercased(), executionGroup: group)
    var d = ExtractDetailsRecord(extractName: name)
    d.outputFormat = "csv"
    d.extractContainer = "out"
    d.extractFileName = "{extract_name}"
    configure(&m, &d)
    return (m, d)
}

func snapshot(_ pairs: [(ExtractConfigRecord, ExtractDetailsRecord)]) -> ConfigSnapshot {
    ConfigSnapshot(jobs: pairs.map(\.0), details: pairs.map(\.1))
}

let fixedTime = CivilDateTime(year: 2024, month: 7, day: 25, hour: 14, minute: 25, second: 30)
