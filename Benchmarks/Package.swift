// swift-tools-version:6.1
// Micro-benchmarks for swift-extract (ordo-one/benchmark). A package of its own, depending on
// the repository root, so `swift build` / `swift test` of the main package never resolve or
// compile the benchmark stack. Run (from the repository root):
//
//     swift package --package-path Benchmarks --allow-writing-to-package-directory benchmark
//
// See BENCHMARKS.md. Benchmarks never run in CI or tests.
import PackageDescription

/// Every suite links the same libraries and the benchmark plugin.
func suite(_ name: String, _ extra: [Target.Dependency] = []) -> Target {
    .executableTarget(
        name: name,
        dependencies: [
            .product(name: "Benchmark", package: "benchmark"),
            .product(name: "ExtractCore", package: "swift-extract"),
            "BenchmarkSupport",
        ] + extra,
        path: "Benchmarks/\(name)",
        plugins: [.plugin(name: "BenchmarkPlugin", package: "benchmark")]
    )
}

let formats: Target.Dependency = .product(name: "ExtractFormats", package: "swift-extract")
let sqlite: Target.Dependency = .product(name: "ExtractSQLite", package: "swift-extract")

let package = Package(
    name: "swift-extract-benchmarks",
    platforms: [.macOS(.v15)],
    dependencies: [
        // Named explicitly: a path dependency is otherwise known by its folder name (a clone may be called anything).
        .package(name: "swift-extract", path: "../"),
        // The trait is mandatory here: the default traits pull a package the mirror lacks.
        .package(url: "https://github.com/ordo-one/benchmark", exact: "1.38.1", traits: ["MallocInterposer"]),
        // ParquetWriteBench passes FilePath to ParquetWriter (the same version the root package resolves).
        .package(url: "https://github.com/apple/swift-system", from: "1.8.1"),
    ],
    targets: [
        // Deterministic data shaped like tools/make_dataset.py's orders_bench, shared by the suites.
        .target(
            name: "BenchmarkSupport",
            dependencies: [
                .product(name: "ExtractCore", package: "swift-extract"),
                .product(name: "Benchmark", package: "benchmark"),
            ]
        ),
        suite("ColumnBuild"),
        suite("ThriftFooter"),
        suite("Levels"),
        suite("DictionaryBuild"),
        suite("DelimitedRender", [formats]),
        suite("Codecs", [formats]),
        suite("SQLiteRead", [formats, sqlite]),
        suite("ParquetChunk", [formats]),
        suite("ParquetRead", [formats]),
        // Not a benchmark suite: the "ours" side of the e2e in-memory -> Parquet snappy case.
        .executableTarget(
            name: "ParquetInMemory",
            dependencies: [
                .product(name: "ExtractCore", package: "swift-extract"),
                formats, sqlite,
            ]
        ),
        // Not a benchmark suite: the Parquet writer against pyarrow on the same rows (BENCHMARKS.md §3).
        .executableTarget(
            name: "ParquetWriteBench",
            dependencies: [
                .product(name: "ExtractCore", package: "swift-extract"),
                .product(name: "SystemPackage", package: "swift-system"),
                formats, sqlite,
            ]
        ),
        // Not a benchmark suite: reads a Parquet file or folder fully on one thread and prints
        // CPU seconds and peak RSS (BENCHMARKS.md, Parquet reader), against the peers.
        .executableTarget(
            name: "ParquetReadBench",
            dependencies: [
                .product(name: "ExtractCore", package: "swift-extract"),
                formats,
            ]
        ),
    ],
    swiftLanguageModes: [.v6]
)
