import ExtractCore

/// A ``ExtractCore/DataSource`` over a SQLite database file: a table, a view, or a query.
///
/// ```swift
/// let source = try SQLiteSource(path: "shop.sqlite", table: "main.orders")
/// let reader = try source.makeReader()
/// print(reader.schema)
/// while let batch = try reader.next() { try sink.write(batch) }
/// ```
///
/// Column types come from the declared types (see ``SQLiteTypeMapping``); values are converted
/// as documented on ``SQLiteBatchReader``. The source is a cheap `Sendable` description: each
/// ``makeReader()`` opens its own read-only connection (`SQLITE_OPEN_NOMUTEX`), confined to the
/// task that reads.
public struct SQLiteSource: DataSource {
    /// The database file.
    public var path: String
    /// The table, view or query.
    public var object: Object
    /// How to read.
    public var options: Options

    /// A source reading `object` from the database at `path`.
    public init(path: String, object: Object, options: Options = Options()) {
        self.path = path
        self.object = object
        self.options = options
    }

    /// A source reading the table or view `qualifiedName` (`[schema.]name`, parts double-quoted
    /// when they hold a dot; see ``SQLiteIdentifier/init(parsing:)``).
    public init(path: String, table qualifiedName: String, options: Options = Options()) throws {
        let identifier = try SQLiteIdentifier(parsing: qualifiedName)
        self.init(path: path, object: .table(schema: identifier.schema, name: identifier.name), options: options)
    }

    /// A source reading the rows of one SQL statement, with values for its parameters.
    public init(path: String, query: String, parameters: [SQLiteValue] = [], options: Options = Options()) {
        self.init(path: path, object: .query(query, parameters: parameters), options: options)
    }

    /// `sqlite:<path> <object>`.
    public var displayName: String { "sqlite:\(path) \(object)" }

    /// Opens the database read-only, resolves the object, prepares the statement and reads the
    /// first batch (which settles the type of columns without a declared type).
    public func makeReader() throws -> any BatchReader {
        try SQLiteBatchReader(source: self)
    }
}
