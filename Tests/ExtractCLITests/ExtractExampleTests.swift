import ExtractTestSupport
import Foundation
import Testing

/// The `extract-example` program (Examples/CustomSource) writes files the checkers accept.
@Suite struct ExtractExampleTests {
    @Test func customSourceExampleWritesValidParquetAndCSV() throws {
        let dir = try TemporaryDirectory("example")
        defer { dir.remove() }
        let exe = TestEnvironment.productsDirectory.appendingPathComponent("extract-example").path
        let result = try run(exe, [dir.url.path])
        #expect(result.status == 0, "\(result.output)")
        let parquet = try parquetCheck(dir.file("readings.parquet"))
        #expect(parquet.status == 0 && parquet.output.contains("25000 rows"), "\(parquet.output)")
        let csv = try delimitedCheck(dir.file("readings.csv.gz"))
        #expect(csv.status == 0 && csv.output.contains("25000 rows"), "\(csv.output)")
        #expect(FileManager.default.fileExists(atPath: dir.file("engine/READINGS_CSV").path))
        #expect(result.stdout.contains("2 succeeded, 0 failed, 50000 rows"))
    }
}
