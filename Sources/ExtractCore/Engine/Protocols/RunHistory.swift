/// Reads of the run log for people and tools: recent runs and the latest run of each extract.
///
/// Both stores implement it (the embedded SQLite store and the PostgreSQL store), so
/// `extract history` and `extract list` have one code path whatever the store.
public protocol RunHistory: Sendable {
    /// Recent log rows, newest first (by `log_id`), at most `limit` of them, optionally only
    /// those of `extractName`.
    func history(extractName: String?, limit: Int) async throws -> [RunLogRow]
    /// The latest log row of every extract that has one (`vw_extract_generation_latest_runs`),
    /// ordered by extract name.
    func latestRuns() async throws -> [RunLogRow]
}
