// swift-tools-version:6.1
// swift-extract: config-driven, high-performance file extracts (CSV, TSV, DAT, Parquet).
import PackageDescription

/// Settings every Swift target shares: Swift 6 language mode (strict concurrency) plus the
/// upcoming features that keep `any` explicit and imports honest.
let strictSettings: [SwiftSetting] = [
    .enableUpcomingFeature("ExistentialAny")
]

let package = Package(
    name: "swift-extract",
    platforms: [.macOS(.v15)],
    products: [
        .library(name: "ExtractCore", targets: ["ExtractCore"]),
        .library(name: "ExtractFormats", targets: ["ExtractFormats"]),
        .library(name: "ExtractSQLite", targets: ["ExtractSQLite"]),
        .library(name: "ExtractPostgres", targets: ["ExtractPostgres"]),
        .library(name: "ExtractStandard", targets: ["ExtractStandard"]),
        .executable(name: "extract", targets: ["ExtractCLI"]),
        .executable(name: "extract-example", targets: ["ExtractExample"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        .package(url: "https://github.com/apple/swift-log", from: "1.16.2"),
        .package(url: "https://github.com/apple/swift-system", from: "1.8.1"),
    ],
    targets: [
        // C libraries from the system (Debian -dev packages); one shim module each, project-prefixed.
        .systemLibrary(name: "CExtractZlib", pkgConfig: "zlib", providers: [.apt(["zlib1g-dev"]), .brew(["zlib"])]),
        .systemLibrary(name: "CExtractLZ4", pkgConfig: "liblz4", providers: [.apt(["liblz4-dev"]), .brew(["lz4"])]),
        .systemLibrary(
            name: "CExtractSnappy",
            pkgConfig: "snappy",
            providers: [.apt(["libsnappy-dev"]), .brew(["snappy"])]
        ),
        .systemLibrary(
            name: "CExtractZstd",
            pkgConfig: "libzstd",
            providers: [.apt(["libzstd-dev"]), .brew(["zstd"])]
        ),
        .systemLibrary(
            name: "CExtractBrotli",
            pkgConfig: "libbrotlidec",
            providers: [.apt(["libbrotli-dev"]), .brew(["brotli"])]
        ),
        // glibc's <malloc.h> (mallopt), for the executable only.
        .systemLibrary(name: "CExtractMalloc"),
        .systemLibrary(
            name: "CExtractSQLite",
            pkgConfig: "sqlite3",
            providers: [.apt(["libsqlite3-dev"]), .brew(["sqlite"])]
        ),
        .systemLibrary(name: "CExtractLibPQ", pkgConfig: "libpq", providers: [.apt(["libpq-dev"]), .brew(["libpq"])]),

        // Pure Swift: schema, batches, protocols, Parquet writer, extract engine. No C modules.
        .target(
            name: "ExtractCore",
            dependencies: [
                .product(name: "SystemPackage", package: "swift-system"),
                .product(name: "Logging", package: "swift-log"),
            ],
            swiftSettings: strictSettings
        ),
        // Delimited text and compression (zlib, lz4, snappy, zstd; brotli to read Parquet; ZIP container).
        .target(
            name: "ExtractFormats",
            dependencies: [
                "ExtractCore", "CExtractZlib", "CExtractLZ4", "CExtractSnappy", "CExtractZstd", "CExtractBrotli",
            ],
            swiftSettings: strictSettings
        ),
        // The embedded default: SQLite as data source, config store and run log.
        .target(
            name: "ExtractSQLite",
            dependencies: ["ExtractCore", "CExtractSQLite"],
            swiftSettings: strictSettings
        ),
        // The warehouse: PostgreSQL as data source (libpq, binary COPY), config store and run log.
        .target(
            name: "ExtractPostgres",
            dependencies: ["ExtractCore", "CExtractLibPQ"],
            swiftSettings: strictSettings
        ),
        // The standard wiring (what the `extract` command runs): source URLs for every driver,
        // the engine on a SQLite or PostgreSQL store with every datastore kind routed.
        .target(
            name: "ExtractStandard",
            dependencies: [
                "ExtractCore", "ExtractFormats", "ExtractSQLite", "ExtractPostgres",
                .product(name: "Logging", package: "swift-log"),
            ],
            swiftSettings: strictSettings
        ),
        // The thin `extract` command.
        .executableTarget(
            name: "ExtractCLI",
            dependencies: [
                "ExtractCore", "ExtractFormats", "ExtractSQLite", "ExtractPostgres", "ExtractStandard",
                .target(name: "CExtractMalloc", condition: .when(platforms: [.linux])),
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ],
            swiftSettings: strictSettings,
            plugins: ["BuildInfoPlugin"]
        ),
        // Records the git commit of the checkout for `created_by` (ExtractVersion.createdBy(build:)).
        .plugin(name: "BuildInfoPlugin", capability: .buildTool()),

        // A custom DataSource written to Parquet and CSV with the library (README: Use as a library).
        .executableTarget(
            name: "ExtractExample",
            dependencies: ["ExtractCore", "ExtractFormats", .product(name: "Logging", package: "swift-log")],
            path: "Examples/CustomSource",
            swiftSettings: strictSettings
        ),

        .target(
            name: "ExtractTestSupport",
            dependencies: ["ExtractCore"],
            path: "Tests/ExtractTestSupport",
            swiftSettings: strictSettings
        ),
        .testTarget(
            name: "ExtractCoreTests",
            dependencies: ["ExtractCore", "ExtractFormats", "ExtractTestSupport"],
            swiftSettings: strictSettings
        ),
        .testTarget(
            name: "ExtractFormatsTests",
            dependencies: ["ExtractFormats", "ExtractTestSupport"],
            swiftSettings: strictSettings
        ),
        .testTarget(
            name: "ExtractSQLiteTests",
            dependencies: ["ExtractSQLite", "ExtractFormats", "ExtractTestSupport"],
            swiftSettings: strictSettings
        ),
        .testTarget(
            name: "ExtractPostgresTests",
            dependencies: ["ExtractPostgres", "ExtractTestSupport"],
            swiftSettings: strictSettings
        ),
        .testTarget(
            name: "ExtractStandardTests",
            dependencies: ["ExtractStandard", "ExtractTestSupport"],
            swiftSettings: strictSettings
        ),
        .testTarget(
            name: "ExtractCLITests",
            dependencies: ["ExtractStandard", "ExtractTestSupport"],
            swiftSettings: strictSettings
        ),
    ],
    swiftLanguageModes: [.v6]
)
