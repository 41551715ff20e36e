import ExtractCore
import ExtractFormats
import ExtractTestSupport
import Foundation
import Testing

/// apache/parquet-testing (Tests/Fixtures/parquet-testing, commit in its README): every flat
/// column of every data file reads equal to pyarrow's read of the same file (and to the
/// `*_expect.csv` files where the suite gives them); nested columns are refused naming the
/// column and its type; encrypted files are refused; every bad_data file gets an error, never a
/// crash or a hang.
@Suite("parquet-testing conformance", .serialized)
struct ParquetConformanceTests {
    static let root = TestEnvironment.repositoryRoot.appendingPathComponent("Tests/Fixtures/parquet-testing")

    static func files(_ folder: String, suffix: String = ".parquet") -> [URL] {
        let dir = root.appendingPathComponent(folder)
        let names = (try? FileManager.default.contentsOfDirectory(atPath: dir.path)) ?? []
        return names.filter { $0.hasSuffix(suffix) }.sorted().map { dir.appendingPathComponent($0) }
    }

    /// pyarrow's read of `files`, as canonical cell texts (Tests/Fixtures/parquet_read_pyarrow.py).
    static func pyarrow(_ files: [URL]) throws -> [String: PyarrowFile] {
        let script = TestEnvironment.repositoryRoot.appendingPathComponent("Tests/Fixtures/parquet_read_pyarrow.py")
        let result = try run(TestEnvironment.python, [script.path] + files.map(\.path))
        guard result.status == 0 else { throw TestFailure("pyarrow read failed: \(result.output)") }
        return try JSONDecoder().decode([String: PyarrowFile].self, from: Data(result.stdout.utf8))
    }

    struct PyarrowFile: Decodable {
        var error: String?
        var rows: Int?
        var columns: [PyarrowColumn]?
    }

    struct PyarrowColumn: Decodable {
        var name: String
        var nested: String?
        var type: String?
        var values: [String]?
    }

    /// The canonical text of one cell (the script's form): floats as the bits of the value
    /// widened to double, NaN as `nan`, bytes as hex.
    static func canonical(_ column: Column, _ row: Int) -> String {
        if column.isNull(row) { return "∅" }
        func double(_ d: Double) -> String { d.isNaN ? "nan" : "d\(Int64(bitPattern: d.bitPattern))" }
        switch column.values {
        case .bool(let v): return v[row] ? "true" : "false"
        case .int32(let v): return "\(v[row])"
        case .int64(let v): return "\(v[row])"
        case .int128(let v): return "\(v[row])"
        case .float(let v): return double(Double(v[row]))
        case .double(let v): return double(v[row])
        case .bytes(let b): return b.withBytes(at: row) { $0.map { String(format: "%02x", $0) }.joined() }
        }
    }

    /// Every row of the columns `names` of `file`, as canonical texts per column.
    static func read(_ file: ParquetFile, columns names: [String], batchRowCount: Int = ColumnBatch.defaultRowCount)
        throws -> [[String]]
    {
        let reader = try file.makeBatchReader(columns: names, batchRowCount: batchRowCount)
        var out = Array(repeating: [String](), count: names.count)
        while let batch = try reader.next() {
            for (c, column) in batch.columns.enumerated() {
                for row in 0..<column.count { out[c].append(canonical(column, row)) }
            }
        }
        return out
    }

    /// Where pyarrow is wrong and the suite documents the value: int96_from_spark.md lists the
    /// microseconds Spark wrote; pyarrow wraps the year-290000 value even when asked for µs.
    static let documented: [String: [String: [String]]] = [
        "int96_from_spark.parquet": [
            "a": [
                "1704141296123456", "1704070800000000", "253402225200000000", "1735599600000000", "∅",
                "9089380393200000000",
            ]
        ]
    ]

