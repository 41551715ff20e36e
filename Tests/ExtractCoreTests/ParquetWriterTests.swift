import ExtractCore
import ExtractTestSupport
import Foundation
import SystemPackage
import Testing

/// Writes `batches` to `url` with `configuration`; returns the summary.
@discardableResult
func writeParquet(_ batches: [ColumnBatch], schema: Schema, to url: URL,
                  _ configuration: ParquetWriter.Configuration) throws -> ParquetWriter.Summary {
    let writer = try ParquetWriter(schema: schema, path: FilePath(url.path), configuration: configuration)
    for batch in batches { try writer.write(batch) }
    return try writer.finish()
}

/// Removes a test folder, unless `EXTRACT_KEEP_TEST_FILES` is set (to inspect the files).
func removeUnlessKept(_ dir: TemporaryDirectory) {
    if ProcessInfo.processInfo.environment["EXTRACT_KEEP_TEST_FILES"] == nil { dir.remove() }
}

/// Runs parquet_check with an expected CSV; records the output on failure.
func expectParquetCheck(_ file: URL, csv: String, extra: [String] = [],
                        sourceLocation: SourceLocation = #_sourceLocation) throws {
    let csvURL = file.deletingPathExtension().appendingPathExtension("csv")
    try csv.write(to: csvURL, atomically: true, encoding: .utf8)
    let result = try parquetCheck(file, ["--expect-csv", csvURL.path, "--csv-null", "\\N"] + extra)
    if ProcessInfo.processInfo.environment["EXTRACT_TEST_VERBOSE"] != nil {
        print("== parquet_check \(file.lastPathComponent) \(extra)\n" + result.output.split(separator: "\n")
            .filter { $0.contains("WARN") || $0.contains("ERROR") || $0.contains("parquet_check:") }.joined(separator: "\n"))
    }
    #expect(result.status == 0, "parquet_check failed for \(file.lastPathComponent):\n\(result.output.suffix(6000))",
            sourceLocation: sourceLocation)
}

@Suite("ParquetWriter")
struct ParquetWriterTests {
    @Test func smallTableEveryTypeIsReadByAllReaders() throws {
        let dir = try TemporaryDirectory("parquet-small")
        defer { removeUnlessKept(dir) }
        let table = ParquetTestTable(rows: 100, cardinality: .low)
        let file = dir.file("small.parquet")
        let summary = try writeParquet(table.batches(batchRows: 40), schema: table.schema, to: file,
                                       .init(pageRowLimit: 30))
        #expect(summary.rows == 100)
        try expectParquetCheck(file, csv: table.expectedCSV())
    }
}
