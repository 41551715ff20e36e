import ArgumentParser
import ExtractCore
import ExtractPostgres
import ExtractSQLite

/// `extract init`: creates or upgrades the store, optionally with the samples.
struct InitCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "init",
        abstract: "Create (or upgrade) the store's config and log tables.",
        discussion: """
            The store is one SQLite file. --samples also (re)creates the sample source tables \
            (customers, products, orders, order_items, inventory, view v_order_summary) and the \
            SAMPLE_* extract jobs; other tables and jobs are left alone.

            Example:
              extract init --samples && extract run
            """)

    @OptionGroup var storeOptions: StoreOptions

    @Flag(help: "Also install the sample source tables and SAMPLE_* extracts.")
    var samples = false

    func run() async throws {
        try Self.initialize(storeOptions, samples: samples)
    }

    static func initialize(_ storeOptions: StoreOptions, samples: Bool) throws {
        let path: String
        let versions: (from: Int, to: Int)
        do {
            if storeOptions.isPostgres {
                let store = try PostgresConfigStore(url: storeOptions.path)
                path = store.description
                versions = try store.initialize(samples: samples)
            } else {
                path = storeOptions.absolutePath
                versions = try SQLiteConfigStore.initialize(path: path, samples: samples)
            }
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
                print("installed sample tables customers (5), products (10), orders (100), order_items (255), inventory (30), view v_order_summary")
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
        discussion: "extract compile --include-samples is extract init --samples. Only the embedded (lakehouse) store exists in this build.")

    @OptionGroup var storeOptions: StoreOptions

    @Flag(name: .customLong("include-samples"), help: "Also install the sample tables and extracts.")
    var includeSamples = false

    @Option(name: .customLong("target-datastore"), help: "lakehouse (the embedded store; the default).")
    var targetDatastore: String = "lakehouse"

    func run() async throws {
        switch targetDatastore.lowercased() {
        case "lakehouse", "sqlite": break
        case "warehouse":
            throw usageFailure("--target-datastore warehouse needs the PostgreSQL store, which this build does not have; use lakehouse")
        default:
            throw usageFailure("--target-datastore must be lakehouse")
        }
        try InitCommand.initialize(storeOptions, samples: includeSamples)
    }
}
