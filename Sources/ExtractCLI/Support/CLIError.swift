import ArgumentParser

/// How the CLI ends unsuccessfully: the message goes to stderr, the code is the exit status.
enum CLIError: Error, CustomStringConvertible {
    /// The work failed (exit status 1).
    case failed(String)
    /// Bad usage or configuration (exit status 2).
    case usage(String)

    var description: String {
        switch self {
        case .failed(let message), .usage(let message): return message
        }
    }
}
