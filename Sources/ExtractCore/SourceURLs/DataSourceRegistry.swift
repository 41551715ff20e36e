/// Turns a source URL (`sqlite:shop.sqlite`, `postgresql://app@db/shop`, `parquet:data/`) into a
/// ``DataSource``, through one factory per URL scheme.
///
/// ExtractCore knows no driver: ``DataSourceRegistry/standard`` in ExtractStandard registers
/// SQLite and PostgreSQL, and a module with a new kind of source adds its scheme:
///
/// ```swift
/// var registry = DataSourceRegistry.standard
/// registry.register(schemes: ["parquet"], usage: "parquet:PATH") { request in
///     try ParquetSource(path: request.remainder)
/// }
/// let source = try registry.makeSource(url: "parquet:orders.parquet")
/// ```
///
/// A URL's scheme is the text before its first `:` (case-insensitive). A URL without a
/// registered scheme goes to the first factory whose `recognizes` accepts it (PostgreSQL's
/// `host=... dbname=...` strings have no scheme).
public struct DataSourceRegistry: Sendable {
    /// Makes a source from a URL with one of ``schemes``.
    public struct Factory: Sendable {
        /// The schemes, lower-cased, without `:`.
        public var schemes: [String]
        /// How a user writes such a URL, for messages and `--help` (`sqlite:PATH`).
        public var usage: String
        /// Accepts URLs without a registered scheme that this factory reads anyway.
        public var recognizes: (@Sendable (String) -> Bool)?
        /// Makes the source.
        public var make: @Sendable (SourceURLRequest) throws -> any DataSource

        /// A factory for URLs starting `scheme:` for each of `schemes` (and any URL `recognizes`
        /// accepts), written `usage` in messages.
        public init(
            schemes: [String],
            usage: String,
            recognizes: (@Sendable (String) -> Bool)? = nil,
            make: @escaping @Sendable (SourceURLRequest) throws -> any DataSource
        ) {
            self.schemes = schemes.map { $0.lowercased() }
            self.usage = usage
            self.recognizes = recognizes
            self.make = make
        }
    }

    /// The factories, in registration order.
    public private(set) var factories: [Factory]

    /// A registry with `factories` (none: register them with ``register(schemes:usage:recognizes:make:)``).
    public init(factories: [Factory] = []) {
        self.factories = factories
    }

    /// Adds (or, for a scheme already registered, replaces) the factory of `schemes`.
    public mutating func register(
        schemes: [String],
        usage: String,
        recognizes: (@Sendable (String) -> Bool)? = nil,
        make: @escaping @Sendable (SourceURLRequest) throws -> any DataSource
    ) {
        let lowered = schemes.map { $0.lowercased() }
        factories.removeAll { !Set($0.schemes).isDisjoint(with: lowered) }
        factories.append(Factory(schemes: lowered, usage: usage, recognizes: recognizes, make: make))
    }

    /// The usages of every factory: `sqlite:PATH or postgresql://USER@HOST:PORT/DB`.
    public var usage: String {
        let all = factories.map(\.usage)
        guard all.count > 1 else { return all.first ?? "(no source kinds registered)" }
        return all.dropLast().joined(separator: ", ") + " or " + all.last!
    }

    /// The source `url` names, reading `selection` with `options`.
    ///
    /// - Throws: ``ExtractError`` (`invalidArgument`) for a URL no factory takes, naming the
    ///   accepted forms; whatever the factory throws for a bad path, table or query.
    public func makeSource(
        url: String,
        selection: SourceSelection = .whole,
        options: SourceOptions = SourceOptions()
    ) throws -> any DataSource {
        let request = SourceURLRequest(url: url, selection: selection, options: options)
        if let scheme = request.scheme, let factory = factories.first(where: { $0.schemes.contains(scheme) }) {
            return try factory.make(request)
        }
        if let factory = factories.first(where: { $0.recognizes?(url) == true }) {
            return try factory.make(request)
        }
        throw ExtractError(.invalidArgument, "unsupported source URL; use \(usage)", context: .init(value: url))
    }
}

/// What a source URL asks for: the URL split at its scheme, the object to read and the options.
public struct SourceURLRequest: Sendable {
    /// The URL as given.
    public var url: String
    /// The lower-cased text before the first `:`, when it looks like a scheme (letters, digits,
    /// `+`, `-`, `.`, starting with a letter); else `nil`.
    public var scheme: String?
    /// The text after `scheme:`, with a leading `//` removed (`sqlite://shop.sqlite` and
    /// `sqlite:shop.sqlite` are the same file); the whole URL when there is no scheme.
    public var remainder: String
    /// The table or query to read.
    public var selection: SourceSelection
    /// How to read.
    public var options: SourceOptions

    /// Splits `url` at its scheme.
    public init(url: String, selection: SourceSelection, options: SourceOptions) {
        self.url = url
        self.selection = selection
        self.options = options
        if let colon = url.firstIndex(of: ":"), let first = url.first, first.isLetter,
            url[..<colon].allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber || "+-.".contains($0)) })
        {
            scheme = url[..<colon].lowercased()
            var rest = url[url.index(after: colon)...]
            if rest.hasPrefix("//") { rest = rest.dropFirst(2) }
            remainder = String(rest)
        } else {
            scheme = nil
            remainder = url
        }
    }
}

/// Which rows of a source URL to read.
public enum SourceSelection: Sendable, Hashable {
    /// A table or view, optionally schema-qualified (`main.orders`).
    case table(String)
    /// The rows of a query.
    case query(String)
    /// Everything the URL names (a file, a folder, a Delta table); databases need a table or query.
    case whole
}

/// How a source made from a URL reads. Each source kind uses what applies to it.
public struct SourceOptions: Sendable, Hashable {
    /// Connections a PostgreSQL table read may use, sharing one snapshot (at least 1).
    public var maxConnections: Int
    /// What SQLite does with a value that does not fit its column's declared type.
    public var typeMismatch: TypeMismatchPolicy
    /// A database server cancels a statement that runs longer (PostgreSQL `statement_timeout`;
    /// `nil`: the server's setting).
    public var statementTimeout: Duration?

    /// The defaults: one connection, fail on a mismatch, the server's statement timeout.
    public init(maxConnections: Int = 1, typeMismatch: TypeMismatchPolicy = .fail, statementTimeout: Duration? = nil) {
        self.maxConnections = maxConnections
        self.typeMismatch = typeMismatch
        self.statementTimeout = statementTimeout
    }
}

/// What a source whose columns do not enforce their types (SQLite) does with a value that does
/// not fit its column (`--type-mismatch`).
public enum TypeMismatchPolicy: String, Sendable, Hashable, CaseIterable, Codable {
    /// Stop with a ``ExtractError/Code/typeMismatch`` error naming column, row and value.
    case fail
    /// Read such columns as text instead.
    case text
}
