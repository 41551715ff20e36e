/// Builds a ``RunPlan``: validates the selected jobs, resolves their paths for this run, and
/// rejects jobs that would write the same file as another.
public struct RunPlanner: Sendable {
    public init() {}

    /// Plans a run of the jobs of `snapshot` chosen by `selection`.
    /// - Throws: ``ExtractError/Code/notFound`` when the selection matches no active extract.
    public func plan(_ snapshot: ConfigSnapshot, selection: JobSelection, options: RunOptions) throws -> RunPlan {
        let start = options.startTime ?? CivilDateTime.now()
        let runId = options.runId ?? RunIdentifier.make()
        let validation = JobValidator().validate(snapshot)
        let records = Dictionary(snapshot.jobs.map { ($0.extractName, $0) }, uniquingKeysWith: { a, _ in a })
        let selectedNames = snapshot.jobs
            .filter {
                $0.isActive == true && selection.selects(name: $0.extractName, group: nonEmpty($0.executionGroup))
            }
            .map(\.extractName)
        let selected = Set(selectedNames)
        guard !selected.isEmpty else {
            var what: [String] = []
            if !selection.names.isEmpty { what.append("name " + selection.names.joined(separator: ", ")) }
            if !selection.groups.isEmpty { what.append("execution group " + selection.groups.joined(separator: ", ")) }
            let inactive = snapshot.jobs.filter {
                $0.isActive != true && selection.selects(name: $0.extractName, group: nonEmpty($0.executionGroup))
            }
            var message =
                what.isEmpty
                ? "no active extracts are configured; run `extract init --samples` or add rows to config_extract_generation"
                : "no active extract matches " + what.joined(separator: " and ") + "; see `extract list`"
            if !inactive.isEmpty {
                message +=
                    " (inactive: " + inactive.map(\.extractName).joined(separator: ", ")
                    + "; set is_active to 1 to run them)"
            }
            throw ExtractError(.notFound, message)
        }
        var rejected: [String: RunPlan.Rejected] = [:]
        func reject(_ name: String, _ issue: ValidationIssue) {
            let record = records[name]
            rejected[
                name,
                default: .init(
                    name: name,
                    executionGroup: record.flatMap { nonEmpty($0.executionGroup) },
                    record: record,
                    issues: []
                )
            ].issues.append(issue)
        }
        for issue in validation.errors {
            if let job = issue.job, selected.contains(job) { reject(job, issue) }
        }
        let warnings = validation.issues.filter { $0.severity == .warning && ($0.job.map(selected.contains) ?? false) }
        let roots = Dictionary(snapshot.targetRoots.map { ($0.id, $0.path) }, uniquingKeysWith: { a, _ in a })
        var entries: [RunPlan.Entry] = []
        var owners: [String: String] = [:]
        for job in validation.jobs where selected.contains(job.name) {
            var root = options.outputRoot
            if let id = job.naming.targetRootId, let path = roots[id] {
                root = path.hasPrefix("/") ? path : joinPath(options.outputRoot, path)
            }
            let values = PathValues(
                time: start,
                executionGroup: job.executionGroup,
                extractName: job.name,
                runId: runId
            )
            let layout: OutputLayout
            do {
                layout = try OutputLayout.resolve(job: job, rootDirectory: root, values: values)
            } catch let e as ExtractError {
                reject(job.name, ValidationIssue(e, job: job.name))
                continue
            } catch {
                reject(job.name, ValidationIssue(.error, job: job.name, column: nil, "\(error)"))
                continue
            }
            var names = [layout.archiveName ?? layout.fileName(part: 1)]
            if let t = layout.triggerName { names.append(t) }
            var clash: String? = nil
            for n in names {
                let key = layout.path(n)
                if let other = owners[key], other != job.name { clash = other; break }
            }
            if let clash {
                reject(
                    job.name,
                    ValidationIssue(
                        .error,
                        job: job.name,
                        column: "extract_file_name",
                        value: layout.path(names[0]),
                        "writes the same file as extract \(clash) in this run; make the names differ (for example with {extract_name})"
                    )
                )
                continue
            }
            for n in names { owners[layout.path(n)] = job.name }
            var runType = RunType.full
            if let inc = job.incremental {
                switch options.runType {
                case .full?: runType = .full
                case .incremental?: runType = .incremental
                case nil: runType = inc.incrementalByDefault ? .incremental : .full
                }
            }
            entries.append(.init(job: job, layout: layout, runType: runType))
        }
        // Groups: the order of --execution-group when given, else by name with ungrouped last.
        var order: [String?] = []
        if !selection.groups.isEmpty {
            order = selection.groups.map { $0.isEmpty ? nil : $0 }
        }
        for g in Set(entries.map(\.job.executionGroup)).sorted(by: { ($0 ?? "\u{10FFFF}") < ($1 ?? "\u{10FFFF}") })
        where !order.contains(g) {
            order.append(g)
        }
        var groups: [(group: String?, entries: [RunPlan.Entry])] = []
        for g in order {
            let inGroup = entries.filter { $0.job.executionGroup == g }.sorted { $0.job.name < $1.job.name }
            if !inGroup.isEmpty { groups.append((g, inGroup)) }
        }
        return RunPlan(
            runId: runId,
            startTime: start,
            options: options,
            groups: groups,
            rejected: rejected.values.sorted { $0.name < $1.name },
            warnings: warnings
        )
    }
}

/// `base/relative` with one slash between.
func joinPath(_ base: String, _ relative: String) -> String {
    if relative.isEmpty { return base }
    return base.hasSuffix("/") ? base + relative : base + "/" + relative
}
