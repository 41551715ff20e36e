import ExtractCore
import ExtractFormats
import ExtractPostgres
import ExtractSQLite
import Logging
#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// The engine wired to a store the way the `extract` command wires it: the store's config
/// tables and run log, a ``ExtractCore/DatastoreRouter`` that reads every datastore kind
/// (the store's own database, registered SQLite files, registered PostgreSQL databases), and
/// the standard files (``ExtractFormats/StandardSinkFactory``).
///
/// ```swift
/// let wired = try await StandardEngine.open(store: "extract.sqlite")  // or "postgresql://…"
/// let plan = try await wired.engine.plan(JobSelection(), options: RunOptions(outputRoot: "/data/out"))
/// let summary = await wired.engine.run(plan)
/// ```
public struct StandardEngine: Sendable {
    public let store: StandardStore
    /// The config rows the engine plans from (loaded once, so planning and running agree).
    public let snapshot: ConfigSnapshot
    /// The store's run log and history.
    public let runLog: any RunLog & RunHistory
    /// The resolver routing jobs to the reader of their datastore.
    public let sources: DatastoreRouter
    public let engine: ExtractEngine

    /// Opens `store` (a SQLite file path or a PostgreSQL connection string) and wires the engine.
    ///
    /// - Parameters:
    ///   - sinks: how files are written; the default compresses gzip and zstd files on every core.
    ///   - logger: where the engine logs (it never prints).
    /// - Throws: ``ExtractCore/ExtractError``: `notFound` for a missing SQLite store, the store's
    ///   error for one that cannot be read or is outdated.
    public static func open(
        store location: String,
        sinks: (any SinkFactory)? = nil,
        logger: Logger = Logger(label: "extract")
    ) async throws -> StandardEngine {
        try await open(store: try StandardStore(location), sinks: sinks, logger: logger)
    }

    /// Opens `store` and wires the engine (see ``open(store:sinks:logger:)-(String,_,_)``).
    public static func open(
        store: StandardStore,
        sinks: (any SinkFactory)? = nil,
        logger: Logger = Logger(label: "extract")
    ) async throws -> StandardEngine {
        let snapshot = try await store.loadSnapshot()
        let runLog = store.runLog
        let sources = StandardEngine.sources(for: snapshot, store: store)
        let engine = ExtractEngine(
            configStore: snapshot,
            runLog: runLog,
            sources: sources,
            sinks: sinks ?? StandardSinkFactory(compressionThreads: defaultCompressionThreads),
            logger: logger
        )
        return StandardEngine(store: store, snapshot: snapshot, runLog: runLog, sources: sources, engine: engine)
    }

    /// The resolver of every datastore kind: `sqlite` datastores through ``ExtractSQLite/SQLiteSourceResolver``,
    /// `postgresql` (`postgres`, `pg`) ones through ``ExtractPostgres/PostgresSourceResolver``; jobs without a
    /// datastore read from the store's own database.
    ///
    /// A module with a new datastore kind (a lakehouse) adds its resolver to the `resolvers`
    /// dictionary here, keyed by the kind `config_datastore.datastore_type` names.
    public static func sources(for snapshot: ConfigSnapshot, store: StandardStore) -> DatastoreRouter {
        let datastores = snapshot.datastores
        let postgres: PostgresSourceResolver
        let storeResolver: any SourceResolver
        switch store {
        case .sqlite(let path):
            postgres = PostgresSourceResolver(datastores: datastores)
            storeResolver = SQLiteSourceResolver(storePath: path, datastores: datastores)
        case .postgres(let connection):
            postgres = PostgresSourceResolver(datastores: datastores, defaultConnection: connection)
            storeResolver = postgres
        }
        var resolvers: [String: any SourceResolver] = [:]
        for kind in PostgresSourceResolver.kinds { resolvers[kind] = postgres }
        // SQLite datastores name their own files, so the store path matters only for SQLite stores.
        resolvers["sqlite"] = SQLiteSourceResolver(storePath: store.sqlitePath ?? "", datastores: datastores)
        return DatastoreRouter(datastores: datastores, resolvers: resolvers, storeResolver: storeResolver)
    }

    /// gzip and zstd compress independent blocks on every core (at least 2); the output does not
    /// depend on the thread count once it is above one.
    public static var defaultCompressionThreads: Int {
        max(2, Int(sysconf(Int32(_SC_NPROCESSORS_ONLN))))
    }
}
