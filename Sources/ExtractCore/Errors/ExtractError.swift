/// The error every swift-extract module throws: a ``Code`` saying what kind of problem it is,
/// a message saying what happened and what to do, and the context that locates it (job,
/// object, column, row, value).
///
/// `description` joins all of it into one line fit for a terminal or a log row:
/// `value does not fit column (extract ORDERS, object main.orders, column amount, row 17, value "abc"): …`
public struct ExtractError: Error, Sendable, CustomStringConvertible {
    /// What kind of problem this is. A struct rather than an enum so that new codes do not break
    /// callers that switch over it.
    public struct Code: Hashable, Sendable, CustomStringConvertible {
        private enum Base: String, Hashable, Sendable {
            case invalidArgument = "invalid argument"
            case invalidConfiguration = "invalid configuration"
            case notFound = "not found"
            case typeMismatch = "type mismatch"
            case unsupported = "unsupported"
            case io = "I/O error"
            case source = "source error"
            case compression = "compression error"
            case cancelled = "cancelled"
            case `internal` = "internal error"
        }
        private let base: Base
        private init(_ base: Base) { self.base = base }

        /// A parameter or option has a value that cannot be used.
        public static let invalidArgument = Code(.invalidArgument)
        /// A job's configuration is inconsistent or incomplete.
        public static let invalidConfiguration = Code(.invalidConfiguration)
        /// A table, view, file, job or column does not exist.
        public static let notFound = Code(.notFound)
        /// A value does not fit the type of its column.
        public static let typeMismatch = Code(.typeMismatch)
        /// A feature or type that is not supported.
        public static let unsupported = Code(.unsupported)
        /// Reading or writing a file failed.
        public static let io = Code(.io)
        /// The data source (database) reported an error.
        public static let source = Code(.source)
        /// A compressor failed.
        public static let compression = Code(.compression)
        /// The work was cancelled.
        public static let cancelled = Code(.cancelled)
        /// A bug in swift-extract.
        public static let `internal` = Code(.internal)

        public var description: String { base.rawValue }
    }

    /// Where a problem is: any subset of these may be known.
    public struct Context: Sendable, Hashable {
        public var job: String?
        public var object: String?
        public var column: String?
        public var row: Int64?
        public var value: String?
        public var path: String?

        public init(
            job: String? = nil,
            object: String? = nil,
            column: String? = nil,
            row: Int64? = nil,
            value: String? = nil,
            path: String? = nil
        ) {
            self.job = job
            self.object = object
            self.column = column
            self.row = row
            self.value = value
            self.path = path
        }

        var isEmpty: Bool { self == Context() }
    }

    public var code: Code
    /// What happened and, where it helps, what to do about it.
    public var message: String
    public var context: Context
    /// The lower-level error this one wraps, if any.
    public var underlying: (any Error & Sendable)?

    public init(
        _ code: Code,
        _ message: String,
        context: Context = Context(),
        underlying: (any Error & Sendable)? = nil
    ) {
        self.code = code
        self.message = message
        self.context = context
        self.underlying = underlying
    }

    /// `error` itself when it is an ``ExtractError``, a ``Code/cancelled`` error for a
    /// `CancellationError`, else a new error with `code` and `message` that keeps `error` as its
    /// ``underlying`` cause (so nothing the original error knew is lost).
    public init(wrapping error: any Error, code: Code, _ message: String, context: Context = Context()) {
        if let e = error as? ExtractError {
            self = e
        } else if error is CancellationError {
            self.init(.cancelled, "the run was cancelled", context: context)
        } else {
            self.init(code, message, context: context, underlying: error)
        }
    }

    /// A copy with the job name filled in (when not already set).
    public func inJob(_ job: String) -> ExtractError {
        var copy = self
        if copy.context.job == nil { copy.context.job = job }
        return copy
    }

    public var description: String {
        var parts: [String] = []
        if let job = context.job { parts.append("extract \(job)") }
        if let object = context.object { parts.append("object \(object)") }
        if let column = context.column { parts.append("column \(column)") }
        if let row = context.row { parts.append("row \(row)") }
        if let value = context.value { parts.append("value \(ExtractError.quote(value))") }
        if let path = context.path { parts.append("path \(path)") }
        var text = message
        if !parts.isEmpty { text += " (" + parts.joined(separator: ", ") + ")" }
        if let underlying { text += ": \(underlying)" }
        return text
    }

    /// Quotes a value for a message, cut to 80 characters so a huge cell cannot flood a log.
    static func quote(_ value: String) -> String {
        let cut = value.count > 80 ? String(value.prefix(80)) + "…" : value
        return "\"" + cut + "\""
    }
}
