import ExtractCore
import ExtractFormats
import ExtractTestSupport
import Foundation
import Testing

/// A test-only stream codec: frames the stream as `<<` + bytes + `>>`, so tests can see that the
/// compressor sits between the writer and the file and that finishing runs through it.
struct FramingTestCodec: StreamCodec {
    var name: String { "framing" }
    var fileExtension: String { "framed" }

    final class Compressor: ByteSink {
        let downstream: any ByteSink
        var started = false
        init(_ downstream: any ByteSink) { self.downstream = downstream }
        func write(_ bytes: UnsafeRawBufferPointer) throws {
            if !started {
                try downstream.write(Array("<<".utf8))
                started = true
            }
            try downstream.write(bytes)
        }
        func finish() throws {
            if !started { try downstream.write(Array("<<".utf8)) }
            try downstream.write(Array(">>".utf8))
            try downstream.finish()
        }
    }

    func makeCompressor(writingTo downstream: any ByteSink) throws -> any ByteSink { Compressor(downstream) }
}

/// DelimitedSink: atomic commit, OutputFile counts and SHA-256, abort, and every stream codec.
@Suite struct DelimitedSinkTests {
    typealias F = DelimitedFixture

    static let batch = F.batch([("id", F.int64(.int64, [1, 2, 3])), ("note", F.strings(["a", "b,c", nil]))])
    static let text = "id,note\n1,a\n2,\"b,c\"\n3,\n"

    private func files(in directory: URL) throws -> [String] {
        try FileManager.default.contentsOfDirectory(atPath: directory.path).sorted()
    }

    @Test func commitsTheFileWithCountsAndSHA256() throws {
        let tmp = try TemporaryDirectory("sink")
        defer { tmp.remove() }
        let path = tmp.file("out.csv")
        let sink = try DelimitedSink(path: path.path, schema: Self.batch.schema, options: .csv, computeSHA256: true)
        try sink.write(Self.batch)
        try sink.write(Self.batch.slice(0..<1))
        // Before finish only a temporary file exists.
        #expect(try files(in: tmp.url).count == 1)
        #expect(!FileManager.default.fileExists(atPath: path.path))
        let output = try #require(try sink.finish().first)
        #expect(try files(in: tmp.url) == ["out.csv"])
        let bytes = try Data(contentsOf: path)
        #expect(String(decoding: bytes, as: UTF8.self) == Self.text + "1,a\n")
        #expect(output.path == path.path)
        #expect(output.rows == 4)
        #expect(output.bytes == Int64(bytes.count))
        #expect(output.uncompressedBytes == Int64(bytes.count))
        let system = try run("sha256sum", [path.path])
        #expect(output.sha256 == String(system.stdout.prefix(64)))
        #expect(try sink.finish() == [output])  // idempotent
        #expect(throws: ExtractError.self) { try sink.write(Self.batch) }
    }

    @Test func headerOnlyFileAndNoChecksum() throws {
        let tmp = try TemporaryDirectory("sink")
        defer { tmp.remove() }
        let path = tmp.file("empty.csv")
        let sink = try DelimitedSink(path: path.path, schema: Self.batch.schema, options: .csv, computeSHA256: false)
        let output = try #require(try sink.finish().first)
        #expect(try String(contentsOf: path, encoding: .utf8) == "id,note\n")
        #expect(output.rows == 0)
        #expect(output.bytes == 8)
        #expect(output.sha256 == nil)
    }

    @Test func abortRemovesTheTemporaryFile() throws {
        let tmp = try TemporaryDirectory("sink")
        defer { tmp.remove() }
        let sink = try DelimitedSink(path: tmp.file("out.csv").path, schema: Self.batch.schema, options: .csv)
        try sink.write(Self.batch)
        sink.abort()
        sink.abort()
        #expect(try files(in: tmp.url) == [])
        #expect(throws: ExtractError.self) { try sink.finish() }
    }

    @Test func failedWriteNamesThePathAndAbortLeavesNothing() throws {
        let tmp = try TemporaryDirectory("sink")
        defer { tmp.remove() }
        let path = tmp.file("out.csv")
        let sink = try DelimitedSink(
            path: path.path,
            schema: Self.batch.schema,
            options: DelimitedOptions(quoting: .none)
        )
        let error = try #require(throws: ExtractError.self) { try sink.write(Self.batch) }
        #expect(error.context.path == path.path)
        #expect(error.context.column == "note")
        #expect(error.context.row == 2)
        #expect(error.context.value == "b,c")
        sink.abort()
        #expect(try files(in: tmp.url) == [])
    }

