import ExtractCore
import ExtractFormats
import ExtractPostgres
import ExtractSQLite

extension DataSourceRegistry {
    /// The source URLs the `extract` command reads:
    ///
    /// - `sqlite:PATH` (also `sqlite://PATH`): a table, view or query of a SQLite file;
    ///   ``ExtractCore/SourceOptions/typeMismatch`` applies.
    /// - `postgresql://USER@HOST:PORT/DB` (also `postgres://`, or libpq `key=value` pairs): a
    ///   table, view or query over binary COPY; tables over
    ///   ``ExtractCore/SourceOptions/maxConnections`` connections sharing one snapshot.
    /// - `parquet:PATH`: a Parquet file, or a folder of them read as one table
    ///   (``ExtractCore/ParquetFolder``: hive `key=value` partitions, one schema), every flat
    ///   top-level column, with every page codec this build links
    ///   (``ExtractFormats/BlockCodecs/decompressors``).
    ///
    /// Add a kind with ``ExtractCore/DataSourceRegistry/register(schemes:usage:recognizes:make:)``
    /// (see ``sqliteFactory`` for the shape of a factory).
    public static var standard: DataSourceRegistry {
        DataSourceRegistry(factories: [sqliteFactory, postgresFactory, parquetFactory])
    }

    /// `sqlite:PATH`.
    public static let sqliteFactory = Factory(schemes: ["sqlite"], usage: "sqlite:PATH", recognizes: nil) { request in
        let path = request.remainder
        guard !path.isEmpty else {
            throw ExtractError(
                .invalidArgument,
                "a sqlite: source needs a file path, e.g. sqlite:shop.sqlite",
                context: .init(value: request.url)
            )
        }
        var options = SQLiteSource.Options()
        options.mismatchPolicy = request.options.typeMismatch == .text ? .renderAsText : .fail
        switch request.selection {
        case .table(let name): return try SQLiteSource(path: path, table: name, options: options)
        case .query(let sql): return SQLiteSource(path: path, query: sql, options: options)
        case .whole:
            throw ExtractError(
                .invalidArgument,
                "a SQLite source needs a table or a query",
                context: .init(value: request.url)
            )
        }
    }

    /// `parquet:PATH`: one Parquet file, or a folder of Parquet files.
    public static let parquetFactory = Factory(schemes: ["parquet"], usage: "parquet:PATH", recognizes: nil) {
        request in
        let path = request.remainder
        guard !path.isEmpty else {
            throw ExtractError(
                .invalidArgument,
                "a parquet: source needs a file path, e.g. parquet:orders.parquet",
                context: .init(value: request.url)
            )
        }
        guard request.selection == .whole else {
            throw ExtractError(
                .invalidArgument,
                "a Parquet source is read whole; leave out the table and the query",
                context: .init(value: request.url)
            )
        }
        if DirectoryListing.kind(of: path) == .directory {
            return ParquetFolderSource(path: path, decompressors: BlockCodecs.decompressors)
        }
        return ParquetFileSource(path: path, decompressors: BlockCodecs.decompressors)
    }

    /// `postgresql://…`, `postgres://…` and libpq `key=value` strings.
    public static let postgresFactory = Factory(
        schemes: ["postgresql", "postgres"],
        usage: "postgresql://USER@HOST:PORT/DB",
        recognizes: { PostgresConnectionString.looksLikeConnectionString($0) }
    ) { request in
        let connections = request.options.maxConnections
        guard connections >= 1 else {
            throw ExtractError(
                .invalidArgument,
                "a PostgreSQL source needs at least 1 connection",
                context: .init(value: String(connections))
            )
        }
        var source: PostgresSource
        switch request.selection {
        case .table(let name): source = try PostgresSource(url: request.url, table: name, maxConnections: connections)
        case .query(let sql): source = try PostgresSource(url: request.url, query: sql, maxConnections: connections)
        case .whole:
            throw ExtractError(
                .invalidArgument,
                "a PostgreSQL source needs a table or a query",
                context: .init(
                    value: PostgresConnectionString.looksLikeConnectionString(request.url)
                        ? (try? PostgresConnectionString(request.url).redacted) ?? "postgresql://…" : request.url
                )
            )
        }
        source.statementTimeout = request.options.statementTimeout
        return source
    }
}
