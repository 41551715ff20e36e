import ExtractCore

/// In-memory data shaped like the shared `orders_bench` table (shared/bench/README.md): the
/// same twelve columns, value ranges, skews and share of NULLs and special characters, made
/// by a fixed-seed generator. Not byte-identical to the SQLite file; close enough that
/// encoders and codecs do the same kind of work.
public enum OrdersShape {
    /// The columns in the types a typed source maps them to.
    public static let schema = Schema([
        Field("order_id", .int64, nullable: false),
        Field("customer_id", .int64, nullable: false),
        Field("order_date", .date, nullable: false),
        Field("order_ts", .timestamp(.microseconds, isAdjustedToUTC: false), nullable: false),
        Field("status", .string, nullable: false),
        Field("channel", .string, nullable: false),
        Field("product_name", .string, nullable: false),
        Field("quantity", .int64, nullable: false),
        Field("unit_price", .double, nullable: false),
        Field("discount", .double, nullable: true),
        Field("is_gift", .bool, nullable: false),
        Field("notes", .string, nullable: true),
    ])

    public static let statuses = ["delivered", "shipped", "paid", "cancelled", "pending", "returned"]
    public static let statusWeights = [50, 20, 15, 6, 5, 4]
    static let channels = ["web", "mobile", "store", "phone", "partner"]
    static let channelWeights = [45, 30, 15, 5, 5]
    public static let plainNotes = [
        "Please deliver after 5pm", "Call before delivery", "Leave with the neighbour",
        "Repeat customer", "Fragile", "Gift message included", "Signature required",
        "Customer prefers email contact", "Split shipment", "Warehouse B",
    ]
    public static let specialNotes = [
        "Leave at door, ring twice", "Customer said \"ASAP\"", "Gift wrap\tred ribbon",
        "SKU-1|SKU-2 swapped", "Line one\nLine two", "Windows style\r\nline break",
        "literal \\N is not null", "Café crème, s’il vous plaît", "日本語のメモ",
    ]
    static let brands = [
        "Acme", "Globex", "Initech", "Umbrella", "Stark", "Wayne", "Wonka", "Tyrell",
        "Cyberdyne", "Hooli", "Vandelay", "Aperture", "Oscorp", "Nakatomi", "Duff",
    ]
    static let nouns = [
        "Kettle", "Blender", "Backpack", "Lamp", "Chair", "Desk", "Mug", "Notebook",
        "Headphones", "Speaker", "Toaster", "Jacket", "Watch", "Tent", "Router", "Monitor",
    ]
    static let variants = ["", "", "", "v2", "XL", "500ml", "2-pack", "(Blue)", "27\"", "2, 4 pcs", "Café"]

    /// 5000 product names with a list price each (10-40 characters, ~5% with `"` or `,`).
    public static let catalog: [(name: String, price: Double)] = {
        var rng = SplitMix64(seed: 7919)
        return (0..<5000).map { i in
            let parts = [
                brands[rng.below(brands.count)], nouns[rng.below(nouns.count)],
                variants[rng.below(variants.count)], "#\(i)",
            ]
            let price = (Double(1 + rng.below(3000)) - 0.01)
            return (parts.filter { !$0.isEmpty }.joined(separator: " "), price)
        }
    }()

    public static func weighted(_ weights: [Int], _ rng: inout SplitMix64) -> Int {
        var x = rng.below(100)
        for (i, w) in weights.enumerated() {
            if x < w { return i }
            x -= w
        }
        return weights.count - 1
    }

    /// Days from 1970-01-01 to 2020-01-01, and the number of days to 2025-12-31.
    public static let firstDay: Int32 = 18262
    public static let dayCount = 2192

    /// `rows` rows as batches of at most `batchRows` rows.
    public static func batches(rows: Int, batchRows: Int = ColumnBatch.defaultRowCount, seed: UInt64 = 42)
        -> [ColumnBatch]
    {
        var rng = SplitMix64(seed: seed)
        var result: [ColumnBatch] = []
        var start = 0
        while start < rows {
            let n = min(batchRows, rows - start)
            result.append(batch(firstID: start + 1, count: n, rng: &rng))
            start += n
        }
        return result
    }

