import ExtractCore
import ExtractFormats
import ExtractTestSupport
import Foundation
import SystemPackage
import Testing

/// Python's `zipfile` checks an archive against a manifest: `testzip()` (every CRC), the names
/// in order, every entry's bytes, method, flags (bit 3; bit 11 exactly for non-ASCII names),
/// timestamps, and whether the Zip64 end records are there.
private let zipCheckScript = """
    import sys, json, zipfile, struct
    path, manifest = sys.argv[1], json.load(open(sys.argv[2]))
    with zipfile.ZipFile(path) as z:
        bad = z.testzip()
        assert bad is None, "CRC error in %r" % bad
        infos = z.infolist()
        names = [e["name"] for e in manifest["entries"]]
        assert [i.filename for i in infos] == names, "names %r" % [i.filename for i in infos][:5]
        for info, e in zip(infos, manifest["entries"]):
            expected = open(e["file"], "rb").read() if "file" in e else e["text"].encode()
            data = z.read(info)
            assert data == expected, "%s: %d bytes, expected %d" % (info.filename, len(data), len(expected))
            assert info.compress_type == zipfile.ZIP_DEFLATED
            assert info.flag_bits & 0x08, "no data descriptor flag"
            assert bool(info.flag_bits & 0x800) == any(ord(c) > 127 for c in info.filename), "UTF-8 flag"
            if manifest.get("date"):
                assert list(info.date_time) == manifest["date"], "date %r" % (info.date_time,)
    raw = open(path, "rb").read()
    has_zip64_end = len(raw) >= 42 and raw[-42:-38] == b"PK\\x06\\x07"
    assert raw[-22:-18] == b"PK\\x05\\x06", "no end of central directory at the end"
    assert has_zip64_end == manifest["zip64"], "zip64 end records present: %s" % has_zip64_end
    if manifest["zip64"]:
        offset = struct.unpack("<Q", raw[-42 + 8:-42 + 16])[0]
        assert raw[offset:offset + 4] == b"PK\\x06\\x06", "locator does not point at the zip64 record"
    print("ok", len(infos))
    """

/// One entry to put in a test archive and what the reader must find.
private struct ZipTestEntry {
    var name: String
    var bytes: [UInt8]
}

@Suite(.enabled(if: referencePythonAvailable, "needs the reference Python (.venv)"))
struct CompressionZipTests {
    /// Writes `entries` into `<dir>/test.zip` through an AtomicFile, with writes of `writeSize`.
    private func writeArchive(
        _ entries: [ZipTestEntry],
        in dir: TemporaryDirectory,
        zip64: ZipArchiveWriter.Zip64Mode = .automatic,
        date: DOSDateTime = DOSDateTime(year: 2026, month: 11, day: 25, hour: 13, minute: 45, second: 30),
        writeSize: Int = 100_003
    ) throws -> URL {
        let url = dir.file("test.zip")
        let file = try AtomicFile(path: FilePath(url.path))
        let archive = try ZipArchiveWriter(writingTo: file, zip64: zip64, modificationDate: date)
        for entry in entries {
            let sink = try archive.beginEntry(name: entry.name)
            try entry.bytes.withUnsafeBytes { all in
                var offset = 0
                while offset < all.count {
                    let end = min(offset + writeSize, all.count)
                    try sink.write(UnsafeRawBufferPointer(rebasing: all[offset..<end]))
                    offset = end
                }
            }
            try sink.finish()
            #expect(sink.uncompressedCount == UInt64(entry.bytes.count))
        }
        try archive.finish()
        #expect(archive.entryCount == entries.count)
        #expect(try FileManager.default.attributesOfItem(atPath: url.path)[.size] as? UInt64 == archive.byteCount)
        return url
    }

