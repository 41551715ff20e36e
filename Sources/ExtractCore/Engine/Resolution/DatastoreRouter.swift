/// A ``SourceResolver`` that sends each job to the resolver of its datastore's kind: a job
/// naming a registered datastore goes to the resolver registered for that datastore's `kind`
/// (`sqlite`, `postgresql`, ...), a job without a datastore to ``storeResolver`` (the store's own
/// database). This is how a SQLite store names a PostgreSQL warehouse as a job's source.
///
/// ```swift
/// let sources = DatastoreRouter(
///     datastores: snapshot.datastores,
///     resolvers: ["postgresql": PostgresSourceResolver(datastores: snapshot.datastores)],
///     storeResolver: SQLiteSourceResolver(storePath: path, datastores: snapshot.datastores))
/// ```
///
/// Kinds match case-insensitively. A datastore whose kind has no resolver, and an id that is not
/// registered, go to ``storeResolver``, which reports them (its error names the datastore).
public struct DatastoreRouter: SourceResolver {
    /// Registered datastores by id.
    public let datastores: [String: DatastoreRecord]
    /// Resolvers by lower-cased datastore kind.
    public let resolvers: [String: any SourceResolver]
    /// Where jobs without a datastore (and datastores of an unrouted kind) go.
    public let storeResolver: any SourceResolver

    /// A router over `datastores`; `resolvers` maps datastore kinds to resolvers (several kinds
    /// may share one resolver: `["postgresql": pg, "postgres": pg]`).
    public init(
        datastores: [DatastoreRecord],
        resolvers: [String: any SourceResolver],
        storeResolver: any SourceResolver
    ) {
        self.datastores = Dictionary(datastores.map { ($0.id, $0) }, uniquingKeysWith: { first, _ in first })
        self.resolvers = Dictionary(
            resolvers.map { ($0.key.lowercased(), $0.value) },
            uniquingKeysWith: { first, _ in first }
        )
        self.storeResolver = storeResolver
    }

    /// The resolver `request` goes to.
    public func resolver(for request: SourceRequest) -> any SourceResolver {
        guard let id = request.datastoreId, let store = datastores[id],
            let resolver = resolvers[store.kind.lowercased()]
        else { return storeResolver }
        return resolver
    }

    public func resolve(_ request: SourceRequest) async throws -> ResolvedSource {
        try await resolver(for: request).resolve(request)
    }

    public func check(_ request: SourceRequest) async -> ExtractError? {
        await resolver(for: request).check(request)
    }
}
