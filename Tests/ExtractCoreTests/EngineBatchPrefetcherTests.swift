import ExtractCore
import Testing

@Suite struct EngineBatchPrefetcherTests {
    func ids(_ batch: ColumnBatch) -> [Int64] {
        guard case .int64(let v) = batch.columns[0].values else { return [] }
        return v
    }

    @Test func deliversEveryBatchInOrder() throws {
        let p = try BatchPrefetcher(source: FakeSource(rows: 1000, batchSize: 7), depth: 2)
        defer { p.close() }
        #expect(p.schema.fields.map(\.name) == ["id", "name"])
        var all: [Int64] = []
        while let b = try p.next() { all += ids(b) }
        #expect(all == (1...1000).map(Int64.init))
        #expect(try p.next() == nil)
    }

    @Test func rethrowsTheReaderErrorAfterTheBatchesBeforeIt() throws {
        let p = try BatchPrefetcher(source: FakeSource(rows: 100, batchSize: 10, failAtRow: 35), depth: 3)
        defer { p.close() }
        var rows = 0
        do {
            while let b = try p.next() { rows += b.rowCount }
            Issue.record("no error")
        } catch let e as ExtractError {
            #expect(e.message == "simulated read failure")
        }
        #expect(rows == 30)
    }

    @Test func closingEarlyStopsTheReader() throws {
        let p = try BatchPrefetcher(source: FakeSource(rows: 10_000_000, batchSize: 1000), depth: 2)
        _ = try p.next()
        p.close()
        p.close()
    }
}
