/// One data page as the column chunk writer recorded it (for the page index and the offsets).
struct DataPageRecord: Sendable {
    /// Header plus compressed payload.
    var byteCount: Int
    /// Index of the page's first row within the row group.
    var firstRowIndex: Int64
    var nullCount: Int64
    /// Whether every row of the page is NULL.
    var isNullPage: Bool
    var bounds: StatisticsBounds?
}

/// A finished column chunk held in memory until its row group is written: its pages (header +
/// compressed payload each, dictionary page first when there is one) and the metadata that
/// does not depend on where the chunk lands in the file.
struct EncodedColumnChunk: Sendable {
    var dictionaryPage: [UInt8]?
    var dataPages: [[UInt8]]
    var pageRecords: [DataPageRecord]
    var numValues: Int64
    var totalCompressedSize: Int64
    var totalUncompressedSize: Int64
    var encodings: [ParquetEncoding]
    var encodingStats: [ParquetPageEncodingStats]
    var statistics: ParquetStatistics
    /// The ColumnIndex, when page indexes are on and one may be written for this chunk.
    var columnIndex: ParquetColumnIndex?

    /// The column metadata once the chunk's first page lands at `offset`.
    func metaData(descriptor: ParquetColumnDescriptor, codec: ParquetCompressionCodec, at offset: Int64)
        -> ParquetColumnMetaData
    {
        let dictionaryOffset: Int64? = dictionaryPage == nil ? nil : offset
        let dataOffset = offset + Int64(dictionaryPage?.count ?? 0)
        return ParquetColumnMetaData(
            type: descriptor.physicalType,
            encodings: encodings,
            pathInSchema: [descriptor.field.name],
            codec: codec,
            numValues: numValues,
            totalUncompressedSize: totalUncompressedSize,
            totalCompressedSize: totalCompressedSize,
            keyValueMetadata: nil,
            dataPageOffset: dataOffset,
            dictionaryPageOffset: dictionaryOffset,
            statistics: statistics,
            encodingStats: encodingStats
        )
    }

    /// The OffsetIndex once the chunk's first page lands at `offset`.
    func offsetIndex(at offset: Int64) -> ParquetOffsetIndex {
        var position = offset + Int64(dictionaryPage?.count ?? 0)
        var locations: [ParquetPageLocation] = []
        locations.reserveCapacity(pageRecords.count)
        for record in pageRecords {
            locations.append(
                ParquetPageLocation(
                    offset: position,
                    compressedPageSize: Int32(record.byteCount),
                    firstRowIndex: record.firstRowIndex
                )
            )
            position += Int64(record.byteCount)
        }
        return ParquetOffsetIndex(pageLocations: locations)
    }
}
