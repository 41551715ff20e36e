import ExtractCore
import ExtractFormats
import ExtractTestSupport
import Foundation
import Testing

/// The nested record API on a Delta-checkpoint-shaped file written by pyarrow: structs with
/// NULL members, `map<string,string>`, `list<string>`, empty and NULL collections, across
/// several row groups and pages, in data page v1 and v2, with dictionary and PLAIN.
@Suite("Parquet nested records")
struct ParquetNestedRecordTests {
    static let script = #"""
        import sys, pyarrow as pa, pyarrow.parquet as pq
        dv = pa.struct([("storageType", pa.string()), ("pathOrInlineDv", pa.string()), ("offset", pa.int32()),
                        ("sizeInBytes", pa.int32()), ("cardinality", pa.int64())])
        add = pa.struct([("path", pa.string()), ("partitionValues", pa.map_(pa.string(), pa.string())),
                         ("size", pa.int64()), ("deletionVector", dv)])
        protocol = pa.struct([("minReaderVersion", pa.int32()), ("readerFeatures", pa.list_(pa.string()))])
        rows = []
        for i in range(300):
            if i % 3 == 0:
                rows.append({"add": None, "protocol": {"minReaderVersion": 3, "readerFeatures": [] if i % 2 else ["deletionVectors", f"f{i}"]}})
            elif i % 3 == 1:
                pv = [] if i % 7 == 0 else [("year", str(2000 + i % 5)), ("month", None if i % 5 == 0 else str(i % 12))]
                d = None if i % 2 else {"storageType": "u", "pathOrInlineDv": f"dv{i}", "offset": None if i % 4 == 1 else i, "sizeInBytes": 40, "cardinality": i}
                rows.append({"add": {"path": f"part-{i}.parquet", "partitionValues": pv, "size": i * 1000, "deletionVector": d}, "protocol": None})
            else:
                rows.append({"add": None, "protocol": {"minReaderVersion": 1, "readerFeatures": None}})
        t = pa.Table.from_pylist(rows, schema=pa.schema([("add", add), ("protocol", protocol)]))
        pq.write_table(t, sys.argv[1], row_group_size=128, data_page_size=512, data_page_version=sys.argv[2],
                       use_dictionary=sys.argv[3] == "dict", compression="snappy")
        """#

    /// The rows the script writes, built the same way.
    static func expected(_ i: Int) -> [ParquetValue] {
        func s(_ v: String) -> ParquetValue { .string(v) }
        if i % 3 == 0 {
            let features: [ParquetValue] = i % 2 == 1 ? [] : [s("deletionVectors"), s("f\(i)")]
            return [
                .null,
                .group([
                    .init(name: "minReaderVersion", value: .int32(3)),
                    .init(name: "readerFeatures", value: .list(features)),
                ]),
            ]
        }
        if i % 3 == 1 {
            let pv: [ParquetMapEntry] =
                i % 7 == 0
                ? []
                : [
                    .init(key: s("year"), value: s("\(2000 + i % 5)")),
                    .init(key: s("month"), value: i % 5 == 0 ? .null : s("\(i % 12)")),
                ]
            let dv: ParquetValue =
                i % 2 == 1
                ? .null
                : .group([
                    .init(name: "storageType", value: s("u")), .init(name: "pathOrInlineDv", value: s("dv\(i)")),
                    .init(name: "offset", value: i % 4 == 1 ? .null : .int32(Int32(i))),
                    .init(name: "sizeInBytes", value: .int32(40)),
                    .init(name: "cardinality", value: .int64(Int64(i))),
                ])
            return [
                .group([
                    .init(name: "path", value: s("part-\(i).parquet")), .init(name: "partitionValues", value: .map(pv)),
                    .init(name: "size", value: .int64(Int64(i) * 1000)), .init(name: "deletionVector", value: dv),
                ]), .null,
            ]
        }
        return [
            .null,
            .group([.init(name: "minReaderVersion", value: .int32(1)), .init(name: "readerFeatures", value: .null)]),
        ]
    }

    @Test(arguments: ["1.0", "2.0"], ["dict", "plain"])
    func checkpointShapedFileReadsAsTrees(pageVersion: String, dictionary: String) throws {
        let dir = try TemporaryDirectory("parquet-nested")
        defer { removeUnlessKept(dir) }
        let file = dir.file("checkpoint.parquet")
        let script = dir.file("make.py")
        try Self.script.write(to: script, atomically: true, encoding: .utf8)
        let result = try run(TestEnvironment.python, [script.path, file.path, pageVersion, dictionary])
        try #require(result.status == 0, "\(result.output)")

        let parquet = try ParquetFile(path: file.path, decompressors: BlockCodecs.decompressors)
        #expect(parquet.rowGroups.count == 3)
        let rows = try parquet.makeRecordReader(columns: ["add", "protocol"]).readAll()
        #expect(rows.count == 300)
        for (i, row) in rows.enumerated() {
            #expect(row == Self.expected(i), "row \(i)")
        }
        // Accessors the Delta reader uses.
        #expect(rows[1][0][field: "partitionValues"].mapValue.first?.value.stringValue == "2001")
        #expect(rows[0][1][field: "readerFeatures"].listValue.map(\.stringValue) == ["deletionVectors", "f0"])

        // Nested columns are refused by the flat reader, naming the column and its type.
        let error = try #require(throws: ExtractError.self) { _ = try parquet.makeBatchReader() }
        #expect(error.message.contains("'add'"))
        #expect(error.message.contains("struct<path:string,partitionValues:map<string,string>"))
        // Only one column, projected.
        let protocolOnly = try parquet.makeRecordReader(columns: ["protocol"]).readAll()
        #expect(protocolOnly.map { $0[0] } == rows.map { $0[1] })
    }
}