    @Test func invalidOptionsCreateNoFile() throws {
        let tmp = try TemporaryDirectory("sink")
        defer { tmp.remove() }
        #expect(throws: ExtractError.self) {
            try DelimitedSink(
                path: tmp.file("out.csv").path,
                schema: Self.batch.schema,
                options: DelimitedOptions(delimiter: "toolong")
            )
        }
        #expect(try files(in: tmp.url) == [])
        #expect(throws: ExtractError.self) {
            try DelimitedSink(path: tmp.file("missing/out.csv").path, schema: Self.batch.schema, options: .csv)
        }
    }

    @Test func compressorSitsBetweenWriterAndFile() throws {
        let tmp = try TemporaryDirectory("sink")
        defer { tmp.remove() }
        let path = tmp.file("out.csv.framed")
        let sink = try DelimitedSink(
            path: path.path,
            schema: Self.batch.schema,
            options: .csv,
            compression: FramingTestCodec(),
            computeSHA256: true
        )
        try sink.write(Self.batch)
        let output = try #require(try sink.finish().first)
        let bytes = try Data(contentsOf: path)
        #expect(String(decoding: bytes, as: UTF8.self) == "<<" + Self.text + ">>")
        #expect(output.uncompressedBytes == Int64(Self.text.utf8.count))
        #expect(output.bytes == Int64(Self.text.utf8.count + 4))
        #expect(output.sha256 == SHA256.hash([UInt8](bytes)).hexString)
    }

    /// Every stream codec: the compressed file is read back exactly by the checker (which
    /// decompresses with Python's gzip and cramjam), and its sizes and hash are those on disk.
    @Test(arguments: ["gzip", "zstd", "lz4", "snappy"])
    func streamCodecs(_ name: String) throws {
        let tmp = try TemporaryDirectory("sink")
        defer { tmp.remove() }
        let codec = try #require(try streamCodec(name))
        let notes = (0..<20_000).map { F.awkwardNotes[$0 % F.awkwardNotes.count] }
        let batch = F.batch([("id", F.int64(.int64, (0..<20_000).map { Int64($0) })), ("note", F.strings(notes))])
        let path = tmp.file("out.csv.\(codec.fileExtension)")
        let sink = try DelimitedSink(
            path: path.path,
            schema: batch.schema,
            options: .csv,
            compression: codec,
            computeSHA256: true
        )
        try sink.write(batch)
        let output = try #require(try sink.finish().first)
        let bytes = try Data(contentsOf: path)
        #expect(output.bytes == Int64(bytes.count))
        #expect(output.uncompressedBytes == Int64(try F.write([batch], options: .csv).count))
        #expect(output.bytes < output.uncompressedBytes)
        #expect(output.sha256 == SHA256.hash([UInt8](bytes)).hexString)
        let rows: [[String?]] = notes.indices.map { [String($0), notes[$0] == "" ? nil : notes[$0]] }
        let expected = tmp.file("expected.csv")
        try F.pythonCSV(header: ["id", "note"], rows: rows, nullToken: "⟂", to: expected)
        let result = try delimitedCheck(
            path,
            ["--compression", name, "--expect-csv", expected.path, "--expect-null", "⟂"]
        )
        #expect(result.status == 0, "\(result.output)")
    }

    /// One CSV inside a ZIP archive (ZipStreamCodec): Python's zipfile reads back exactly the
    /// bytes the writer produced, and the sink reports the archive's size and hash.
    @Test func zipContainer() throws {
        let tmp = try TemporaryDirectory("sink")
        defer { tmp.remove() }
        let notes = (0..<5_000).map { F.awkwardNotes[$0 % F.awkwardNotes.count] }
        let batch = F.batch([("id", F.int64(.int64, (0..<5_000).map { Int64($0) })), ("note", F.strings(notes))])
        let path = tmp.file("orders.csv.zip")
        let sink = try DelimitedSink(
            path: path.path,
            schema: batch.schema,
            options: .csv,
            compression: try ZipStreamCodec(entryName: "orders.csv"),
            computeSHA256: true
        )
        try sink.write(batch)
        let output = try #require(try sink.finish().first)
        let plain = try F.write([batch], options: .csv)
        #expect(output.uncompressedBytes == Int64(plain.count))
        let bytes = try Data(contentsOf: path)
        #expect(output.bytes == Int64(bytes.count))
        #expect(output.sha256 == SHA256.hash([UInt8](bytes)).hexString)
        let digest = try F.python(
            """
            import hashlib, sys, zipfile
            with zipfile.ZipFile(sys.argv[1]) as z:
                assert z.testzip() is None
                print(z.namelist()[0], hashlib.sha256(z.read("orders.csv")).hexdigest())
            """,
            [path.path]
        )
        #expect(digest.trimmingCharacters(in: .whitespacesAndNewlines) == "orders.csv " + SHA256.hash(plain).hexString)
    }
}
