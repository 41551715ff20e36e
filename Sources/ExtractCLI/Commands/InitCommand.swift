import ArgumentParser
import ExtractCore
import ExtractStandard

/// `extract init`: creates or upgrades the store, optionally with the samples.
struct InitCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "init",
        abstract: "Create (or upgrade) the store's config and log tables.",
        discussion: """
            The store is one SQLite file (the embedded default), or a PostgreSQL database given as \
            --store postgresql://USER@HOST:PORT/DB (tables in schema config). --samples also \
            (re)creates the sample source tables and the SAMPLE_* extract jobs (on PostgreSQL: \
            tables in dbo, a view in reporting, a function and a procedure in finance); other \
            tables and jobs are left alone.

            Examples:
              extract init --samples && extract run
              extract init --store postgresql://etl@127.0.0.1:5432/warehouse --samples
            """
    )

    @OptionGroup var storeOptions: StoreOptions

    @Flag(help: "Also install the sample source tables and SAMPLE_* extracts.")
    var samples = false

    func run() async throws {
        try Self.initialize(storeOptions, samples: samples)
    }

    static func initialize(_ storeOptions: StoreOptions, samples: Bool) throws {
        let store = try storeOptions.standardStore()
        let path = store.description
        let versions: (from: Int, to: Int)
        do {
            versions = try store.initialize(samples: samples)
        } catch let e as ExtractError {
            throw e.code == .unsupported ? usageFailure(e.description) : workFailure(e.description)
        }
        if versions.from == 0 {
            print("created store \(path) (schema version \(versions.to))")
        } else if versions.from < versions.to {
            print("upgraded store \(path) from schema version \(versions.from) to \(versions.to)")
        } else {
            print("store \(path) is up to date (schema version \(versions.to))")
        }
        if samples {
            if !storeOptions.isPostgres {
                print(
                    "installed sample tables customers (5), products (10), orders (100), order_items (255), inventory (30), view v_order_summary"
                )
            }
            print("installed sample extracts SAMPLE_*; run them with: extract run --store \(storeOptions.path)")
        }
    }
}

/// `extract compile`: the original package's command, kept as an alias of `init`.
struct CompileCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "compile",
        abstract: "Alias of `init` (the original package's command name).",
        discussion: """
            extract compile --include-samples is extract init --samples. --target-datastore \
            lakehouse (default) is the embedded SQLite store; warehouse is a PostgreSQL store, \
            named by --store postgresql://... or $EXTRACT_STORE.

            Example:
              extract compile --target-datastore warehouse --include-samples --store postgresql://etl@127.0.0.1/dw
            """
    )

    @OptionGroup var storeOptions: StoreOptions

    @Flag(name: .customLong("include-samples"), help: "Also install the sample tables and extracts.")
    var includeSamples = false

    @Option(
        name: .customLong("target-datastore"),
        help: "lakehouse (the embedded SQLite store; the default) or warehouse (a PostgreSQL store)."
    )
    var targetDatastore: String = "lakehouse"

    func run() async throws {
        switch targetDatastore.lowercased() {
        case "lakehouse", "sqlite":
            if storeOptions.isPostgres {
                throw usageFailure(
                    "--target-datastore lakehouse is the embedded SQLite store, but --store names a PostgreSQL database; use --target-datastore warehouse"
                )
            }
        case "warehouse", "postgresql", "postgres":
            if !storeOptions.isPostgres {
                throw usageFailure(
                    "--target-datastore warehouse needs a PostgreSQL store: add --store postgresql://USER@HOST:PORT/DB (or set EXTRACT_STORE)"
                )
            }
        default:
            throw usageFailure("--target-datastore must be lakehouse or warehouse")
        }
        try InitCommand.initialize(storeOptions, samples: includeSamples)
    }
}
