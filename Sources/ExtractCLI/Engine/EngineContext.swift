import ArgumentParser
import ExtractCore
import ExtractFormats
import ExtractPostgres
import ExtractSQLite
import Foundation

/// The engine wired to a store: the embedded SQLite file (default) or a PostgreSQL database
/// (`--store postgresql://...`); sources on SQLite or PostgreSQL by datastore; files through
/// the standard sink factory.
struct EngineContext {
    /// The store as given (a path, or a connection string).
    let storeDescription: String
    let snapshot: ConfigSnapshot
    let runLog: any RunLog
    /// The store's log reads, for `history` and `list` (the same run log, on either store).
    let history: any RunHistory
    /// The SQLite store file, when the store is SQLite.
    let sqlitePath: String?
    let engine: ExtractEngine

    /// Opens the store; a missing or outdated store is a usage error (exit status 2).
    static func open(_ options: StoreOptions) async throws -> EngineContext {
        let logger = makeLogger()
        // gzip and zstd files compress on every core (the output does not depend on the thread
        // count once it is above one, so serial and parallel runs write identical files).
        let sinks = StandardSinkFactory(compressionThreads: max(2, ProcessInfo.processInfo.activeProcessorCount))
        if options.isPostgres {
            let store: PostgresConfigStore
            let snapshot: ConfigSnapshot
            do {
                store = try PostgresConfigStore(url: options.path)
                snapshot = try await store.loadSnapshot()
            } catch let e as ExtractError {
                throw usageFailure(e.description)
            }
            let runLog = PostgresRunLog(store: store)
            let sources = PostgresSourceResolver(datastores: snapshot.datastores, defaultConnection: store.connectionString)
            let engine = ExtractEngine(configStore: FixedStore(snapshot: snapshot), runLog: runLog, sources: sources,
                                       sinks: sinks, logger: logger)
            return EngineContext(storeDescription: store.description, snapshot: snapshot, runLog: runLog,
                                 history: runLog, sqlitePath: nil, engine: engine)
        }
        let path = options.absolutePath
        guard FileManager.default.fileExists(atPath: path) else {
            throw usageFailure("no store at \(path); create it with `extract init` (or pass --store PATH)")
        }
        let store = SQLiteConfigStore(path: path)
        let snapshot: ConfigSnapshot
        do {
            snapshot = try await store.loadSnapshot()
        } catch let e as ExtractError {
            throw usageFailure(e.description)
        }
        let runLog = SQLiteRunLog(path: path)
        // Jobs on registered PostgreSQL datastores read through libpq; the rest from SQLite.
        let sources = DatastoreDispatchingResolver(
            postgres: PostgresSourceResolver(datastores: snapshot.datastores),
            fallback: SQLiteSourceResolver(storePath: path, datastores: snapshot.datastores))
        let engine = ExtractEngine(configStore: FixedStore(snapshot: snapshot), runLog: runLog, sources: sources,
                                   sinks: sinks, logger: logger)
        return EngineContext(storeDescription: path, snapshot: snapshot, runLog: runLog, history: runLog,
                             sqlitePath: path, engine: engine)
    }
}

/// A config store that returns one snapshot (so planning and running see the same rows).
struct FixedStore: ConfigStore {
    let snapshot: ConfigSnapshot
    func loadSnapshot() async throws -> ConfigSnapshot { snapshot }
}

/// The run time from `$EXTRACT_RUN_TIME` (`YYYY-MM-DDTHH:MM:SSZ`), for reproducible file names
/// (backfills, tests); `nil` = now.
func runTimeOverride() throws -> CivilDateTime? {
    guard let text = ProcessInfo.processInfo.environment["EXTRACT_RUN_TIME"], !text.isEmpty else { return nil }
    let digits = text.split(whereSeparator: { !$0.isNumber }).compactMap { Int($0) }
    guard digits.count >= 3, (1...12).contains(digits[1]), (1...31).contains(digits[2]) else {
        throw usageFailure("EXTRACT_RUN_TIME must look like 2024-07-25T14:25:30Z")
    }
    let t = CivilDateTime(year: digits[0], month: digits[1], day: digits[2],
                          hour: digits.count > 3 ? digits[3] : 0, minute: digits.count > 4 ? digits[4] : 0,
                          second: digits.count > 5 ? digits[5] : 0)
    return CivilDateTime(epochMicroseconds: t.epochMicroseconds)
}
