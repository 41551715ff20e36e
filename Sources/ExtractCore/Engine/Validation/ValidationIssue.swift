/// One problem found in the configuration: which job, which column, what is wrong and what to do.
public struct ValidationIssue: Sendable, Hashable, CustomStringConvertible {
    /// Errors stop the job; warnings are reported and the job runs.
    public enum Severity: String, Sendable, Hashable {
        case error
        case warning
    }

    public var severity: Severity
    /// The extract name (`nil` for problems that concern no single job).
    public var job: String?
    /// The config column at fault, when one is.
    public var column: String?
    /// The offending value, when it helps.
    public var value: String?
    /// What is wrong and how to fix it.
    public var message: String

    public init(_ severity: Severity, job: String?, column: String?, value: String? = nil, _ message: String) {
        self.severity = severity
        self.job = job
        self.column = column
        self.value = value
        self.message = message
    }

    /// An error issue made from an ``ExtractError`` (its context supplies job, column and value).
    public init(_ error: ExtractError, job: String? = nil, column: String? = nil) {
        self.init(
            .error,
            job: error.context.job ?? job,
            column: error.context.column ?? column,
            value: error.context.value,
            error.message
        )
    }

    /// `error: extract X, column c: message (value "v")`.
    public var description: String {
        var where_: [String] = []
        if let job { where_.append("extract \(job)") }
        if let column { where_.append("column \(column)") }
        var text = severity.rawValue + ": "
        if !where_.isEmpty { text += where_.joined(separator: ", ") + ": " }
        text += message
        if let value { text += " (value \(ExtractError.quote(value)))" }
        return text
    }
}
