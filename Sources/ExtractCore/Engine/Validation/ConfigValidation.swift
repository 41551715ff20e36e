/// The deep check of a store's configuration (`extract validate`): every active job through
/// ``JobValidator``, every valid job's paths for a run now (``RunPlanner``: escaping paths,
/// names, two jobs writing one file), and, with a resolver, every valid job's source
/// (``SourceResolver/check(_:)``: the datastore, table or view, SQL and incremental column exist,
/// on SQLite and PostgreSQL alike). Nothing is written and no row is read.
///
/// ```swift
/// let report = await ConfigValidation(sources: resolver).validate(snapshot, outputRoot: "/data/out")
/// for issue in report.issues { print(issue) }
/// if !report.isValid { /* exit 2 */ }
/// ```
public struct ConfigValidation: Sendable {
    /// Checks sources through this resolver; `nil` checks the configuration only.
    public var sources: (any SourceResolver)?

    /// A validation that checks sources through `sources` (`nil`: configuration only).
    public init(sources: (any SourceResolver)?) {
        self.sources = sources
    }

    /// Validates `snapshot`, resolving paths below `outputRoot`.
    public func validate(_ snapshot: ConfigSnapshot, outputRoot: String, runTime: CivilDateTime? = nil) async
        -> ValidationReport
    {
        let validation = JobValidator().validate(snapshot)
        var issues = validation.issues
        func add(_ issue: ValidationIssue) {
            if !issues.contains(issue) { issues.append(issue) }
        }
        if !validation.jobs.isEmpty,
            let plan = try? RunPlanner().plan(
                snapshot,
                selection: JobSelection(),
                options: RunOptions(outputRoot: outputRoot, startTime: runTime)
            )
        {
            for rejected in plan.rejected { rejected.issues.forEach(add) }
        }
        if let sources {
            for job in validation.jobs {
                let request = SourceRequest(
                    extractName: job.name,
                    source: job.source,
                    datastoreId: job.sourceDatastoreId,
                    incremental: job.incremental.map {
                        IncrementalWindow(column: $0.column, after: nil, since: nil, filters: false)
                    },
                    validation: job.validation
                )
                if let problem = await sources.check(request) {
                    add(
                        ValidationIssue(
                            problem,
                            job: job.name,
                            column: problem.context.column == nil ? job.source.configColumn : nil
                        )
                    )
                }
            }
        }
        let active = snapshot.jobs.filter { $0.isActive == true }.count
        return ValidationReport(jobs: validation.jobs, issues: issues, activeJobCount: active)
    }
}

/// What ``ConfigValidation`` found.
public struct ValidationReport: Sendable {
    /// The active jobs that passed the configuration check, by name (a source problem does not
    /// remove a job from this list; see ``invalidJobs``).
    public var jobs: [ExtractJob]
    /// Every error and warning.
    public var issues: [ValidationIssue]
    /// How many jobs are active.
    public var activeJobCount: Int

    /// A report of `issues` over `activeJobCount` active jobs, `jobs` of them configured validly.
    public init(jobs: [ExtractJob], issues: [ValidationIssue], activeJobCount: Int) {
        self.jobs = jobs
        self.issues = issues
        self.activeJobCount = activeJobCount
    }

    /// The errors only.
    public var errors: [ValidationIssue] { issues.filter { $0.severity == .error } }
    /// The warnings only.
    public var warnings: [ValidationIssue] { issues.filter { $0.severity == .warning } }
    /// The names of jobs with at least one error, sorted.
    public var invalidJobs: [String] { Set(errors.compactMap(\.job)).sorted() }
    /// Whether no error was found (warnings allowed).
    public var isValid: Bool { errors.isEmpty }

    /// `3 active extracts: 2 valid, 1 invalid; 1 error, 0 warnings`.
    public var summary: String {
        func count(_ n: Int, _ word: String) -> String { "\(n) \(word)\(n == 1 ? "" : "s")" }
        let invalid = invalidJobs.count
        return "\(count(activeJobCount, "active extract")): \(activeJobCount - invalid) valid, \(invalid) invalid; "
            + "\(count(errors.count, "error")), \(count(warnings.count, "warning"))"
    }
}

extension ExtractEngine {
    /// Validates the store's active jobs: configuration, paths for a run at `runTime` (`nil`:
    /// now) below `outputRoot`, and (with `checkingSources`) every valid job's source through
    /// ``sources``. See ``ConfigValidation``.
    public func validate(checkingSources: Bool, outputRoot: String, runTime: CivilDateTime? = nil) async throws
        -> ValidationReport
    {
        let snapshot = try await configStore.loadSnapshot()
        return await ConfigValidation(sources: checkingSources ? sources : nil)
            .validate(snapshot, outputRoot: outputRoot, runTime: runTime)
    }
}

extension JobSource {
    /// The config column that names this source (`extract_table_name`, `extract_view_name`,
    /// `extract_sql`, `extract_sp_name`).
    public var configColumn: String {
        switch self {
        case .table: return "extract_table_name"
        case .view: return "extract_view_name"
        case .sql: return "extract_sql"
        case .procedure: return "extract_sp_name"
        }
    }
}
