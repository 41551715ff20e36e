/// Where extract jobs are configured: the config tables, datastores and target roots.
/// ExtractSQLite implements it on one SQLite file; ExtractPostgres (later) on PostgreSQL.
public protocol ConfigStore: Sendable {
    /// Every row of the config tables plus the registered datastores and target roots.
    func loadSnapshot() async throws -> ConfigSnapshot
}
