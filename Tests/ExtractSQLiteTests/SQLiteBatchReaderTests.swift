import ExtractCore
import ExtractSQLite
import ExtractTestSupport
import Foundation
import Testing

/// Batching, streaming and the shared benchmark dataset.
@Suite(.serialized) struct SQLiteBatchReaderTests {
    @Test func batchesOfAtMost64KRowsWithExactValues() throws {
        let db = try TestDatabase(
            """
            CREATE TABLE t(id INTEGER PRIMARY KEY, label TEXT, half REAL, flag BOOLEAN);
            WITH RECURSIVE c(x) AS (VALUES(1) UNION ALL SELECT x + 1 FROM c WHERE x < 200000)
            INSERT INTO t SELECT x, 'row ' || x, x * 0.5, x % 3 = 0 FROM c;
            """
        )
        let reader = try try db.source(table: "t").makeReader()
        defer { reader.close() }
        #expect(reader.schema.fields.map(\.type) == [.int64, .string, .double, .bool])
        var sizes: [Int] = []
        var next: Int64 = 1
        while let batch = try reader.next() {
            sizes.append(batch.rowCount)
            guard case .int64(let ids) = batch.columns[0].values, case .bytes(let labels) = batch.columns[1].values,
                case .double(let halves) = batch.columns[2].values, case .bool(let flags) = batch.columns[3].values
            else {
                Issue.record("unexpected storage")
                return
            }
            for row in 0..<batch.rowCount {
                let id = next + Int64(row)
                guard ids[row] == id, halves[row] == Double(id) * 0.5, flags[row] == (id % 3 == 0),
                    labels.withBytes(at: row, { Array($0) }) == Array("row \(id)".utf8)
                else {
                    Issue.record("row \(id) differs")
                    return
                }
            }
            #expect(batch.columns.allSatisfy { $0.validity == nil })
            next += Int64(batch.rowCount)
        }
        #expect(sizes == [65_536, 65_536, 65_536, 3_392])
        #expect(next == 200_001)
        #expect(try reader.next() == nil)
    }

    @Test func batchesEndEarlyWhenTextBytesPassTheLimit() throws {
        let db = try TestDatabase(
            """
            CREATE TABLE t(s TEXT, b BLOB);
            WITH RECURSIVE c(x) AS (VALUES(1) UNION ALL SELECT x + 1 FROM c WHERE x < 95)
            INSERT INTO t SELECT printf('%.60c', 'x'), zeroblob(40) FROM c;
            """
        )
        #expect(SQLiteSource.Options().batchByteLimit == 64 << 20)
        let result = try readAll(try db.source(table: "t", .init(batchByteLimit: 1_000)))
        // 100 bytes per row: a batch closes once it holds 1 000 bytes.
        #expect(result.batches.map(\.rowCount) == [10, 10, 10, 10, 10, 10, 10, 10, 10, 5])
        #expect(result.rowCount == 95)
    }

    @Test func emptyResultsHaveASchemaAndNoBatches() throws {
        let db = try TestDatabase("CREATE TABLE t(a INTEGER, b DATE, c);")
        let reader = try try db.source(table: "t").makeReader()
        #expect(reader.schema.fields.map(\.type) == [.int64, .date, .string])
        #expect(try reader.next() == nil)
        reader.close()
        #expect(try reader.next() == nil)
        let query = try db.source(query: "SELECT a, 1 + 1 AS two FROM t").makeReader()
        #expect(query.schema.fields.map(\.type) == [.int64, .string])
        #expect(try query.next() == nil)
    }

    @Test func closeStopsEarly() throws {
        let reader = try SQLiteSource(
            path: ":memory:",
            query: """
                WITH RECURSIVE c(x) AS (VALUES(1) UNION ALL SELECT x + 1 FROM c WHERE x < 1000000) SELECT x FROM c
                """,
            options: .init(batchRowCount: 1_000)
        ).makeReader()
        #expect(try reader.next()?.rowCount == 1_000)
        #expect(try reader.next()?.rowCount == 1_000)
        reader.close()
        #expect(try reader.next() == nil)
    }

