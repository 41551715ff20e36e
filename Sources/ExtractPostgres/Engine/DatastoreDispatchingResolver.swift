import ExtractCore

/// Sends each job to the resolver of its datastore: PostgreSQL datastores (and, when the store is
/// PostgreSQL, jobs without a datastore) to a ``PostgresSourceResolver``, everything else to
/// `fallback` (for example the SQLite resolver of a SQLite store). This is how a SQLite store
/// names a PostgreSQL warehouse as a job's source.
public struct DatastoreDispatchingResolver: SourceResolver {
    /// The resolver for PostgreSQL datastores.
    public let postgres: PostgresSourceResolver
    /// The resolver for every other job.
    public let fallback: any SourceResolver

    /// Dispatches between `postgres` and `fallback`.
    public init(postgres: PostgresSourceResolver, fallback: any SourceResolver) {
        self.postgres = postgres
        self.fallback = fallback
    }

    /// Resolves `request` with the resolver of its datastore.
    public func resolve(_ request: SourceRequest) async throws -> ResolvedSource {
        if postgres.handles(request) { return try await postgres.resolve(request) }
        return try await fallback.resolve(request)
    }
}