    /// Runs the Python check (and `unzip -t` unless told not to); both must pass.
    private func verify(
        _ url: URL,
        _ entries: [ZipTestEntry],
        in dir: TemporaryDirectory,
        zip64: Bool,
        date: [Int]? = [2026, 11, 25, 13, 45, 30],
        unzip: Bool = true
    ) throws {
        var manifestEntries: [[String: String]] = []
        for (index, entry) in entries.enumerated() {
            if entry.bytes.count > 256 {
                let file = dir.file("expected-\(index)")
                try Data(entry.bytes).write(to: file)
                manifestEntries.append(["name": entry.name, "file": file.path])
            } else {
                manifestEntries.append(["name": entry.name, "text": String(decoding: entry.bytes, as: UTF8.self)])
            }
        }
        var manifest: [String: Any] = ["entries": manifestEntries, "zip64": zip64]
        if let date { manifest["date"] = date }
        let manifestFile = dir.file("manifest.json")
        try JSONSerialization.data(withJSONObject: manifest).write(to: manifestFile)
        let python = try run(TestEnvironment.python, ["-c", zipCheckScript, url.path, manifestFile.path])
        #expect(python.status == 0, "zipfile: \(python.output)")
        if unzip {
            let result = try run("unzip", ["-tq", url.path])
            #expect(result.status == 0, "unzip -t: \(result.output)")
            #expect(result.stdout.contains("No errors detected"), "unzip -t: \(result.output)")
        }
    }

    @Test func singleEntry() throws {
        let dir = try TemporaryDirectory("zip-test")
        defer { dir.remove() }
        let entries = [ZipTestEntry(name: "orders.csv", bytes: CompressionInput.compressible10MiB.bytes)]
        let url = try writeArchive(entries, in: dir)
        try verify(url, entries, in: dir, zip64: false)
        // Deflated, not stored.
        let size = try Data(contentsOf: url).count
        #expect(size < (10 << 20) / 3)
    }

    @Test func severalPartFiles() throws {
        let dir = try TemporaryDirectory("zip-test")
        defer { dir.remove() }
        let entries = [
            ZipTestEntry(name: "part-00000.csv", bytes: CompressionInput.random3MiB.bytes),
            ZipTestEntry(name: "part-00001.csv", bytes: []),
            ZipTestEntry(name: "part-00002.csv", bytes: CompressionInput.chunkBoundaries.bytes),
            ZipTestEntry(name: "part-00003.csv", bytes: [0x0A]),
            ZipTestEntry(name: "sub/folder/part-00004.csv", bytes: CompressionInput.csvLikeBytes(count: 12_345)),
        ]
        let url = try writeArchive(entries, in: dir, writeSize: 65_535)
        try verify(url, entries, in: dir, zip64: false)
    }

    @Test func forcedZip64() throws {
        let dir = try TemporaryDirectory("zip-test")
        defer { dir.remove() }
        let entries = [
            ZipTestEntry(name: "a.csv", bytes: CompressionInput.csvLikeBytes(count: 3 << 20)),
            ZipTestEntry(name: "empty.csv", bytes: []),
            ZipTestEntry(name: "b.bin", bytes: CompressionInput.randomBytes(count: 70_000, seed: 9)),
        ]
        let url = try writeArchive(entries, in: dir, zip64: .always)
        try verify(url, entries, in: dir, zip64: true)
        // Every local header carries the Zip64 extra field (id 1, 16 bytes).
        let raw = try [UInt8](Data(contentsOf: url))
        #expect(Array(raw[4..<6]) == [45, 0], "version needed 4.5")
        let nameLength = Int(raw[26]) | Int(raw[27]) << 8
        #expect(Array(raw[(30 + nameLength)..<(30 + nameLength + 4)]) == [1, 0, 16, 0])
    }

    @Test func emptyEntryAlone() throws {
        let dir = try TemporaryDirectory("zip-test")
        defer { dir.remove() }
        let entries = [ZipTestEntry(name: "empty.csv", bytes: [])]
        try verify(try writeArchive(entries, in: dir), entries, in: dir, zip64: false)
    }

