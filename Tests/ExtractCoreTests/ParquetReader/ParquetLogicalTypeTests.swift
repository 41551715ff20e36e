import ExtractCore
import ExtractFormats
import ExtractTestSupport
import Foundation
import Testing

/// Every logical type the reader maps, in files written by pyarrow and DuckDB (and a pyarrow
/// file whose footer is patched to BSON and ENUM, which no Python writer here emits): the column
/// types are the documented mapping and every cell equals pyarrow's read of the same file.
@Suite("Parquet logical types", .serialized)
struct ParquetLogicalTypeTests {
    static let script = #"""
        import sys, struct, uuid, decimal, datetime as dt
        import pyarrow as pa, pyarrow.parquet as pq
        out, version, codec = sys.argv[1], sys.argv[2], sys.argv[3]
        n = 1000
        def opt(f):
            return [None if i % 11 == 3 else f(i) for i in range(n)]
        D = decimal.Decimal
        cols = {
            "i8": pa.array(opt(lambda i: (i % 256) - 128), pa.int8()),
            "i16": pa.array(opt(lambda i: i * 61 - 32768), pa.int16()),
            "u8": pa.array(opt(lambda i: 255 - i % 256), pa.uint8()),
            "u16": pa.array(opt(lambda i: 65535 - i), pa.uint16()),
            "u32": pa.array(opt(lambda i: 4294967295 - i), pa.uint32()),
            "u64": pa.array(opt(lambda i: 18446744073709551615 - i), pa.uint64()),
            "f16": pa.array(opt(lambda i: float(i) / 8 - 60), pa.float16()),
            "f32": pa.array(opt(lambda i: float("nan") if i == 5 else i / 3), pa.float32()),
            "f64": pa.array(opt(lambda i: -0.0 if i == 6 else i * 1e300 / 7), pa.float64()),
            "dec_int32": pa.array(opt(lambda i: D(i * 37 - 9999) / 100), pa.decimal128(7, 2)),
            "dec_int64": pa.array(opt(lambda i: D(i * 10**12 - 7) / 1000), pa.decimal128(15, 3)),
            "dec_flba": pa.array(opt(lambda i: D(-(10**25) + i * 10**22 + i) / 10**4), pa.decimal128(30, 4)),
            "dec38": pa.array(opt(lambda i: D(10**37 - i) / 10**10 * (1 if i % 2 else -1)), pa.decimal128(38, 10)),
            "date": pa.array(opt(lambda i: dt.date(1, 1, 1) + dt.timedelta(days=i * 3000)), pa.date32()),
            "time_ms": pa.array(opt(lambda i: dt.time(i % 24, i % 60, 7, 123000)), pa.time32("ms")),
            "time_us": pa.array(opt(lambda i: dt.time(23, 59, i % 60, i)), pa.time64("us")),
            "time_ns": pa.array(opt(lambda i: i * 86_399_999), pa.time64("ns")),
            "ts_ms_utc": pa.array(opt(lambda i: i * 10**12 - 5 * 10**14), pa.timestamp("ms", "UTC")),
            "ts_us_utc": pa.array(opt(lambda i: i * 10**14 - 6 * 10**16), pa.timestamp("us", "UTC")),
            "ts_ns_utc": pa.array(opt(lambda i: i * 10**15 - 9 * 10**17), pa.timestamp("ns", "UTC")),
            "ts_us_local": pa.array(opt(lambda i: i * 10**13), pa.timestamp("us")),
            "ts_ns_local": pa.array(opt(lambda i: i), pa.timestamp("ns")),
            "uuid": pa.array(opt(lambda i: uuid.UUID(int=i * 2**100 + i).bytes), pa.uuid()),
            "json": pa.array(opt(lambda i: '{"k": %d}' % i), pa.json_()),
            "text": pa.array(opt(lambda i: "é" * (i % 5) + str(i)), pa.large_string()),
            "bytes": pa.array(opt(lambda i: bytes([i % 256]) * (i % 4)), pa.binary()),
            "flba3": pa.array(opt(lambda i: bytes([i % 256, 1, 2])), pa.binary(3)),
            "dict": pa.array(opt(lambda i: "v%d" % (i % 7))).dictionary_encode(),
            "nothing": pa.nulls(n),
        }
        pq.write_table(pa.table(cols), out, version="2.6", data_page_version=version, compression=codec,
                       row_group_size=300, data_page_size=700, store_decimal_as_integer=True)
        """#

    /// The column types the reader must report for the script's columns.
    static let expectedTypes: [String: ColumnType] = [
        "i8": .int8, "i16": .int16, "u8": .int32, "u16": .int32, "u32": .int64,
        "u64": .decimal(precision: 20, scale: 0), "f16": .float, "f32": .float, "f64": .double,
        "dec_int32": .decimal(precision: 7, scale: 2), "dec_int64": .decimal(precision: 15, scale: 3),
        "dec_flba": .decimal(precision: 30, scale: 4), "dec38": .decimal(precision: 38, scale: 10), "date": .date,
        "time_ms": .time(.milliseconds), "time_us": .time(.microseconds), "time_ns": .time(.nanoseconds),
        "ts_ms_utc": .timestamp(.milliseconds, isAdjustedToUTC: true),
        "ts_us_utc": .timestamp(.microseconds, isAdjustedToUTC: true),
        "ts_ns_utc": .timestamp(.nanoseconds, isAdjustedToUTC: true),
        "ts_us_local": .timestamp(.microseconds, isAdjustedToUTC: false),
        "ts_ns_local": .timestamp(.nanoseconds, isAdjustedToUTC: false), "uuid": .string, "json": .string,
        "text": .string, "bytes": .binary, "flba3": .binary, "dict": .string, "nothing": .int32,
    ]

    static func checkAgainstPyarrow(_ url: URL, types: [String: ColumnType]) throws {
        let reference = try #require(try ParquetConformanceTests.pyarrow([url])[url.path]?.columns)
        let file = try ParquetFile(path: url.path, decompressors: BlockCodecs.decompressors)
        let names = reference.map(\.name)
        let schema = try file.schema(columns: names)
        for field in schema.fields {
            #expect(field.type == types[field.name], "\(url.lastPathComponent) column \(field.name): \(field.type)")
        }
        let ours = try ParquetConformanceTests.read(file, columns: names, batchRowCount: 256)
        for (c, column) in reference.enumerated() {
            #expect(ours[c] == column.values, "\(url.lastPathComponent) column \(column.name) (\(column.type ?? ""))")
        }
    }

    @Test(arguments: ["1.0", "2.0"], ["snappy", "brotli", "lz4", "zstd", "gzip", "none"])
    func everyLogicalTypeReadsLikePyarrow(pageVersion: String, codec: String) throws {
        let dir = try TemporaryDirectory("parquet-logical")
        defer { dir.remove() }
        let url = dir.file("types.parquet")
        let made = try run(TestEnvironment.python, ["-c", Self.script, url.path, pageVersion, codec])
        try #require(made.status == 0, "\(made.output)")
        try Self.checkAgainstPyarrow(url, types: Self.expectedTypes)
        let file = try ParquetFile(path: url.path, decompressors: BlockCodecs.decompressors)
        #expect(file.rowGroups.count == 4)
    }

    @Test func bsonAndEnumAnnotationsReadAsBinaryAndText() throws {
        let dir = try TemporaryDirectory("parquet-bson-enum")
        defer { dir.remove() }
        let url = dir.file("patched.parquet")
        // pyarrow writes two STRING columns; the footer's LogicalType union members are then
        // rewritten in place (STRING is field 1, ENUM 4, BSON 13), same length.
        let script = #"""
            import sys, struct, pyarrow as pa, pyarrow.parquet as pq
            t = pa.table({"b": pa.array(["\x05\x00", None, "x"]), "e": pa.array(["sad", "ok", None])})
            pq.write_table(t, sys.argv[1], store_schema=False)
            data = bytearray(open(sys.argv[1], "rb").read())
            start = len(data) - 8 - struct.unpack("<I", data[-8:-4])[0]
            pattern = bytes([0x4C, 0x1C, 0x00, 0x00])
            i = data.find(pattern, start); j = data.find(pattern, i + 4)
            assert i > 0 and j > 0
            data[i + 1] = 0xDC; data[j + 1] = 0x4C
            open(sys.argv[1], "wb").write(data)
            assert str(pq.ParquetFile(sys.argv[1]).schema).count("BSON") == 1
            """#
        let made = try run(TestEnvironment.python, ["-c", script, url.path])
        try #require(made.status == 0, "\(made.output)")
        try Self.checkAgainstPyarrow(url, types: ["b": .binary, "e": .string])
    }

    @Test func duckDBFilesReadAndIntervalIsRefusedByName() throws {
        let dir = try TemporaryDirectory("parquet-duckdb")
        defer { dir.remove() }
        let url = dir.file("duck.parquet")
        let script = #"""
            import sys, duckdb
            con = duckdb.connect()
            con.execute("CREATE TYPE mood AS ENUM ('sad', 'ok', 'happy')")
            con.execute(f"""COPY (SELECT i, (['sad','ok','happy'])[i % 3 + 1]::mood AS e,
                ('00000000-0000-0000-0000-' || lpad(i::VARCHAR, 12, '0'))::UUID AS u,
                ('{{"a":' || i || '}}')::JSON AS j, (i % 250)::UTINYINT AS ut, (i * 1.5)::DECIMAL(30,5) AS d30,
                (i * 3)::DECIMAL(9,2) AS d9, TIMESTAMP '2024-01-01' + INTERVAL (i) MINUTE AS ts,
                TIMESTAMPTZ '1500-01-01 00:00:00+00' + INTERVAL (i) DAY AS tstz, INTERVAL (i) DAY AS iv
                FROM range(5000) t(i)) TO '{sys.argv[1]}' (ROW_GROUP_SIZE 2048)""")
            """#
        let made = try run(TestEnvironment.python, ["-c", script, url.path])
        try #require(made.status == 0, "\(made.output)")
        let file = try ParquetFile(path: url.path, decompressors: BlockCodecs.decompressors)
        #expect {
            _ = try file.schema(columns: ["iv"])
        } throws: { error in
            let e = error as? ExtractError
            return e?.code == .unsupported && e?.message.contains("'iv'") == true
                && e?.message.contains("INTERVAL") == true
        }
        let reference = try #require(try ParquetConformanceTests.pyarrow([url])[url.path]?.columns)
        let names = reference.map(\.name).filter { $0 != "iv" }
        let ours = try ParquetConformanceTests.read(file, columns: names)
        for (c, name) in names.enumerated() {
            #expect(ours[c] == reference.first { $0.name == name }?.values, "column \(name)")
        }
        #expect(
            try file.schema(columns: ["e", "u", "j", "ut", "d30", "d9", "tstz"]).fields.map(\.type) == [
                .string, .string, .string, .int32, .decimal(precision: 30, scale: 5), .decimal(precision: 9, scale: 2),
                .timestamp(.microseconds, isAdjustedToUTC: true),
            ]
        )
    }
}
