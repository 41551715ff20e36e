import ExtractCore

/// Single-column batches of one type, with values like orders_bench's, for the per-type
/// encoder and renderer benchmarks.
public enum ColumnSamples {
    /// The column kinds the per-type benchmarks cover.
    public enum Kind: String, CaseIterable, Sendable {
        case int64, double, decimal, date, timestamp, bool
        case stringPlain = "string (no specials)"
        case stringSpecials = "string (25% specials)"
        case stringLowCardinality = "string (6 values)"
        case notes = "string 80% NULL (notes)"

        /// The column type.
        public var type: ColumnType {
            switch self {
            case .int64: .int64
            case .double: .double
            case .decimal: .decimal(precision: 12, scale: 2)
            case .date: .date
            case .timestamp: .timestamp(.microseconds, isAdjustedToUTC: false)
            case .bool: .bool
            case .stringPlain, .stringSpecials, .stringLowCardinality, .notes: .string
            }
        }
    }

    /// `rows` values of `kind` as batches of `batchRows` rows.
    public static func batches(_ kind: Kind, rows: Int, batchRows: Int = ColumnBatch.defaultRowCount) -> [ColumnBatch] {
        var rng = SplitMix64(seed: 99)
        let schema = Schema([Field(kind.rawValue, kind.type, nullable: kind == .notes)])
        let plain = OrdersShape.catalog.map { Array($0.name.utf8) }.filter {
            !$0.contains(UInt8(ascii: ",")) && !$0.contains(UInt8(ascii: "\""))
        }
        let specials = OrdersShape.specialNotes.map { Array($0.utf8) }
        let notes = OrdersShape.plainNotes.map { Array($0.utf8) }
        let statuses = OrdersShape.statuses.map { Array($0.utf8) }
        var result: [ColumnBatch] = []
        var done = 0
        while done < rows {
            let n = min(batchRows, rows - done)
            var b = ColumnBuilder(type: kind.type, capacity: n)
            for _ in 0..<n {
                switch kind {
                case .int64: b.append(Int64(1 + rng.below(250_000)))
                case .double: b.append(Double(1 + rng.below(356_680)) / 100)
                case .decimal: b.append(Int64(79 + rng.below(356_600)))
                case .date: b.append(OrdersShape.firstDay + Int32(rng.below(OrdersShape.dayCount)))
                case .timestamp:
                    b.append(
                        Int64(OrdersShape.firstDay + Int32(rng.below(OrdersShape.dayCount))) * 86_400_000_000
                            + Int64(rng.below(86_400_000_000))
                    )
                case .bool: b.append(rng.unit() < 0.08)
                case .stringPlain: plain[rng.below(plain.count)].withUnsafeBytes { b.append(bytes: $0) }
                case .stringSpecials:
                    let v = rng.unit() < 0.25 ? specials[rng.below(specials.count)] : notes[rng.below(notes.count)]
                    v.withUnsafeBytes { b.append(bytes: $0) }
                case .stringLowCardinality:
                    statuses[OrdersShape.weighted(OrdersShape.statusWeights, &rng)].withUnsafeBytes {
                        b.append(bytes: $0)
                    }
                case .notes:
                    if rng.unit() < 0.8 {
                        b.appendNull()
                    } else {
                        let v = rng.unit() < 0.25 ? specials[rng.below(specials.count)] : notes[rng.below(notes.count)]
                        v.withUnsafeBytes { b.append(bytes: $0) }
                    }
                }
            }
            result.append(ColumnBatch(schema: schema, columns: [b.finish()]))
            done += n
        }
        return result
    }
}
