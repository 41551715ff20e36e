/// A named source database registered in the store (`config_datastore`), referenced by a details
/// row's `source_datastore_id`.
public struct DatastoreRecord: Sendable, Hashable {
    /// The id jobs use.
    public var id: String
    /// `sqlite` (later: `postgresql`).
    public var kind: String
    /// Where it is: a file path for SQLite, a connection string for PostgreSQL (never logged).
    public var location: String

    public init(id: String, kind: String, location: String) {
        self.id = id
        self.kind = kind
        self.location = location
    }
}

/// A named output folder registered in the store (`config_target_root`), referenced by a details
/// row's `target_datastore_id`.
public struct TargetRootRecord: Sendable, Hashable {
    public var id: String
    /// An absolute folder, or one relative to the run's output root.
    public var path: String

    public init(id: String, path: String) {
        self.id = id
        self.path = path
    }
}

/// Everything a ``ConfigStore`` holds: jobs (master + details rows), datastores and target roots.
public struct ConfigSnapshot: Sendable {
    public var jobs: [ExtractConfigRecord]
    public var details: [ExtractDetailsRecord]
    public var datastores: [DatastoreRecord]
    public var targetRoots: [TargetRootRecord]
    /// The kind of database the store itself is (`sqlite`, `postgresql`), where jobs without a
    /// source datastore read; `nil` when unknown.
    public var storeKind: String?

    public init(
        jobs: [ExtractConfigRecord],
        details: [ExtractDetailsRecord],
        datastores: [DatastoreRecord] = [],
        targetRoots: [TargetRootRecord] = [],
        storeKind: String? = nil
    ) {
        self.storeKind = storeKind
        self.jobs = jobs
        self.details = details
        self.datastores = datastores
        self.targetRoots = targetRoots
    }
}
