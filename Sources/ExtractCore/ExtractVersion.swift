import Synchronization

/// The version of swift-extract, as written into file metadata (Parquet `created_by`) and logs.
public enum ExtractVersion {
    /// The semantic version of this build.
    public static let version = "0.1.0"

    /// The git commit this build was made from. The library cannot know it by itself: the CLI (or
    /// the build script) sets it once at start-up, before any file is written.
    public static var build: String {
        get { buildStorage.value }
        set { buildStorage.value = newValue }
    }

    /// The Parquet `created_by` string: `swift-extract version 0.1.0 (build abc1234)`, in the form
    /// parquet-java's `VersionParser` accepts (it ignores binary statistics of files it cannot parse).
    public static var createdBy: String {
        "swift-extract version \(version) (build \(build))"
    }

    private static let buildStorage = BuildStorage()
}

/// The mutable build sha behind a lock, so that ``ExtractVersion/build`` is concurrency-safe.
private final class BuildStorage: Sendable {
    private let lock = Mutex("unknown")
    var value: String {
        get { lock.withLock { $0 } }
        set { lock.withLock { $0 = newValue } }
    }
}
