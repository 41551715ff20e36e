import ExtractCore
import Foundation
import Logging
import Testing
import Synchronization

@Suite struct EngineRunnerTests {
    func engine(
        _ snap: ConfigSnapshot,
        log: FakeRunLog,
        tables: [String: Int],
        failWrites: Bool = false,
        failAtRow: Int? = nil,
        failAtPart: Int? = nil
    ) -> ExtractEngine {
        ExtractEngine(
            configStore: FakeStore(snapshot: snap),
            runLog: log,
            sources: FakeResolver(tableRows: tables, failAtRow: failAtRow),
            sinks: FakeSinkFactory(failWrites: failWrites, failAtPart: failAtPart),
            logger: Logger(label: "test")
        )
    }

    func files(in dir: URL) -> [String] {
        let e = FileManager.default.enumerator(atPath: dir.path)
        return ((e?.allObjects as? [String]) ?? []).filter {
            !$0.hasSuffix("/") && !isDirectory(dir.appendingPathComponent($0))
        }.sorted()
    }
    func isDirectory(_ url: URL) -> Bool {
        var d: ObjCBool = false
        return FileManager.default.fileExists(atPath: url.path, isDirectory: &d) && d.boolValue
    }

    @Test func splitsIntoPartsFromPart0001AndWritesTriggerAfterData() async throws {
        let tmp = try TemporaryDirectoryForCore()
        defer { tmp.remove() }
        let snap = snapshot([
            job("ORDERS") { _, d in
                d.filePropertiesMaxRowsPerFile = 10; d.isTriggerFile = true
            }
        ])
        let log = FakeRunLog()
        let e = engine(snap, log: log, tables: ["orders": 25])
        let plan = try await e.plan(JobSelection(), options: RunOptions(outputRoot: tmp.path, startTime: fixedTime))
        let summary = await e.run(plan)
        #expect(summary.allSucceeded)
        #expect(
            files(in: tmp.url) == [
                "out/ORDERS.csv.done", "out/ORDERS_part0001.csv", "out/ORDERS_part0002.csv",
                "out/ORDERS_part0003.csv",
            ]
        )
        let part3 = try String(contentsOf: tmp.url.appendingPathComponent("out/ORDERS_part0003.csv"), encoding: .utf8)
        #expect(part3.split(separator: "\n").map { String($0.prefix(3)) } == ["21,", "22,", "23,", "24,", "25,"])
        let manifest =
            try JSONSerialization.jsonObject(
                with: Data(contentsOf: tmp.url.appendingPathComponent("out/ORDERS.csv.done"))
            ) as! [String: Any]
        #expect(manifest["total_rows"] as? Int == 25)
        let names = (manifest["files"] as! [[String: Any]]).map { $0["name"] as! String }
        #expect(names == ["ORDERS_part0001.csv", "ORDERS_part0002.csv", "ORDERS_part0003.csv"])
        let row = try #require(log.rows.first)
        #expect(row.status == .success)
        #expect(row.finish?.metrics.rowsWritten == 25 && row.finish?.metrics.filesGenerated == 3)
        #expect(row.finish?.metrics.rssBytesBefore ?? 0 > 0)
    }

    @Test func emptySourceStillWritesOneFile() async throws {
        let tmp = try TemporaryDirectoryForCore()
        defer { tmp.remove() }
        let log = FakeRunLog()
        let e = engine(snapshot([job("EMPTY")]), log: log, tables: ["empty": 0])
        let summary = await e.run(
            try await e.plan(JobSelection(), options: RunOptions(outputRoot: tmp.path, startTime: fixedTime))
        )
        #expect(summary.allSucceeded)
        #expect(files(in: tmp.url) == ["out/EMPTY.csv"])
    }

    @Test func failuresLogFailedAndLeaveNoFiles() async throws {
        let tmp = try TemporaryDirectoryForCore()
        defer { tmp.remove() }
        let pairs = [
            job("MISSING"), job("OK"),
            job("SPLIT") { _, d in
                d.filePropertiesMaxRowsPerFile = 5; d.isTriggerFile = true
            },
            job("BADFMT") { _, d in d.outputFormat = "xml" },
        ]
        let log = FakeRunLog()
        // SPLIT fails at row 12, after two parts were committed: they must be removed.
        let e = engine(snapshot(pairs), log: log, tables: ["ok": 3, "split": 30], failAtRow: 12)
        let plan = try await e.plan(JobSelection(), options: RunOptions(outputRoot: tmp.path, startTime: fixedTime))
        #expect(plan.rejected.map(\.name) == ["BADFMT"])
        let summary = await e.run(plan)
        #expect(!summary.allSucceeded)
        let status = Dictionary(uniqueKeysWithValues: log.rows.map { ($0.start.extractName, $0.status) })
        #expect(status == ["MISSING": .failed, "OK": .success, "SPLIT": .failed, "BADFMT": .failed])
        #expect(files(in: tmp.url) == ["out/OK.csv"])
        let missing = try #require(log.rows.first { $0.start.extractName == "MISSING" }?.finish?.errorMessage)
        #expect(missing.contains("table does not exist") && missing.contains("extract MISSING"))
        let bad = try #require(log.rows.first { $0.start.extractName == "BADFMT" }?.finish?.errorMessage)
        #expect(bad.contains("output_format") && bad.contains("xml"))
    }

    @Test(arguments: [(Int?.none, Int?(2)), (Int?(15), Int?.none)])
    func failingRerunKeepsThePreviousRunsFiles(failAtRow: Int?, failAtPart: Int?) async throws {
        let tmp = try TemporaryDirectoryForCore()
        defer { tmp.remove() }
        let snap = snapshot([
            job("ORDERS") { _, d in
                d.filePropertiesMaxRowsPerFile = 10; d.isTriggerFile = true
            }
        ])
        let good = engine(snap, log: FakeRunLog(), tables: ["orders": 25])
        #expect(
            await good.run(
                try await good.plan(JobSelection(), options: RunOptions(outputRoot: tmp.path, startTime: fixedTime))
            ).allSucceeded
        )
        let names = files(in: tmp.url)
        #expect(names.count == 4)
        let before = try names.map { try Data(contentsOf: tmp.url.appendingPathComponent($0)) }

        // The re-run has more rows and fails in part 2 (the sink or the source): part 1 was already complete.
        let log = FakeRunLog()
        let failing = engine(snap, log: log, tables: ["orders": 40], failAtRow: failAtRow, failAtPart: failAtPart)
        let summary = await failing.run(
            try await failing.plan(JobSelection(), options: RunOptions(outputRoot: tmp.path, startTime: fixedTime))
        )
        #expect(summary.results.map(\.status) == [.failed])
        #expect(log.rows.map(\.status) == [.failed])
        #expect(files(in: tmp.url) == names)  // no temporary file either
        #expect(try names.map { try Data(contentsOf: tmp.url.appendingPathComponent($0)) } == before)
    }

    @Test func failingWritesAreNeverSuccess() async throws {
        let tmp = try TemporaryDirectoryForCore()
        defer { tmp.remove() }
        let log = FakeRunLog()
        let e = engine(
            snapshot([job("W") { _, d in d.isTriggerFile = true }]),
            log: log,
            tables: ["w": 10],
            failWrites: true
        )
        let summary = await e.run(
            try await e.plan(JobSelection(), options: RunOptions(outputRoot: tmp.path, startTime: fixedTime))
        )
        #expect(summary.results.map(\.status) == [.failed])
        #expect(log.rows.map(\.status) == [.failed])
        #expect(log.rows[0].finish?.errorMessage?.contains("simulated disk full") == true)
        #expect(files(in: tmp.url).isEmpty)
    }

    @Test func incrementalRunsPickOnlyNewRowsAndWatermarkMovesOnlyOnSuccess() async throws {
        let tmp = try TemporaryDirectoryForCore()
        defer { tmp.remove() }
        let pair = job("INC") { m, d in
            m.isFullLoad = false; m.incrementalColumn = "id"; d.extractFileName = "inc_{run_id}"
        }
        let log = FakeRunLog()
        let first = engine(snapshot([pair]), log: log, tables: ["inc": 10])
        let s1 = await first.run(
            try await first.plan(JobSelection(), options: RunOptions(outputRoot: tmp.path, runId: "one"))
        )
        #expect(s1.results[0].metrics.rowsWritten == 10 && s1.results[0].runType == .incremental)
        #expect(log.watermarkNow("INC") == .integer(10))
        // Five more rows; a failing run must not move the watermark.
        let failing = engine(snapshot([pair]), log: log, tables: ["inc": 15], failWrites: true)
        _ = await failing.run(
            try await failing.plan(JobSelection(), options: RunOptions(outputRoot: tmp.path, runId: "two"))
        )
        #expect(log.watermarkNow("INC") == .integer(10))
        let second = engine(snapshot([pair]), log: log, tables: ["inc": 15])
        let s3 = await second.run(
            try await second.plan(JobSelection(), options: RunOptions(outputRoot: tmp.path, runId: "three"))
        )
        #expect(s3.results[0].metrics.rowsWritten == 5)
        let text = try String(contentsOf: tmp.url.appendingPathComponent("out/inc_three.csv"), encoding: .utf8)
        #expect(text.split(separator: "\n").map { $0.split(separator: ",")[0] } == ["11", "12", "13", "14", "15"])
        #expect(log.watermarkNow("INC") == .integer(15))
        // FULL overrides: all rows.
        let s4 = await second.run(
            try await second.plan(
                JobSelection(),
                options: RunOptions(outputRoot: tmp.path, runType: .full, runId: "four")
            )
        )
        #expect(s4.results[0].metrics.rowsWritten == 15 && s4.results[0].runType == .full)
    }

    @Test func parallelRunWritesTheSameFilesAsSerialAndGroupsRunInOrder() async throws {
        let pairs = (1...8).map { i in
            job("J\(i)", table: "t", group: i <= 4 ? "B" : "A") { _, d in d.filePropertiesMaxRowsPerFile = 40 }
        }
        var outputs: [[String: Data]] = []
        for workers in [1, 4] {
            let tmp = try TemporaryDirectoryForCore()
            defer { tmp.remove() }
            let log = FakeRunLog()
            let e = engine(snapshot(pairs), log: log, tables: ["t": 100])
            let order = EventOrder()
            let plan = try await e.plan(
                JobSelection(groups: ["B", "A"]),
                options: RunOptions(outputRoot: tmp.path, maxWorkers: workers, startTime: fixedTime)
            )
            let summary = await e.run(plan) { event in
                if case .extractStarted(let name, _, _, _) = event { order.add(name) }
            }
            #expect(summary.allSucceeded)
            // Group B (J1-J4) entirely before group A (J5-J8).
            let started = order.names
            #expect(Set(started.prefix(4)) == ["J1", "J2", "J3", "J4"])
            var contents: [String: Data] = [:]
            for f in files(in: tmp.url) { contents[f] = try Data(contentsOf: tmp.url.appendingPathComponent(f)) }
            #expect(contents.count == 8 * 3)
            outputs.append(contents)
        }
        #expect(outputs[0] == outputs[1])
    }

    @Test func selectionByNameGlobAndGroup() async throws {
        let pairs = [job("SAMPLE_A", group: "G1"), job("SAMPLE_B", group: "G2"), job("OTHER", group: "G1")]
        let e = engine(snapshot(pairs), log: FakeRunLog(), tables: [:])
        let byGlob = try await e.plan(JobSelection(names: ["SAMPLE_*"]), options: RunOptions(outputRoot: "/tmp/x"))
        #expect(byGlob.entries.map(\.job.name).sorted() == ["SAMPLE_A", "SAMPLE_B"])
        let byGroup = try await e.plan(JobSelection(groups: ["G1"]), options: RunOptions(outputRoot: "/tmp/x"))
        #expect(byGroup.entries.map(\.job.name) == ["OTHER", "SAMPLE_A"])
        await #expect(throws: ExtractError.self) {
            try await e.plan(JobSelection(names: ["NOPE"]), options: RunOptions(outputRoot: "/tmp/x"))
        }
    }

    @Test func twoJobsWritingTheSameFileAreRejected() async throws {
        let pairs = [job("A") { _, d in d.extractFileName = "same" }, job("B") { _, d in d.extractFileName = "same" }]
        let e = engine(snapshot(pairs), log: FakeRunLog(), tables: [:])
        let plan = try await e.plan(JobSelection(), options: RunOptions(outputRoot: "/tmp/x"))
        #expect(plan.entries.map(\.job.name) == ["A"])
        #expect(plan.rejected.map(\.name) == ["B"])
    }

    @Test func cancellationStopsAndLogsFailed() async throws {
        let tmp = try TemporaryDirectoryForCore()
        defer { tmp.remove() }
        let log = FakeRunLog()
        let e = ExtractEngine(
            configStore: FakeStore(snapshot: snapshot([job("BIG") { _, d in d.filePropertiesMaxRowsPerFile = 1000 }])),
            runLog: log,
            sources: FakeResolver(tableRows: ["big": 50_000_000]),
            sinks: FakeSinkFactory(),
            logger: Logger(label: "t")
        )
        let plan = try await e.plan(JobSelection(), options: RunOptions(outputRoot: tmp.path, startTime: fixedTime))
        let task = Task { await e.run(plan) }
        try await Task.sleep(for: .milliseconds(300))
        task.cancel()
        let summary = await task.value
        #expect(summary.results.first?.status == .failed)
        #expect(summary.results.first?.error?.code == .cancelled)
        #expect(log.rows.first?.status == .failed)
        #expect(files(in: tmp.url).isEmpty)
    }

    @Test func eventStreamEndsWithSummary() async throws {
        let tmp = try TemporaryDirectoryForCore()
        defer { tmp.remove() }
        let e = engine(snapshot([job("S")]), log: FakeRunLog(), tables: ["s": 20])
        let plan = try await e.plan(JobSelection(), options: RunOptions(outputRoot: tmp.path))
        var kinds: [String] = []
        for await event in e.events(for: plan) {
            switch event {
            case .groupStarted: kinds.append("group")
            case .extractStarted: kinds.append("start")
            case .extractProgress: if kinds.last != "progress" { kinds.append("progress") }
            case .extractFinished: kinds.append("finish")
            case .runFinished: kinds.append("run")
            }
        }
        #expect(kinds == ["group", "start", "progress", "finish", "run"])
    }
}

final class EventOrder: Sendable {
    let state = Mutex<[String]>([])
    func add(_ s: String) { state.withLock { $0.append(s) } }
    var names: [String] { state.withLock { $0 } }
}

/// A temporary folder (ExtractCoreTests does not depend on ExtractTestSupport's Foundation helpers for this).
struct TemporaryDirectoryForCore {
    let url: URL
    var path: String { url.path }
    init() throws {
        url = FileManager.default.temporaryDirectory.appendingPathComponent("engine-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    }
    func remove() { try? FileManager.default.removeItem(at: url) }
}
