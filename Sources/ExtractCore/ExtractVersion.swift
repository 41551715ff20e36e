/// The version of swift-extract, as written into file metadata (Parquet `created_by`) and logs.
public enum ExtractVersion {
    /// The semantic version of this build.
    public static let version = "0.1.0"

    /// The Parquet `created_by` string of a build: `swift-extract version 0.1.0 (build abc1234)`,
    /// in the form parquet-java's `VersionParser` accepts (it ignores binary statistics of files it
    /// cannot parse). The library cannot know its git commit: the `extract` command passes the one
    /// its build recorded.
    public static func createdBy(build: String) -> String {
        "swift-extract version \(version) (build \(build))"
    }

    /// The `created_by` string when no build commit is known: `... (build unknown)`.
    public static let createdBy = createdBy(build: "unknown")
}
