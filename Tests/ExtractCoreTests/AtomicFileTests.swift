import ExtractCore
import ExtractTestSupport
import Foundation
import SystemPackage
import Testing

@Suite struct AtomicFileTests {
    @Test func fileAppearsOnlyAfterFinish() throws {
        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        let target = dir.file("out.csv")
        let file = try AtomicFile(path: FilePath(target.path))
        try file.write(Array("a,b\n".utf8))
        #expect(!FileManager.default.fileExists(atPath: target.path))
        try file.finish()
        #expect(try Data(contentsOf: target) == Data("a,b\n".utf8))
        #expect(try FileManager.default.contentsOfDirectory(atPath: dir.url.path) == ["out.csv"])
    }

    @Test func abortLeavesNothing() throws {
        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        let file = try AtomicFile(path: FilePath(dir.file("out.csv").path))
        try file.write(Array(repeating: 0x41, count: 3 << 20))
        file.abort()
        #expect(try FileManager.default.contentsOfDirectory(atPath: dir.url.path).isEmpty)
    }

    @Test func releasedWithoutFinishLeavesNothing() throws {
        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        do {
            let file = try AtomicFile(path: FilePath(dir.file("out.csv").path))
            try file.write(Array("x".utf8))
        }
        #expect(try FileManager.default.contentsOfDirectory(atPath: dir.url.path).isEmpty)
    }

    @Test func missingFolderIsAClearError() throws {
        let error = #expect(throws: ExtractError.self) {
            _ = try AtomicFile(path: "/nonexistent-folder-for-test/out.csv")
        }
        #expect(error?.code == .io)
        #expect(error?.description.contains("/nonexistent-folder-for-test/out.csv") == true)
    }
}
