import ExtractCore
import ExtractSQLite
import ExtractTestSupport
import Foundation

/// One cell of a read batch, for comparisons in tests. Text and blobs are compared as bytes
/// (Swift's `String ==` would call precomposed and decomposed é equal).
enum Cell: Hashable, CustomStringConvertible {
    case null
    case bool(Bool)
    case int32(Int32)
    case int64(Int64)
    case int128(Int128)
    case double(Double)
    case bytes([UInt8])

    static func text(_ string: String) -> Cell { .bytes(Array(string.utf8)) }

    var description: String {
        switch self {
        case .null: return "NULL"
        case .bool(let v): return "bool(\(v))"
        case .int32(let v): return "int32(\(v))"
        case .int64(let v): return "int64(\(v))"
        case .int128(let v): return "int128(\(v))"
        case .double(let v): return "double(\(v))"
        case .bytes(let v):
            if let s = String(validating: v, as: UTF8.self) { return "text(\(s.debugDescription))" }
            return "bytes(\(v))"
        }
    }
}

extension Column {
    /// Every row as a ``Cell``.
    var cells: [Cell] {
        (0..<count).map { row in
            if isNull(row) { return .null }
            switch values {
            case .bool(let v): return .bool(v[row])
            case .int32(let v): return .int32(v[row])
            case .int64(let v): return .int64(v[row])
            case .int128(let v): return .int128(v[row])
            case .float(let v): return .double(Double(v[row]))
            case .double(let v): return .double(v[row])
            case .bytes(let v): return .bytes(v.withBytes(at: row) { Array($0) })
            }
        }
    }
}

/// A database built from an SQL script in a fresh temporary folder.
struct TestDatabase {
    let directory: TemporaryDirectory
    let path: String

    init(_ script: String, name: String = "test.sqlite") throws {
        directory = try TemporaryDirectory("sqlite-test")
        path = directory.file(name).path
        let connection = try SQLiteConnection(path: path, mode: .readWriteCreate)
        try connection.execute(script)
        connection.close()
    }

    func source(table: String, _ options: SQLiteSource.Options = .init()) throws -> SQLiteSource {
        try SQLiteSource(path: path, table: table, options: options)
    }

    func source(query: String, _ options: SQLiteSource.Options = .init()) -> SQLiteSource {
        SQLiteSource(path: path, query: query, options: options)
    }
}

/// Everything a source yields: its schema, its batches, and the cells of each column.
struct ReadResult {
    let schema: Schema
    let batches: [ColumnBatch]

    /// All rows of column `name`, across batches.
    func cells(_ name: String) -> [Cell] {
        guard let index = schema.index(of: name) else { return [] }
        return batches.flatMap { $0.columns[index].cells }
    }

    /// The type of column `name`.
    func type(_ name: String) -> ColumnType? {
        schema.index(of: name).map { schema.fields[$0].type }
    }

    var rowCount: Int { batches.reduce(0) { $0 + $1.rowCount } }
}

/// Reads every batch of `source`.
func readAll(_ source: SQLiteSource) throws -> ReadResult {
    let reader = try source.makeReader()
    defer { reader.close() }
    var batches: [ColumnBatch] = []
    while let batch = try reader.next() {
        batches.append(batch)
    }
    return ReadResult(schema: reader.schema, batches: batches)
}

/// Reads `source` expecting an ``ExtractError``; returns it (or `nil` when nothing failed).
func readError(_ source: SQLiteSource) -> ExtractError? {
    do {
        _ = try readAll(source)
        return nil
    } catch let error as ExtractError {
        return error
    } catch {
        return ExtractError(.internal, "unexpected error \(error)")
    }
}
