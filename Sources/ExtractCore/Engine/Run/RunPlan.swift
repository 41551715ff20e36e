/// Which extracts a run selects: names (exact or glob) and execution groups. Empty lists select
/// every active extract.
public struct JobSelection: Sendable, Hashable {
    /// Exact names or glob patterns (`SAMPLE_*`); an extract matching any is selected.
    public var names: [String]
    /// Execution groups; an extract in any is selected. Groups run in the order given here.
    public var groups: [String]

    public init(names: [String] = [], groups: [String] = []) {
        self.names = names
        self.groups = groups
    }

    /// Whether the active job `name` in `group` is selected.
    public func selects(name: String, group: String?) -> Bool {
        let byName = names.isEmpty || names.contains { NamePattern($0).matches(name) }
        let byGroup = groups.isEmpty || groups.contains { $0 == (group ?? "") }
        return byName && byGroup
    }
}

/// How a run goes: where files go, FULL/INCREMENTAL override, parallelism, and the run's clock.
public struct RunOptions: Sendable, Hashable {
    /// The absolute output root (jobs with a NULL `target_datastore_id` write below it).
    public var outputRoot: String
    /// Forces FULL or INCREMENTAL for every job; `nil` uses each job's `is_full_load`.
    public var runType: RunType?
    /// Extracts of one group that run at the same time (at least 1).
    public var maxWorkers: Int
    /// The run's time for names and windows; `nil` = now.
    public var startTime: CivilDateTime?
    /// The run id; `nil` = a new random one.
    public var runId: String?

    public init(
        outputRoot: String,
        runType: RunType? = nil,
        maxWorkers: Int = 1,
        startTime: CivilDateTime? = nil,
        runId: String? = nil
    ) {
        self.outputRoot = outputRoot
        self.runType = runType
        self.maxWorkers = maxWorkers
        self.startTime = startTime
        self.runId = runId
    }
}

/// A validated run, ready to execute or to print (`--dry-run`): every selected extract with its
/// resolved paths, and the selected extracts that cannot run with their problems.
public struct RunPlan: Sendable {
    /// One extract that will run.
    public struct Entry: Sendable {
        public var job: ExtractJob
        public var layout: OutputLayout
        public var runType: RunType
    }

    /// A selected extract that failed validation; it is logged FAILED and not run.
    public struct Rejected: Sendable {
        public var name: String
        public var executionGroup: String?
        public var record: ExtractConfigRecord?
        public var issues: [ValidationIssue]
    }

    public var runId: String
    public var startTime: CivilDateTime
    public var options: RunOptions
    /// Runnable extracts grouped by execution group, groups in run order, names sorted inside.
    public var groups: [(group: String?, entries: [Entry])]
    public var rejected: [Rejected]
    /// Warnings about selected extracts.
    public var warnings: [ValidationIssue]

    /// Every runnable entry, in run order.
    public var entries: [Entry] { groups.flatMap(\.entries) }
    /// Whether any selected extract is invalid.
    public var hasErrors: Bool { !rejected.isEmpty }
}
