import ExtractCore
import ExtractPostgres
import ExtractSQLite
#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Where the config tables and the run log live: a SQLite file (the embedded default) or a
/// schema of a PostgreSQL database.
public enum StandardStore: Sendable, CustomStringConvertible {
    /// A SQLite store file.
    case sqlite(path: String)
    /// The `config` schema of a PostgreSQL database.
    case postgres(PostgresConnectionString)

    /// `postgresql://…` URLs and libpq `key=value` strings name a PostgreSQL store; anything
    /// else is a SQLite file path.
    /// - Throws: ``ExtractCore/ExtractError`` (`invalidArgument`) for a connection string libpq rejects.
    public init(_ location: String) throws {
        if PostgresConnectionString.looksLikeConnectionString(location) {
            self = .postgres(try PostgresConnectionString(location))
        } else {
            self = .sqlite(path: location)
        }
    }

    /// The SQLite file path, or the PostgreSQL URL without its password.
    public var description: String {
        switch self {
        case .sqlite(let path): return path
        case .postgres(let connection): return PostgresConfigStore(connectionString: connection).description
        }
    }

    /// The SQLite store file, when the store is SQLite.
    public var sqlitePath: String? {
        if case .sqlite(let path) = self { return path }
        return nil
    }

    /// Creates the store's tables (or upgrades them) and, with `samples`, the sample sources and
    /// `SAMPLE_%` extracts. Returns the schema versions before and after.
    @discardableResult
    public func initialize(samples: Bool = false) throws -> (from: Int, to: Int) {
        switch self {
        case .sqlite(let path): return try SQLiteConfigStore.initialize(path: path, samples: samples)
        case .postgres(let connection):
            return try PostgresConfigStore(connectionString: connection).initialize(samples: samples)
        }
    }

    /// The store's config tables as one snapshot.
    /// - Throws: ``ExtractCore/ExtractError`` (`notFound`) when a SQLite store file does not exist
    ///   (nothing is created), or the store's own error for an outdated or unreadable store.
    public func loadSnapshot() async throws -> ConfigSnapshot {
        switch self {
        case .sqlite(let path):
            guard access(path, F_OK) == 0 else {
                throw ExtractError(
                    .notFound,
                    "no store at \(path); create it with `extract init` (or pass --store PATH)",
                    context: .init(path: path)
                )
            }
            return try await SQLiteConfigStore(path: path).loadSnapshot()
        case .postgres(let connection):
            return try await PostgresConfigStore(connectionString: connection).loadSnapshot()
        }
    }

    /// The store's run log (`log_extract_generation`), which is also its ``ExtractCore/RunHistory``.
    public var runLog: any RunLog & RunHistory {
        switch self {
        case .sqlite(let path): return SQLiteRunLog(path: path)
        case .postgres(let connection): return PostgresRunLog(store: PostgresConfigStore(connectionString: connection))
        }
    }
}
