/// Turns a job's source (table, view, SQL, procedure on a datastore) into a ``DataSource``.
/// ExtractSQLite resolves SQLite datastores, ExtractPostgres PostgreSQL ones; a
/// ``DatastoreRouter`` sends each job to the resolver of its datastore's kind.
public protocol SourceResolver: Sendable {
    /// Resolves `request`. For incremental requests the resolver also finds the new upper
    /// watermark and restricts the rows to `(after, upper]` (or `[since, upper]` on a first run),
    /// reading both in one consistent snapshot when the database allows.
    /// - Throws: ``ExtractError`` with code `.notFound` for a missing table or view, `.source`
    ///   for database errors, `.unsupported` for a source kind the datastore cannot run.
    func resolve(_ request: SourceRequest) async throws -> ResolvedSource

    /// Checks that `request`'s source can be read, without reading its rows (`extract validate`):
    /// the datastore, the table or view, the SQL, the incremental column. Returns the problem,
    /// with the job in its context, or `nil` when the source looks readable.
    ///
    /// The default resolves the request and discards the result: no row is read, but an
    /// incremental request probes the column's maximum.
    func check(_ request: SourceRequest) async -> ExtractError?
}

extension SourceResolver {
    public func check(_ request: SourceRequest) async -> ExtractError? {
        do {
            _ = try await resolve(request)
            return nil
        } catch {
            return ExtractError(wrapping: error, code: .source, "the source cannot be read").inJob(request.extractName)
        }
    }
}

/// What to read for one extract.
public struct SourceRequest: Sendable, Hashable {
    public var extractName: String
    public var source: JobSource
    /// A registered datastore id, or `nil` for the store's own database.
    public var datastoreId: String?
    /// The incremental window; `nil` reads every row.
    public var incremental: IncrementalWindow?
    /// A procedure to call before reading; if it raises, the extract fails with its message.
    public var validation: ValidationProcedure?

    public init(
        extractName: String,
        source: JobSource,
        datastoreId: String?,
        incremental: IncrementalWindow?,
        validation: ValidationProcedure? = nil
    ) {
        self.validation = validation
        self.extractName = extractName
        self.source = source
        self.datastoreId = datastoreId
        self.incremental = incremental
    }
}

/// Which rows an incremental (or watermark-tracking full) read covers.
public struct IncrementalWindow: Sendable, Hashable {
    /// The incremental column.
    public var column: String
    /// Rows with `column > after` (the last successful watermark); `nil` for no lower bound.
    public var after: Watermark?
    /// On a first run: rows with `column >= since` (`YYYY-MM-DD`, today minus days back).
    public var since: String?
    /// Whether rows are filtered at all (`false` for a FULL run that only tracks the new watermark).
    public var filters: Bool

    public init(column: String, after: Watermark?, since: String?, filters: Bool) {
        self.column = column
        self.after = after
        self.since = since
        self.filters = filters
    }
}

/// A source ready to read, plus the watermark its rows reach.
public struct ResolvedSource: Sendable {
    public var source: any DataSource
    /// The largest incremental value the read covers (the watermark to store on success);
    /// `nil` when not incremental or when no row qualifies.
    public var upperWatermark: Watermark?

    public init(source: any DataSource, upperWatermark: Watermark?) {
        self.source = source
        self.upperWatermark = upperWatermark
    }
}

/// An incremental column value, kept in the database's own kind so comparisons stay exact.
public enum Watermark: Sendable, Hashable, CustomStringConvertible {
    case integer(Int64)
    case real(Double)
    case text(String)

    /// `integer`, `real` or `text`: how it is stored.
    public var kind: String {
        switch self {
        case .integer: return "integer"
        case .real: return "real"
        case .text: return "text"
        }
    }

    /// The value as text (for storage and messages).
    public var description: String {
        switch self {
        case .integer(let v): return String(v)
        case .real(let v): return String(v)
        case .text(let v): return v
        }
    }

    /// Rebuilds a watermark from its stored ``kind`` and text.
    public init?(kind: String, text: String) {
        switch kind {
        case "integer": guard let v = Int64(text) else { return nil }; self = .integer(v)
        case "real": guard let v = Double(text) else { return nil }; self = .real(v)
        case "text": self = .text(text)
        default: return nil
        }
    }
}
