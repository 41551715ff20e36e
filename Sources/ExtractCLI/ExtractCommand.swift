import ArgumentParser
import ExtractCore

#if canImport(Glibc)
    import CExtractMalloc
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// The `extract` command: one-off exports (`export`) and, through the config store, the
/// config-driven extract jobs.
@main
struct ExtractCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "extract",
        abstract: "Config-driven, high-performance file extracts (CSV, TSV, DAT, Parquet) from databases.",
        discussion: """
            Exit status: 0 when every extract succeeded, 1 when any failed, 2 for usage or \
            configuration errors.
            """,
        version: createdBy,
        subcommands: [
            ExportCommand.self, InitCommand.self, CompileCommand.self, RunCommand.self, ListCommand.self,
            HistoryCommand.self, ValidateCommand.self,
        ]
    )

    /// The version line (`--version`) and the Parquet `created_by` of every file this build
    /// writes: the git commit BuildInfoPlugin recorded.
    static let createdBy = ExtractVersion.createdBy(build: buildCommit)

    /// Runs the command line, mapping every outcome to the documented exit status:
    /// 0 success, 1 a failed extract, 2 bad usage or configuration.
    static func main() async {
        #if canImport(Glibc)
            // One malloc arena for the whole process. glibc otherwise gives each encoding thread an
            // arena of its own, and a 10M-row Parquet export then peaked at 1.37x the RSS of a 1M-row
            // one (1.16x with one arena); user CPU was unchanged (0.80-0.87 s per 1M rows either way,
            // 4 interleaved runs). The executable's choice only: the libraries never touch malloc.
            _ = mallopt(CExtractMallocArenaMax, 1)
        #endif
        do {
            var command = try parseAsRoot()
            if var asyncCommand = command as? any AsyncParsableCommand {
                try await asyncCommand.run()
            } else {
                try command.run()
            }
        } catch {
            exit(withMappedError: error)
        }
    }

    private static func exit(withMappedError error: any Error) -> Never {
        let code: Int32
        switch error {
        case CLIError.failed(let message):
            printError("error: " + message)
            code = 1
        case CLIError.usage(let message):
            printError("error: " + message)
            code = 2
        default:
            let status = exitCode(for: error)
            let message = fullMessage(for: error)
            if status == .success {
                if !message.isEmpty { print(message) }  // --help, --version
                Glibc.exit(0)
            }
            printError(message)
            code = status == .validationFailure ? 2 : status.rawValue
        }
        Glibc.exit(code)
    }

    private static func printError(_ message: String) {
        let text = Redaction.redact(message)
        let line = text.hasSuffix("\n") ? text : text + "\n"
        _ = line.withCString { write(STDERR_FILENO, $0, strlen($0)) }
    }
}
