import ExtractCore
import ExtractFormats
import ExtractStandard

extension StoreOptions {
    /// The store `--store` names (a relative SQLite path made absolute).
    func standardStore() throws -> StandardStore {
        do {
            return try StandardStore(isPostgres ? path : absolutePath)
        } catch let e as ExtractError {
            throw usageFailure(e.description)
        }
    }

    /// The engine on the store, wired by ``StandardEngine``; a missing, unreadable or outdated
    /// store is a usage error (exit status 2).
    func openEngine() async throws -> StandardEngine {
        let store = try standardStore()
        do {
            let sinks = StandardSinkFactory(
                compressionThreads: StandardEngine.defaultCompressionThreads,
                createdBy: ExtractCommand.createdBy
            )
            return try await StandardEngine.open(store: store, sinks: sinks, logger: makeLogger())
        } catch let e as ExtractError {
            throw usageFailure(e.description)
        }
    }
}

/// The run time from `$EXTRACT_RUN_TIME` (`nil` = now); a malformed one is a usage error.
func runTime() throws -> CivilDateTime? {
    do {
        return try CivilDateTime.runTimeFromEnvironment()
    } catch let e as ExtractError {
        throw usageFailure(e.message)
    }
}
