import ExtractCore

/// Sends each job to the resolver of its datastore: PostgreSQL datastores (and, when the store is
/// PostgreSQL, jobs without a datastore) to a ``PostgresSourceResolver``, everything else to
/// `fallback` (for example the SQLite resolver of a SQLite store). This is how a SQLite store
/// names a PostgreSQL warehouse as a job's source.
public struct DatastoreDispatchingResolver: SourceResolver {
    public let postgres: PostgresSourceResolver
    public let fallback: any SourceResolver

    public init(postgres: PostgresSourceResolver, fallback: any SourceResolver) {
        self.postgres = postgres
        self.fallback = fallback
    }

    public func resolve(_ request: SourceRequest) async throws -> ResolvedSource {
        if postgres.handles(request) { return try await postgres.resolve(request) }
        return try await fallback.resolve(request)
    }
}