    @Test func nonASCIINames() throws {
        let dir = try TemporaryDirectory("zip-test")
        defer { dir.remove() }
        let entries = [
            ZipTestEntry(name: "Zürich_données_\u{00E9}.csv", bytes: Array("précomposé\n".utf8)),
            ZipTestEntry(name: "Zürich_données_e\u{0301}.csv", bytes: Array("décomposé\n".utf8)),
            ZipTestEntry(name: "日本語/データ.tsv", bytes: Array("a\tb\n".utf8)),
            ZipTestEntry(name: "plain.csv", bytes: Array("x\n".utf8)),
        ]
        try verify(try writeArchive(entries, in: dir), entries, in: dir, zip64: false)
    }

    @Test func noEntries() throws {
        let dir = try TemporaryDirectory("zip-test")
        defer { dir.remove() }
        let url = try writeArchive([], in: dir)
        #expect(try Data(contentsOf: url).count == 22)
        try verify(url, [], in: dir, zip64: false, unzip: false)
    }

    /// 65,536 entries: more than the 16-bit count of the classic end record.
    @Test func moreThan65535EntriesUseZip64() throws {
        let dir = try TemporaryDirectory("zip-test")
        defer { dir.remove() }
        let entries = (0..<65_536).map { ZipTestEntry(name: "e\($0).txt", bytes: Array(String($0).utf8)) }
        let url = try writeArchive(entries, in: dir)
        try verify(url, entries, in: dir, zip64: true)
    }

    @Test func timestampsFromDates() throws {
        let dir = try TemporaryDirectory("zip-test")
        defer { dir.remove() }
        // 2024-02-29 23:59:59 UTC; the format keeps even seconds.
        let date = DOSDateTime(secondsSince1970: 1_709_251_199)
        #expect(date.description == "2024-02-29 23:59:58")
        let entries = [ZipTestEntry(name: "leap.csv", bytes: Array("1\n".utf8))]
        let url = try writeArchive(entries, in: dir, date: date)
        try verify(url, entries, in: dir, zip64: false, date: [2024, 2, 29, 23, 59, 58])
    }

    @Test func singleEntryStreamCodec() throws {
        let dir = try TemporaryDirectory("zip-test")
        defer { dir.remove() }
        let url = dir.file("test.zip")
        let codec = try ZipStreamCodec(
            entryName: "orders.csv",
            level: .maximum,
            modificationDate: DOSDateTime(year: 2026, month: 1, day: 2, hour: 3, minute: 4, second: 6)
        )
        let data = CompressionInput.chunkBoundaries.bytes
        let sink = try codec.makeCompressor(writingTo: try AtomicFile(path: FilePath(url.path)))
        try data.withUnsafeBytes { try sink.write($0) }
        try sink.finish()
        try verify(
            url,
            [ZipTestEntry(name: "orders.csv", bytes: data)],
            in: dir,
            zip64: false,
            date: [2026, 1, 2, 3, 4, 6]
        )
    }
}