    /// One batch of `count` rows with order ids from `firstID`.
    public static func batch(firstID: Int, count: Int, rng: inout SplitMix64) -> ColumnBatch {
        var builders = schema.fields.map { ColumnBuilder(type: $0.type, capacity: count) }
        for id in firstID..<(firstID + count) {
            builders[0].append(Int64(id))
            builders[1].append(Int64(1 + rng.below(250_000)))
            let day = firstDay + Int32(rng.below(dayCount))
            builders[2].append(day)
            builders[3].append(Int64(day) * 86_400_000_000 + Int64(rng.below(86_400_000_000)))
            builders[4].append(string: statuses[weighted(statusWeights, &rng)])
            builders[5].append(string: channels[weighted(channelWeights, &rng)])
            let product = catalog[rng.below(catalog.count)]
            builders[6].append(string: product.name)
            builders[7].append(Int64(rng.unit() < 0.4 ? 1 : 1 + rng.below(20)))
            builders[8].append(
                rng.unit() < 0.9 ? product.price : (product.price * (0.8 + 0.4 * rng.unit()) * 100).rounded() / 100
            )
            if rng.unit() < 0.3 {
                builders[9].appendNull()
            } else {
                builders[9].append(Double(1 + rng.below(60)) / 100)
            }
            builders[10].append(rng.unit() < 0.08)
            if rng.unit() < 0.8 {
                builders[11].appendNull()
            } else if rng.unit() < 0.25 {
                builders[11].append(string: specialNotes[rng.below(specialNotes.count)])
            } else {
                builders[11].append(string: plainNotes[rng.below(plainNotes.count)])
            }
        }
        return ColumnBatch(schema: schema, columns: builders.indices.map { builders[$0].finish() })
    }

    /// About `byteCount` bytes of CSV text rendered from rows of this shape (the input the codec
    /// benchmarks compress: what a CSV extract of orders_bench looks like).
    public static func csvText(byteCount: Int) -> [UInt8] {
        var rng = SplitMix64(seed: 1234)
        var out: [UInt8] = []
        out.reserveCapacity(byteCount + 512)
        var id = 1
        while out.count < byteCount {
            let product = catalog[rng.below(catalog.count)]
            let day = rng.below(dayCount)
            let year = 2020 + day / 366, month = 1 + (day / 31) % 12, dom = 1 + day % 28
            let sec = rng.below(86400)
            var line = "\(id),\(1 + rng.below(250_000)),\(year)-\(pad(month))-\(pad(dom)),"
            line +=
                "\(year)-\(pad(month))-\(pad(dom)) \(pad(sec / 3600)):\(pad(sec / 60 % 60)):\(pad(sec % 60)).\(100_000 + rng.below(900_000)),"
            line += statuses[weighted(statusWeights, &rng)] + "," + channels[weighted(channelWeights, &rng)] + ","
            line +=
                product.name.contains(",") || product.name.contains("\"")
                ? "\"" + product.name.replacingQuotes() + "\"" : product.name
            line += ",\(rng.unit() < 0.4 ? 1 : 1 + rng.below(20)),\(product.price),"
            line += rng.unit() < 0.3 ? "" : "\(Double(1 + rng.below(60)) / 100)"
            line += rng.unit() < 0.08 ? ",1," : ",0,"
            if rng.unit() < 0.2 { line += "\"" + plainNotes[rng.below(plainNotes.count)] + "\"" }
            line += "\n"
            out.append(contentsOf: line.utf8)
            id += 1
        }
        return out
    }

    static func pad(_ v: Int) -> String { v < 10 ? "0\(v)" : "\(v)" }
}

extension String {
    fileprivate func replacingQuotes() -> String {
        var s = ""
        for c in self { if c == "\"" { s += "\"\"" } else { s.append(c) } }
        return s
    }
}
