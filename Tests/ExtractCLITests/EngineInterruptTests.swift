import ExtractTestSupport
import Foundation
import Testing

/// Ctrl-C during `extract run` cancels: the running extract stops, removes its file, is logged
/// FAILED, and the command exits with status 1.
@Suite struct EngineInterruptTests {
    @Test func sigintCancelsTheRunCleanly() throws {
        let ws = try EngineWorkspace()
        defer { ws.remove() }
        try ws.sql(
            """
            INSERT INTO config_extract_generation(extract_name, is_active, extract_sql, is_full_load, execution_group)
                VALUES ('ENDLESS', 1, 'WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 500000000) SELECT i, ''row '' || i AS label FROM n', 1, 'SLOW');
            INSERT INTO config_extract_generation_details(extract_name, extract_container, output_format, is_trigger_file)
                VALUES ('ENDLESS', 'slow', 'csv', 1);
            """
        )
        let process = Process()
        process.executableURL = URL(fileURLWithPath: TestEnvironment.extractExecutable)
        process.arguments = ["run", "--extract-name", "ENDLESS", "--store", ws.store, "--json"]
        process.currentDirectoryURL = ws.url
        let out = Pipe()
        process.standardOutput = out
        process.standardError = FileHandle.nullDevice
        try process.run()
        // Wait until the file is being written, then interrupt.
        let deadline = Date().addingTimeInterval(30)
        while Date() < deadline {
            let names = (try? FileManager.default.contentsOfDirectory(atPath: ws.path("slow"))) ?? []
            if names.contains(where: { $0.contains(".tmp-") }) { break }
            Thread.sleep(forTimeInterval: 0.05)
        }
        process.interrupt()
        let data = out.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        #expect(process.terminationStatus == 1)
        let summary = try jsonObject(String(decoding: data, as: UTF8.self))
        #expect(summary["cancelled"] as? Bool == true)
        let rows = try ws.history()
        #expect(rows.first?["run_status"] as? String == "FAILED")
        #expect((rows.first?["error_message"] as? String)?.contains("cancelled") == true)
        #expect(try ws.files(under: "slow").isEmpty)
    }
}
