// swift-tools-version:6.1
// libFuzzer targets for the readers of untrusted files. A package of its own (like Benchmarks/),
// depending on the repository root, built with `-sanitize=fuzzer,address`. Run from the
// repository root:
//
//     scripts/fuzz [SECONDS] [TARGET...]     # default: 60 s for every target
//
// Each target is an executable whose `LLVMFuzzerTestOneInput` feeds one input to a reader and
// ignores the errors it throws: only a crash, a trap, a leak, a hang (-timeout) or an allocation
// past -malloc_limit_mb is a finding. Seed corpora live in Fuzz/corpus/<target>.
import PackageDescription

let package = Package(
    name: "swift-extract-fuzz",
    platforms: [.macOS(.v15)],
    dependencies: [
        // Named explicitly: a path dependency is otherwise known by its folder name.
        .package(name: "swift-extract", path: "../")
    ],
    targets: [
        // A Parquet file in memory: footer, schema, statistics, every flat column as batches and
        // every column as nested records (the Delta checkpoint path).
        .executableTarget(
            name: "FuzzParquet",
            dependencies: [
                .product(name: "ExtractCore", package: "swift-extract"),
                .product(name: "ExtractFormats", package: "swift-extract"),
            ],
            path: "FuzzParquet"
        )
    ],
    swiftLanguageModes: [.v6]
)
