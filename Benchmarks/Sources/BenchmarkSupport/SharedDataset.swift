import Foundation

/// The benchmark dataset (`orders_bench`, made by the repository's tools/make_dataset.py) as a
/// SQLite file in the repository's `data/bench/` folder, generated on first use.
public enum SharedDataset {
    /// The repository root (two folders above Benchmarks/Package.swift's folder… found by walking up).
    public static let repositoryRoot: URL = {
        var url = URL(fileURLWithPath: #filePath)
        while url.path != "/" {
            url.deleteLastPathComponent()
            if FileManager.default.fileExists(atPath: url.appendingPathComponent("Benchmarks/Package.swift").path) {
                return url
            }
        }
        fatalError("Benchmarks/Package.swift not found above \(#filePath)")
    }()

    /// `tools/make_dataset.py` in the repository.
    public static let generator: URL = repositoryRoot.appendingPathComponent("tools/make_dataset.py")

    /// The path of the `rows`-row file, generated (about 1.5 s per 100K rows) when missing.
    public static func sqlite(rows: Int) -> String {
        let label = rows % 1_000_000 == 0 ? "\(rows / 1_000_000)m" : rows % 1000 == 0 ? "\(rows / 1000)k" : "\(rows)"
        let dir = repositoryRoot.appendingPathComponent("data/bench")
        let file = dir.appendingPathComponent("orders_bench_\(label).sqlite")
        if !FileManager.default.fileExists(atPath: file.path) {
            try? FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
            let process = Process()
            process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
            process.arguments = [
                "python3", generator.path,
                "--rows", String(rows), "--out", file.path, "--quiet",
            ]
            do { try process.run() } catch { fatalError("cannot run make_dataset.py: \(error)") }
            process.waitUntilExit()
            precondition(process.terminationStatus == 0, "make_dataset.py failed (\(process.terminationStatus))")
        }
        return file.path
    }
}