    /// 2M generated rows (~430 MB of column data if they were all held) stream through with a
    /// flat peak RSS. A light check, not a benchmark; the margin is wide because other suites
    /// run in the same process at the same time.
    @Test func memoryStaysFlatOverTwoMillionRows() throws {
        let rows = 2_000_000
        let source = SQLiteSource(
            path: ":memory:",
            query: """
                WITH RECURSIVE c(x) AS (VALUES(1) UNION ALL SELECT x + 1 FROM c WHERE x < \(rows))
                SELECT x AS id, printf('%0200d', x) AS padded, x * 0.5 AS half FROM c
                """
        )
        let baseline = ProcessMemory.residentKiB()
        ProcessMemory.resetPeak()
        let reader = try source.makeReader()
        var count = 0
        var idSum: Int64 = 0
        var textBytes = 0
        while let batch = try reader.next() {
            #expect(batch.rowCount <= ColumnBatch.defaultRowCount)
            count += batch.rowCount
            if case .int64(let ids) = batch.columns[0].values { idSum &+= ids.reduce(0, &+) }
            if case .bytes(let text) = batch.columns[1].values { textBytes += text.data.count }
        }
        reader.close()
        let peak = ProcessMemory.peakKiB()
        #expect(count == rows)
        #expect(idSum == Int64(rows) * Int64(rows + 1) / 2)
        #expect(textBytes == rows * 200)
        let growthMiB = (peak - baseline) / 1024
        #expect(growthMiB < 160, "peak RSS grew by \(growthMiB) MiB while streaming \(rows) rows")
    }

    /// The shared dataset: schema, and sums/counts/hashes compared with Python's sqlite3 module.
    @Test func sharedDatasetMatchesPython() throws {
        let path = try TestEnvironment.benchDataset(rows: 100_000).path
        let reader = try SQLiteSource(path: path, table: "orders_bench").makeReader()
        defer { reader.close() }
        let fields = reader.schema.fields
        let expectedFields: [Field] = [
            Field("order_id", .int64, nullable: false), Field("customer_id", .int64, nullable: false),
            Field("order_date", .date, nullable: false),
            Field("order_ts", .timestamp(.microseconds, isAdjustedToUTC: false), nullable: false),
            Field("status", .string, nullable: false), Field("channel", .string, nullable: false),
            Field("product_name", .string, nullable: false), Field("quantity", .int64, nullable: false),
            Field("unit_price", .double, nullable: false), Field("discount", .double, nullable: true),
            Field("is_gift", .bool, nullable: false), Field("notes", .string, nullable: true),
        ]
        #expect(fields == expectedFields)

        var totals = DatasetTotals()
        while let batch = try reader.next() { totals.add(batch) }

        let python = try run(TestEnvironment.python, ["-c", DatasetTotals.pythonScript, path])
        try #require(python.status == 0, "\(python.output)")
        var expected: [String: String] = [:]
        for line in python.stdout.split(separator: "\n") {
            let parts = line.split(separator: "=", maxSplits: 1)
            if parts.count == 2 { expected[String(parts[0])] = String(parts[1]) }
        }
        #expect(totals.summary == expected)
        #expect(totals.summary["rows"] == "100000")
    }
}

/// What ``SQLiteBatchReaderTests/sharedDatasetMatchesPython()`` computes on both sides.
struct DatasetTotals {
    var rows = 0
    var quantity: Int64 = 0
    var notesNull = 0
    var notesEmpty = 0
    var notesValue = 0
    var discountCount = 0
    var gifts = 0
    var days: Int64 = 0
    var micros: UInt64 = 0
    var priceSum = 0.0
    var textHash = FNV1a()

    mutating func add(_ batch: ColumnBatch) {
        let c = batch.columns
        guard case .int64(let quantities) = c[7].values, case .int32(let dates) = c[2].values,
            case .int64(let stamps) = c[3].values, case .double(let prices) = c[8].values,
            case .bool(let isGift) = c[10].values, case .bytes(let names) = c[6].values,
            case .bytes(let notes) = c[11].values
        else { return }
        for row in 0..<batch.rowCount {
            rows += 1
            quantity += quantities[row]
            days += Int64(dates[row])
            micros = micros &+ UInt64(bitPattern: stamps[row])
            priceSum += prices[row]
            if isGift[row] { gifts += 1 }
            if !c[9].isNull(row) { discountCount += 1 }
            names.withBytes(at: row) { textHash.add($0) }
            textHash.add(byte: 0)
            if c[11].isNull(row) {
                notesNull += 1
                textHash.add(byte: 1)
            } else {
                notes.withBytes(at: row) { bytes in
                    if bytes.isEmpty { notesEmpty += 1 } else { notesValue += 1 }
                    textHash.add(bytes)
                }
                textHash.add(byte: 0)
            }
        }
    }

