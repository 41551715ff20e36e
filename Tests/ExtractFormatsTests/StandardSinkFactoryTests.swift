import ExtractCore
import ExtractFormats
import ExtractTestSupport
import Foundation
import Testing

/// The sinks of `extract run`: a failing re-run never touches the files of a previous run with the
/// same names (parts are staged and published together), and a good run replaces them all.
@Suite struct StandardSinkFactoryTests {
    typealias F = DelimitedFixture

    /// Rows `ids` with the given notes.
    static func batch(_ ids: [Int64], _ notes: [String?]) -> ColumnBatch {
        F.batch([("id", F.int64(.int64, ids)), ("note", F.strings(notes))])
    }

    /// A sink for `format` writing parts of 2 rows named `ORDERS_partNNNN.<ext>` (or one ZIP archive) in `dir`.
    static func sink(
        _ format: OutputFormat,
        zip: Bool = false,
        runTime: CivilDateTime? = nil,
        in dir: TemporaryDirectory
    ) throws -> any DataSink {
        let ext = format == .parquet ? "parquet" : "csv"
        let layout = OutputLayout(
            directory: dir.url.path,
            relativeDirectory: "",
            baseName: "ORDERS",
            fileExtension: ext,
            codecSuffix: nil,
            archiveName: nil,
            maxRowsPerFile: 2,
            triggerExtension: ".done"
        )
        // No quote character: a value with a comma cannot be written.
        return try StandardSinkFactory().makeSink(
            for: SinkRequest(
                extractName: "ORDERS",
                schema: batch([], []).schema,
                format: format,
                fileProperties: FileProperties(quote: nil),
                compression: zip ? OutputCompression(kind: .zip) : .none,
                layout: layout,
                runTime: runTime
            )
        )
    }

    /// Every file in `dir` (hidden temporary files included) with its bytes.
    static func snapshot(_ dir: TemporaryDirectory) throws -> [String: Data] {
        let names = try FileManager.default.contentsOfDirectory(atPath: dir.url.path)
        return try Dictionary(uniqueKeysWithValues: names.map { ($0, try Data(contentsOf: dir.file($0))) })
    }

    @Test(arguments: [(OutputFormat.csv, false), (.parquet, false), (.csv, true), (.parquet, true)])
    func failingRerunLeavesThePreviousFilesUntouched(format: OutputFormat, zip: Bool) throws {
        let dir = try TemporaryDirectory("rerun")
        defer { dir.remove() }
        let first = try Self.sink(format, zip: zip, in: dir)
        try first.write(Self.batch([1, 2, 3, 4, 5], ["a", "b", "c", "d", "e"]))
        let files = try first.finish()
        #expect(files.count == (zip ? 1 : 3))
        let before = try Self.snapshot(dir)
        #expect(before.count == files.count)

        // The re-run fails in part 2: CSV on a value it cannot write, Parquet on a batch of another schema.
        let second = try Self.sink(format, zip: zip, in: dir)
        #expect(throws: ExtractError.self) {
            do {
                try second.write(Self.batch([10, 20], ["new", "new"]))  // part 1 is full and staged
                if format == .csv {
                    try second.write(Self.batch([30], ["x,y"]))
                } else {
                    try second.write(F.batch([("id", F.strings(["30"]))]))
                }
                _ = try second.finish()
            } catch {
                second.abort()
                throw error
            }
        }
        #expect(try Self.snapshot(dir) == before)  // byte-identical, no temporary file left
    }

    @Test(arguments: [OutputFormat.csv, .parquet])
    func successfulRerunReplacesEveryPart(format: OutputFormat) throws {
        let dir = try TemporaryDirectory("rerun")
        defer { dir.remove() }
        let first = try Self.sink(format, in: dir)
        try first.write(Self.batch([1, 2, 3, 4, 5], ["a", "b", "c", "d", "e"]))
        _ = try first.finish()
        let second = try Self.sink(format, in: dir)
        try second.write(Self.batch([10, 20, 30], ["p", "q", "r"]))
        try second.write(Self.batch([40], ["s"]))
        let files = try second.finish()
        let ext = format == .parquet ? "parquet" : "csv"
        #expect(
            files.map { URL(fileURLWithPath: $0.path).lastPathComponent }
                == ["ORDERS_part0001.\(ext)", "ORDERS_part0002.\(ext)"]
        )
        #expect(files.map(\.rows) == [2, 2])
        // Part 3 of the first run is not part of this run's output; nothing temporary is left.
        #expect(
            try Self.snapshot(dir).keys.sorted() == [
                "ORDERS_part0001.\(ext)", "ORDERS_part0002.\(ext)", "ORDERS_part0003.\(ext)",
            ]
        )
        for (file, expected) in zip(files, [["10,p", "20,q"], ["30,r", "40,s"]]) {
            if format == .csv {
                #expect(
                    try String(contentsOfFile: file.path, encoding: .utf8) == "id,note\n"
                        + expected.map { $0 + "\n" }.joined()
                )
            } else {
                let read = try run(
                    TestEnvironment.python,
                    [
                        "-c",
                        """
                        import pyarrow.parquet as pq, sys
                        t = pq.read_table(sys.argv[1])
                        print(" ".join(f"{i},{n}" for i, n in zip(t.column("id").to_pylist(), t.column("note").to_pylist())))
                        """, file.path,
                    ]
                )
                #expect(read.status == 0, "\(read.output)")
                #expect(read.stdout.trimmingCharacters(in: .whitespacesAndNewlines) == expected.joined(separator: " "))
            }
        }
    }

    @Test func zipEntriesCarryTheRunTime() throws {
        let dir = try TemporaryDirectory("zip-time")
        defer { dir.remove() }
        let runTime = CivilDateTime(year: 2024, month: 7, day: 25, hour: 14, minute: 25, second: 30)
        var archives: [Data] = []
        for _ in 0..<2 {
            let sink = try Self.sink(.csv, zip: true, runTime: runTime, in: dir)
            try sink.write(Self.batch([1, 2, 3], ["a", "b", "c"]))
            let file = try #require(try sink.finish().first)
            archives.append(try Data(contentsOf: URL(fileURLWithPath: file.path)))
            if archives.count == 1 { sleep(2) }  // a clock-based timestamp would now differ
        }
        #expect(archives[0] == archives[1])
        let read = try run(
            TestEnvironment.python,
            [
                "-c",
                """
                import zipfile, sys
                for i in zipfile.ZipFile(sys.argv[1]).infolist(): print(i.filename, *i.date_time)
                """, dir.file("ORDERS.csv.zip").path,
            ]
        )
        #expect(read.status == 0, "\(read.output)")
        #expect(read.stdout == "ORDERS_part0001.csv 2024 7 25 14 25 30\nORDERS_part0002.csv 2024 7 25 14 25 30\n")
    }
}
