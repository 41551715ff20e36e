import ArgumentParser
import ExtractCore
import ExtractPostgres
import ExtractSQLite
import Foundation

/// `extract validate`: checks every active job and writes nothing.
struct ValidateCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "validate",
        abstract: "Check every active extract job (columns, formats, paths, placeholders) without writing anything.",
        discussion: "Exit status: 0 when every job is valid (warnings allowed), 2 when any has an error.")

    @OptionGroup var storeOptions: StoreOptions

    func run() async throws {
        let context = try await EngineContext.open(storeOptions)
        let validation = JobValidator().validate(context.snapshot)
        var issues = validation.issues
        // Resolve every valid job's paths too (escaping paths, names), with this run's values.
        if !validation.jobs.isEmpty {
            let plan = try RunPlanner().plan(context.snapshot, selection: JobSelection(),
                                             options: RunOptions(outputRoot: FileManager.default.currentDirectoryPath))
            for r in plan.rejected {
                for issue in r.issues where !issues.contains(issue) { issues.append(issue) }
            }
        }
        // Sources: the datastore, table or view exists, the SQL prepares, the incremental column exists.
        let postgresIds = Set(context.snapshot.datastores.filter { PostgresSourceResolver.kinds.contains($0.kind.lowercased()) }.map(\.id))
        for job in validation.jobs {
            // Sources on PostgreSQL are checked when they run; SQLite ones here.
            guard let storePath = context.sqlitePath, !postgresIds.contains(job.sourceDatastoreId ?? "") else { continue }
            let resolver = SQLiteSourceResolver(storePath: storePath, datastores: context.snapshot.datastores)
            let request = SourceRequest(extractName: job.name, source: job.source, datastoreId: job.sourceDatastoreId,
                                        incremental: job.incremental.map { IncrementalWindow(column: $0.column, after: nil, since: nil, filters: false) })
            if let problem = resolver.check(request) {
                let column: String
                switch job.source {
                case .table: column = "extract_table_name"
                case .view: column = "extract_view_name"
                case .sql: column = "extract_sql"
                case .procedure: column = "extract_sp_name"
                }
                issues.append(ValidationIssue(problem, job: job.name, column: problem.context.column == nil ? column : nil))
            }
        }
        for issue in issues { print(issue.description) }
        let errors = issues.filter { $0.severity == .error }
        let invalid = Set(errors.compactMap(\.job))
        let active = context.snapshot.jobs.filter { $0.isActive == true }.count
        print("\(active) active extract\(active == 1 ? "" : "s"): \(active - invalid.count) valid, \(invalid.count) invalid; \(errors.count) error\(errors.count == 1 ? "" : "s"), \(issues.count - errors.count) warning\(issues.count - errors.count == 1 ? "" : "s")")
        if !errors.isEmpty { throw usageFailure("\(invalid.count) extract\(invalid.count == 1 ? " is" : "s are") invalid") }
    }
}
