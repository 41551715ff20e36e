import ExtractCore
import Testing

@Suite struct ColumnBatchTests {
    @Test func builderKeepsValuesAndNulls() {
        var builder = ColumnBuilder(type: .int64)
        builder.append(Int64(1))
        builder.appendNull()
        builder.append(Int64(3))
        let column = builder.finish()
        #expect(column.count == 3)
        #expect(column.nullCount == 1)
        #expect(column.isNull(1))
        #expect(!column.isNull(0) && !column.isNull(2))
        #expect(column.values == .int64([1, 0, 3]))
        #expect(builder.count == 0, "finish() starts an empty column")
    }

    @Test func columnWithoutNullsHasNoBitmap() {
        var builder = ColumnBuilder(type: .string)
        builder.append(string: "a")
        builder.append(string: "")
        let column = builder.finish()
        #expect(column.validity == nil)
        guard case .bytes(let buffer) = column.values else {
            Issue.record("strings must be stored as bytes")
            return
        }
        #expect(buffer.offsets == [0, 1, 1])
        #expect(buffer.data == Array("a".utf8))
    }

    @Test func stringBytesAreNotNormalised() {
        // Precomposed and decomposed "é" are equal as Swift Strings but must stay different bytes.
        var builder = ColumnBuilder(type: .string)
        builder.append(string: "Caf\u{E9}")
        builder.append(string: "Cafe\u{301}")
        guard case .bytes(let buffer) = builder.finish().values else { return }
        #expect(Array(buffer.data[buffer.range(at: 0)]) == [0x43, 0x61, 0x66, 0xC3, 0xA9])
        #expect(Array(buffer.data[buffer.range(at: 1)]) == [0x43, 0x61, 0x66, 0x65, 0xCC, 0x81])
    }

    @Test func sliceKeepsRowsAndValidity() {
        var ids = ColumnBuilder(type: .int32)
        var names = ColumnBuilder(type: .string)
        for i in 0..<10 {
            ids.append(Int32(i))
            if i % 3 == 0 { names.appendNull() } else { names.append(string: "n\(i)") }
        }
        let schema = Schema([Field("id", .int32, nullable: false), Field("name", .string)])
        let batch = ColumnBatch(schema: schema, columns: [ids.finish(), names.finish()])
        let part = batch.slice(4..<8)
        #expect(part.rowCount == 4)
        #expect(part.columns[0].values == .int32([4, 5, 6, 7]))
        #expect(part.columns[1].isNull(2))  // row 6
        #expect(part.columns[1].nullCount == 1)
        guard case .bytes(let buffer) = part.columns[1].values else { return }
        #expect(Array(buffer.data[buffer.range(at: 0)]) == Array("n4".utf8))
    }
}