/// A real entry over 4 GiB (mostly zeros, so it deflates fast and stays small on disk):
/// automatic Zip64 for the sizes. Slow (tens of seconds); runs when `EXTRACT_SLOW_TESTS` is set.
@Suite(
    .enabled(
        if: referencePythonAvailable && ProcessInfo.processInfo.environment["EXTRACT_SLOW_TESTS"] != nil,
        "set EXTRACT_SLOW_TESTS=1 to run"
    )
)
struct CompressionZipLargeEntryTests {
    @Test func entryOver4GiBUsesZip64Sizes() throws {
        let dir = try TemporaryDirectory("zip-large")
        defer { dir.remove() }
        let url = dir.file("large.zip")
        let archive = try ZipArchiveWriter(writingTo: try AtomicFile(path: FilePath(url.path)), level: .minimum)
        try addEntry(archive, "before.csv", Array("small\n".utf8))
        let entry = try archive.beginEntry(name: "large.bin")
        var block = [UInt8](repeating: 0, count: 1 << 20)
        let blocks = 4097  // 4 GiB + 1 MiB
        for index in 0..<blocks {
            block[0] = UInt8(truncatingIfNeeded: index)
            try entry.write(block)
        }
        try entry.finish()
        try addEntry(archive, "after.csv", Array("tail\n".utf8))
        try archive.finish()
        let script = """
            import sys, zipfile
            with zipfile.ZipFile(sys.argv[1]) as z:
                assert z.testzip() is None
                info = z.getinfo("large.bin")
                assert info.file_size == 4097 * 1048576, info.file_size
                assert z.read("after.csv") == b"tail\\n"
            print("ok")
            """
        let python = try run(TestEnvironment.python, ["-c", script, url.path])
        #expect(python.status == 0, "\(python.output)")
        let unzip = try run("unzip", ["-tq", url.path])
        #expect(unzip.status == 0, "\(unzip.output)")
    }
}

/// Adds an entry holding `bytes`.
private func addEntry(_ archive: ZipArchiveWriter, _ name: String, _ bytes: [UInt8]) throws {
    let entry = try archive.beginEntry(name: name)
    try entry.write(bytes)
    try entry.finish()
}

@Suite struct CompressionZipMisuseTests {
    @Test func refusesDuplicateAndBadNames() throws {
        let archive = try ZipArchiveWriter(writingTo: MemoryByteSink())
        try archive.beginEntry(name: "a.csv").finish()
        let duplicate = #expect(throws: ExtractError.self) { try archive.beginEntry(name: "a.csv") }
        #expect(duplicate?.code == .invalidArgument)
        #expect(duplicate?.context.value == "a.csv")
        #expect(throws: ExtractError.self) { try archive.beginEntry(name: "") }
        #expect(throws: ExtractError.self) { try archive.beginEntry(name: "/etc/passwd") }
        #expect(throws: ExtractError.self) { try archive.beginEntry(name: String(repeating: "x", count: 70_000)) }
        try archive.finish()
    }

    @Test func oneEntryAtATime() throws {
        let memory = MemoryByteSink()
        let archive = try ZipArchiveWriter(writingTo: memory)
        let first = try archive.beginEntry(name: "a.csv")
        try first.write([1, 2, 3])
        #expect(throws: ExtractError.self) { try archive.beginEntry(name: "b.csv") }
        #expect(throws: ExtractError.self) { try archive.finish() }
        try first.finish()
        #expect(throws: ExtractError.self) { try first.write([4]) }
        #expect(!memory.isFinished)
        try archive.finish()
        #expect(memory.isFinished)
        #expect(throws: ExtractError.self) { try archive.beginEntry(name: "c.csv") }
    }

    @Test func badLevelIsAClearError() {
        let error = #expect(throws: ExtractError.self) {
            try ZipArchiveWriter(writingTo: MemoryByteSink(), level: .number(11))
        }
        #expect(error?.message.contains("0 to 9") == true)
    }

    @Test func dosDateTimeFields() {
        let stamp = DOSDateTime(year: 2026, month: 11, day: 25, hour: 13, minute: 45, second: 31)
        #expect(stamp.description == "2026-11-25 13:45:30")
        #expect(DOSDateTime(year: 1970, month: 1, day: 1).description == "1980-01-01 00:00:00")
        #expect(DOSDateTime(year: 2200, month: 1, day: 1).description == "2107-12-31 23:59:58")
        #expect(DOSDateTime(secondsSince1970: 0, utcOffset: 0).description == "1980-01-01 00:00:00")
        #expect(DOSDateTime(secondsSince1970: 1_764_078_330).description == "2025-11-25 13:45:30")
        #expect(DOSDateTime(secondsSince1970: 1_764_078_330, utcOffset: 3600).description == "2025-11-25 14:45:30")
    }
}