    var summary: [String: String] {
        [
            "rows": "\(rows)", "quantity": "\(quantity)", "notes_null": "\(notesNull)", "notes_empty": "\(notesEmpty)",
            "notes_value": "\(notesValue)", "discount_count": "\(discountCount)", "gifts": "\(gifts)",
            "days": "\(days)",
            "micros": "\(micros)", "price_sum": priceSum.description, "text_hash": "\(textHash.value)",
        ]
    }

    /// The same computation with Python's sqlite3 and datetime modules (rows in rowid order).
    static let pythonScript = #"""
        import sqlite3, sys, datetime
        con = sqlite3.connect(sys.argv[1])
        con.text_factory = bytes
        epoch_day = datetime.date(1970, 1, 1)
        epoch = datetime.datetime(1970, 1, 1)
        t = dict(rows=0, quantity=0, notes_null=0, notes_empty=0, notes_value=0, discount_count=0, gifts=0, days=0, micros=0)
        price = 0.0
        h = 0xcbf29ce484222325
        def feed(h, data):
            for b in data:
                h = ((h ^ b) * 0x100000001b3) & 0xFFFFFFFFFFFFFFFF
            return h
        for (q, d, ts, p, disc, gift, name, note) in con.execute(
                "SELECT quantity, order_date, order_ts, unit_price, discount, is_gift, product_name, notes FROM orders_bench ORDER BY rowid"):
            t["rows"] += 1
            t["quantity"] += q
            t["days"] += (datetime.date.fromisoformat(d.decode()) - epoch_day).days
            delta = datetime.datetime.fromisoformat(ts.decode()) - epoch
            t["micros"] = (t["micros"] + (delta.days * 86400 + delta.seconds) * 1000000 + delta.microseconds) % (1 << 64)
            price += p
            t["gifts"] += 1 if gift == 1 else 0
            t["discount_count"] += disc is not None
            h = feed(h, name + b"\0")
            if note is None:
                t["notes_null"] += 1
                h = feed(h, b"\1")
            else:
                t["notes_empty" if note == b"" else "notes_value"] += 1
                h = feed(h, note + b"\0")
        for k, v in t.items():
            print(f"{k}={v}")
        print(f"price_sum={price!r}")
        print(f"text_hash={h}")
        """#
}

/// 64-bit FNV-1a, the same on both sides of the dataset comparison.
struct FNV1a {
    private(set) var value: UInt64 = 0xcbf2_9ce4_8422_2325

    mutating func add(byte: UInt8) {
        value = (value ^ UInt64(byte)) &* 0x0000_0100_0000_01b3
    }

    mutating func add(_ bytes: UnsafeRawBufferPointer) {
        for byte in bytes { add(byte: byte) }
    }
}

/// Resident memory of this process, from /proc/self/status (Linux).
enum ProcessMemory {
    static func field(_ name: String) -> Int {
        guard let status = try? String(contentsOfFile: "/proc/self/status", encoding: .utf8) else { return 0 }
        for line in status.split(separator: "\n") where line.hasPrefix(name + ":") {
            return Int(line.split(separator: " ").dropFirst().first ?? "") ?? 0
        }
        return 0
    }

    /// Current resident set size, KiB.
    static func residentKiB() -> Int { field("VmRSS") }

    /// Peak resident set size since start or since ``resetPeak()``, KiB.
    static func peakKiB() -> Int { field("VmHWM") }

    /// Resets the peak to the current RSS (`echo 5 > /proc/self/clear_refs`); without it the
    /// peak may include earlier tests, which can only make the check stricter.
    static func resetPeak() {
        try? "5".write(toFile: "/proc/self/clear_refs", atomically: false, encoding: .utf8)
    }
}
