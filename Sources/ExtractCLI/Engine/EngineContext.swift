import ArgumentParser
import ExtractCore
import ExtractFormats
import ExtractSQLite
import Foundation

/// The engine wired to the embedded store: config and log in the store file, sources on SQLite,
/// files through the standard sink factory.
struct EngineContext {
    let storePath: String
    let store: SQLiteConfigStore
    let runLog: SQLiteRunLog
    let snapshot: ConfigSnapshot
    let engine: ExtractEngine

    /// Opens the store; a missing or outdated store is a usage error (exit status 2).
    static func open(_ options: StoreOptions) async throws -> EngineContext {
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
        let engine = ExtractEngine(
            configStore: FixedStore(snapshot: snapshot), runLog: runLog,
            sources: SQLiteSourceResolver(storePath: path, datastores: snapshot.datastores),
            sinks: StandardSinkFactory(), logger: makeLogger())
        return EngineContext(storePath: path, store: store, runLog: runLog, snapshot: snapshot, engine: engine)
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
