import ExtractCore
import Foundation
import Testing

/// Every row of `file` (all top-level columns) concatenated into one batch per column.
func readAllColumns(
    _ path: String,
    columns: [String]? = nil,
    batchRowCount: Int = ColumnBatch.defaultRowCount,
    decompressors: any ParquetDecompressorProvider
) throws -> (schema: Schema, batches: [ColumnBatch]) {
    let file = try ParquetFile(path: path, decompressors: decompressors)
    let reader = try file.makeBatchReader(columns: columns, batchRowCount: batchRowCount)
    var batches: [ColumnBatch] = []
    while let batch = try reader.next() { batches.append(batch) }
    return (reader.schema, batches)
}

/// One cell as comparable text: NULL as `∅`, floats by bit pattern (NaN == NaN), bytes as hex.
func cellText(_ column: Column, _ row: Int) -> String {
    if column.isNull(row) { return "∅" }
    switch column.values {
    case .bool(let v): return "\(v[row])"
    case .int32(let v): return "\(v[row])"
    case .int64(let v): return "\(v[row])"
    case .int128(let v): return "\(v[row])"
    case .float(let v): return "f\(v[row].bitPattern)"
    case .double(let v): return "d\(v[row].bitPattern)"
    case .bytes(let b): return b.withBytes(at: row) { $0.map { String(format: "%02x", $0) }.joined() }
    }
}

/// The rows of `batches` as text, one array of cells per column.
func columnTexts(_ batches: [ColumnBatch]) -> [[String]] {
    guard let first = batches.first else { return [] }
    var out = Array(repeating: [String](), count: first.columns.count)
    for batch in batches {
        for (c, column) in batch.columns.enumerated() {
            for row in 0..<column.count { out[c].append(cellText(column, row)) }
        }
    }
    return out
}