    @Test(.timeLimit(.minutes(5)))
    func everyDataFileReadsLikePyarrow() throws {
        let files = Self.files("data")
        let expected = try Self.pyarrow(files)
        var flatFiles = 0, partlyNested = 0, nestedOnly = 0, flatColumns = 0, refusedColumns = 0, cells = 0
        var refusedFiles: [String] = []
        for url in files {
            let name = url.lastPathComponent
            let reference = try #require(expected[url.path], "\(name): no pyarrow result")
            let file: ParquetFile
            do {
                file = try ParquetFile(path: url.path, decompressors: BlockCodecs.decompressors)
            } catch {
                Issue.record("\(name): footer refused: \(error)")
                continue
            }
            guard let columns = reference.columns else {
                // pyarrow cannot read it (an invalid map schema; a nested column it cannot
                // convert): every top-level column must then be refused by name, not misread.
                for node in file.root.children {
                    #expect(throws: ExtractError.self, "\(name): column \(node.name)") {
                        _ = try Self.read(file, columns: [node.name])
                    }
                }
                refusedFiles.append(name)
                continue
            }
            #expect(file.rowCount == Int64(reference.rows ?? -1), "\(name): row count")
            var flat: [PyarrowColumn] = []
            for column in columns {
                guard let nestedType = column.nested else {
                    flat.append(column)
                    continue
                }
                refusedColumns += 1
                do {
                    _ = try file.schema(columns: [column.name])
                    Issue.record("\(name): nested column \(column.name) (\(nestedType)) was not refused")
                } catch let error as ExtractError {
                    #expect(error.code == .unsupported, "\(name): \(error)")
                    #expect(error.message.contains("'\(column.name)'"), "\(name): \(error.message)")
                    #expect(error.message.contains("nested"), "\(name): \(error.message)")
                    #expect(error.context.column == column.name)
                }
            }
            if flat.isEmpty {
                nestedOnly += 1
                continue
            }
            if flat.count < columns.count { partlyNested += 1 } else { flatFiles += 1 }
            let ours: [[String]]
            do {
                ours = try Self.read(file, columns: flat.map(\.name))
            } catch {
                Issue.record("\(name): read failed: \(error)")
                continue
            }
            for (c, column) in flat.enumerated() {
                let theirs = Self.documented[name]?[column.name] ?? column.values ?? []
                flatColumns += 1
                cells += theirs.count
                guard ours[c] != theirs else { continue }
                let row =
                    zip(ours[c], theirs).enumerated().first { $0.element.0 != $0.element.1 }?.offset
                    ?? min(ours[c].count, theirs.count)
                Issue.record(
                    "\(name) column \(column.name) (\(column.type ?? "?")): \(ours[c].count) vs \(theirs.count) rows; first difference at row \(row): ours \(row < ours[c].count ? ours[c][row] : "-"), pyarrow \(row < theirs.count ? theirs[row] : "-")"
                )
            }
        }
        print(
            "parquet-testing: \(files.count) data files: \(flatFiles) flat + \(partlyNested) partly nested read equal to pyarrow (\(flatColumns) columns, \(cells) cells); \(nestedOnly) nested-only; \(refusedColumns) nested columns refused by name; unreadable by pyarrow and refused: \(refusedFiles)"
        )
        // Regressions in coverage fail too.
        #expect(flatFiles + partlyNested >= 55)
        #expect(refusedColumns >= 30)
    }

    @Test func smallBatchesReadTheSameValues() throws {
        for name in ["alltypes_tiny_pages.parquet", "overflow_i16_page_cnt.parquet", "int32_with_null_pages.parquet"] {
            let file = try ParquetFile(
                path: Self.root.appendingPathComponent("data/\(name)").path,
                decompressors: BlockCodecs.decompressors
            )
            let names = file.root.children.map(\.name)
            #expect(
                try Self.read(file, columns: names, batchRowCount: 333) == Self.read(file, columns: names),
                "\(name)"
            )
        }
    }

    /// The suite's `*_expect.csv` files (written by the suite's authors, not by pyarrow).
    @Test(arguments: [
        "delta_binary_packed", "delta_byte_array", "delta_encoding_optional_column", "delta_encoding_required_column",
    ])
    func deltaEncodedFilesMatchTheirExpectedCSV(_ name: String) throws {
        let file = try ParquetFile(
            path: Self.root.appendingPathComponent("data/\(name).parquet").path,
            decompressors: BlockCodecs.decompressors
        )
        let csv = try String(contentsOf: Self.root.appendingPathComponent("data/\(name)_expect.csv"), encoding: .utf8)
        var lines = csv.split(separator: "\n", omittingEmptySubsequences: true).map(String.init)
        let header = lines.removeFirst()
        let names = file.root.children.map(\.name)
        #expect(Self.csvFields(header).count == names.count)
        let reader = try file.makeBatchReader(columns: names)
        var row = 0
        while let batch = try reader.next() {
            for r in 0..<batch.rowCount {
                let fields = Self.csvFields(lines[row + r])
                for (c, column) in batch.columns.enumerated() {
                    let expected = fields[c]
                    let actual: String?
                    if column.isNull(r) {
                        actual = nil
                    } else if case .bytes(let b) = column.values {
                        actual = b.withBytes(at: r) { String(decoding: $0, as: UTF8.self) }
                    } else {
                        actual = Self.canonical(column, r)
                    }
                    #expect(actual == expected, "\(name) row \(row + r) column \(names[c])")
                }
            }
            row += batch.rowCount
        }
        #expect(row == lines.count)
    }

    /// Splits one CSV line: `"a"` is a value, an empty unquoted field is NULL.
    static func csvFields(_ line: String) -> [String?] {
        var fields: [String?] = []
        var current = "", quoted = false, inQuotes = false
        for ch in line {
            if inQuotes {
                if ch == "\"" { inQuotes = false } else { current.append(ch) }
            } else if ch == "\"" {
                inQuotes = true
                quoted = true
            } else if ch == "," {
                fields.append(quoted || !current.isEmpty ? current : nil)
                current = ""
                quoted = false
            } else {
                current.append(ch)
            }
        }
        fields.append(quoted || !current.isEmpty ? current : nil)
        return fields
    }

    @Test func encryptedFilesAreRefusedByName() throws {
        for url in Self.files("data", suffix: ".parquet.encrypted") {
            do {
                let file = try ParquetFile(path: url.path, decompressors: BlockCodecs.decompressors)
                _ = try Self.read(file, columns: file.root.children.map(\.name))
                Issue.record("\(url.lastPathComponent) was read")
            } catch let error as ExtractError {
                #expect(error.code == .unsupported, "\(url.lastPathComponent): \(error)")
                #expect(error.message.contains("encrypt"), "\(url.lastPathComponent): \(error.message)")
            }
        }
    }

    /// bad_data: each file is refused with an `ExtractError` (no crash, no hang, no partial
    /// result), except ARROW-GH-43605 (0-bit dictionary indices), which is valid and reads like pyarrow.
    @Test(.timeLimit(.minutes(2)))
    func badDataFilesAreRefusedNeverCrash() throws {
        let files = Self.files("bad_data")
        #expect(files.count == 8)
        let expected = try Self.pyarrow(files)
        for url in files {
            let name = url.lastPathComponent
            do {
                let file = try ParquetFile(path: url.path, decompressors: BlockCodecs.decompressors)
                let names = file.root.children.map(\.name)
                let values = try Self.read(file, columns: names)
                let reference = try #require(expected[url.path]?.columns, "\(name) was read but pyarrow refuses it")
                #expect(name == "ARROW-GH-43605.parquet", "\(name) was read")
                #expect(values == reference.map { $0.values ?? [] }, "\(name)")
            } catch let error as ExtractError {
                #expect(name != "ARROW-GH-43605.parquet", "\(name): \(error)")
                #expect(error.code == .source || error.code == .unsupported, "\(name): \(error)")
                #expect(error.context.path == url.path, "\(name): \(error)")
            }
        }
    }

    /// The inputs the fuzzer crashed on (kept in its seed corpus, Fuzz/corpus/FuzzParquet) are
    /// refused with an `ExtractError` now.
    @Test func fuzzFindingsAreRefused() throws {
        let dir = TestEnvironment.repositoryRoot.appendingPathComponent("Fuzz/corpus/FuzzParquet")
        let names = try FileManager.default.contentsOfDirectory(atPath: dir.path).filter { $0.contains("crash-") }
        #expect(names.count >= 3)
        for name in names {
            let path = dir.appendingPathComponent(name).path
            #expect(throws: ExtractError.self, "\(name)") {
                let file = try ParquetFile(path: path, decompressors: BlockCodecs.decompressors)
                _ = try Self.read(file, columns: file.root.children.map(\.name))
            }
        }
    }
}
