/// Entry points into the internal stages of the Parquet writer, for the micro-benchmarks in
/// `Benchmarks/` only (a separate package, which sees nothing `internal`). Reached with
/// `@_spi(Benchmarks) import ExtractCore`; not API: they follow the internals and may change
/// with them. Each runs a stage exactly as ``ParquetWriter`` does and returns a small number so
/// the optimiser cannot drop the work.
@_spi(Benchmarks)
public enum ParquetMicroBenchmarks {
    /// A footer (`FileMetaData`) shaped like the one ``ParquetWriter`` writes for `schema`:
    /// every column chunk with dictionary + data page encodings, encoding stats, 8-byte
    /// statistics and page index offsets, in `rowGroups` row groups.
    public struct Footer: Sendable {
        let metaData: ParquetFileMetaData

        /// Builds the footer (not timed by the benchmarks).
        public init(schema: Schema, rowGroups: Int, rowsPerGroup: Int) throws {
            let descriptors = try schema.fields.map { try ParquetColumnDescriptor(field: $0) }
            var offset: Int64 = 4
            var groups: [ParquetRowGroup] = []
            for g in 0..<rowGroups {
                var chunks: [ParquetColumnChunk] = []
                let groupStart = offset
                for (c, descriptor) in descriptors.enumerated() {
                    let size = Int64(200_000 + 37 * c + g)
                    let bound = (0..<8).map { UInt8(truncatingIfNeeded: $0 &* 31 &+ c &+ g) }
                    let stats = ParquetStatistics(
                        max: descriptor.isSignedOrder ? bound : nil,
                        min: descriptor.isSignedOrder ? bound : nil,
                        nullCount: Int64(c * 11),
                        distinctCount: nil,
                        maxValue: bound,
                        minValue: bound,
                        isMaxValueExact: true,
                        isMinValueExact: true,
                        nanCount: nil
                    )
                    let meta = ParquetColumnMetaData(
                        type: descriptor.physicalType,
                        encodings: [.plain, .rle, .rleDictionary],
                        pathInSchema: [descriptor.field.name],
                        codec: .snappy,
                        numValues: Int64(rowsPerGroup),
                        totalUncompressedSize: size * 2,
                        totalCompressedSize: size,
                        keyValueMetadata: nil,
                        dataPageOffset: offset + 1000,
                        dictionaryPageOffset: offset,
                        statistics: stats,
                        encodingStats: [
                            ParquetPageEncodingStats(pageType: .dictionaryPage, encoding: .plain, count: 1),
                            ParquetPageEncodingStats(
                                pageType: .dataPage,
                                encoding: .rleDictionary,
                                count: Int32(rowsPerGroup / 20_000 + 1)
                            ),
                        ]
                    )
                    chunks.append(
                        ParquetColumnChunk(
                            metaData: meta,
                            offsetIndexOffset: offset + 50_000_000,
                            offsetIndexLength: 900,
                            columnIndexOffset: offset + 40_000_000,
                            columnIndexLength: 1200
                        )
                    )
                    offset += size
                }
                groups.append(
                    ParquetRowGroup(
                        columns: chunks,
                        totalByteSize: (offset - groupStart) * 2,
                        numRows: Int64(rowsPerGroup),
                        fileOffset: groupStart,
                        totalCompressedSize: offset - groupStart,
                        ordinal: Int16(g)
                    )
                )
            }
            let root = ParquetSchemaElement(name: "schema", numChildren: Int32(descriptors.count))
            metaData = ParquetFileMetaData(
                version: 1,
                schema: [root] + descriptors.map(\.schemaElement),
                numRows: Int64(rowGroups * rowsPerGroup),
                rowGroups: groups,
                keyValueMetadata: [ParquetKeyValue(key: "writer", value: "swift-extract benchmark")],
                createdBy: ExtractVersion.createdBy,
                columnOrders: descriptors.map { _ in ParquetColumnOrder() }
            )
        }

        /// Thrift-compact-encodes the footer; returns its size in bytes.
        public func encode() -> Int { metaData.serialized().count }
    }

    /// Definition levels of `rows` rows with `validity`, page by page (`pageRows` rows each),
    /// buffered and RLE/bit-packed exactly as a data page does; returns the encoded bytes.
    public static func encodeDefinitionLevels(validity: ValidityBitmap?, rows: Int, pageRows: Int) -> Int {
        var buffer = DefinitionLevelBuffer()
        var out: [UInt8] = []
        out.reserveCapacity(rows / 4 + 64)
        var total = 0
        var start = 0
        while start < rows {
            let end = Swift.min(start + pageRows, rows)
            buffer.append(validity: validity, rows: start..<end)
            buffer.encode(into: &out)
            total += out.count
            out.removeAll(keepingCapacity: true)
            buffer.reset()
            start = end
        }
        return total
    }

    /// The RLE / bit-packed hybrid of `values` (each below `1 << bitWidth`), as used for
    /// dictionary indices; returns the encoded bytes.
    public static func encodeRLEHybrid(_ values: [UInt32], bitWidth: Int) -> Int {
        var out: [UInt8] = []
        out.reserveCapacity(values.count * bitWidth / 8 + 64)
        values.withUnsafeBufferPointer { RLEHybridEncoder.encode($0, bitWidth: bitWidth, into: &out) }
        return out.count
    }

    /// Looks every value of `values` up in a fresh byte-keyed dictionary (inserting new ones),
    /// as the BYTE_ARRAY dictionary encoder does; returns the number of distinct entries.
    public static func buildByteArrayDictionary(_ values: ByteArrayBuffer) -> Int {
        var dictionary = ByteArrayDictionary()
        var check: UInt32 = 0
        for i in 0..<values.count {
            check ^= values.withBytes(at: i) { dictionary.index(of: $0) }
        }
        return dictionary.count + Int(check & 1)
    }

    /// Looks every value of `values` up in a fresh fixed-width dictionary, as the INT64
    /// dictionary encoder does; returns the number of distinct entries.
    public static func buildInt64Dictionary(_ values: [Int64]) -> Int {
        var dictionary = FixedWidthDictionary<Int64>()
        var check: UInt32 = 0
        for value in values { check ^= dictionary.index(of: value) }
        return dictionary.count + Int(check & 1)
    }

    /// As ``buildInt64Dictionary(_:)`` for DOUBLE values.
    public static func buildDoubleDictionary(_ values: [Double]) -> Int {
        var dictionary = FixedWidthDictionary<Double>()
        var check: UInt32 = 0
        for value in values { check ^= dictionary.index(of: value) }
        return dictionary.count + Int(check & 1)
    }
}
