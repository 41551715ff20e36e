/// The min/max of a page or chunk, already in their statistics form (PLAIN bytes, no length
/// prefix; long byte strings truncated).
struct StatisticsBounds: Sendable {
    var min: [UInt8]
    var max: [UInt8]
    var isMinExact: Bool = true
    var isMaxExact: Bool = true
}

/// What a value encoder hands back for a finished data page.
struct EncodedPageValues {
    /// The page's value encoding: PLAIN or RLE_DICTIONARY.
    var encoding: ParquetEncoding
    /// Bounds of the non-NULL, non-NaN values; nil when there are none.
    var bounds: StatisticsBounds?
    /// NaN values in the page (floating point only, else nil).
    var nanCount: Int64?
    /// Whether the page holds non-NULL values that are all NaN (no column index may then be written).
    var onlyNaN: Bool
}

/// What a value encoder hands back at the end of a column chunk.
struct EncodedChunkValues {
    /// The PLAIN dictionary page body and its entry count, when a data page used the dictionary.
    var dictionary: (body: [UInt8], count: Int)?
    var bounds: StatisticsBounds?
    var nanCount: Int64?
}

/// Encodes the non-NULL values of one column chunk into pages. One implementation per physical
/// type family; the ``ColumnChunkWriter`` adds levels, compression and headers.
protocol ColumnValueEncoder: AnyObject {
    /// Encoded bytes of the current page's values, estimated.
    var pageByteEstimate: Int { get }
    /// The dictionary page's size once a data page used it (for the row group size).
    var dictionaryByteEstimate: Int { get }
    /// Set when the page must end now (the dictionary just passed its size limit).
    var mustEndPage: Bool { get }
    /// Appends the page's encoded values to `body` and starts a new page.
    func finishPage(into body: inout [UInt8]) -> EncodedPageValues
    /// Ends the chunk and starts a new one (with a fresh dictionary).
    func finishChunk() -> EncodedChunkValues
    /// Compares two bounds in the column's sort order (for the ColumnIndex boundary order).
    func compareBounds(_ a: [UInt8], _ b: [UInt8]) -> Int
}

/// How a chunk's dictionary is tuned.
struct DictionaryPolicy: Sendable {
    var enabled: Bool
    /// The largest dictionary page (PLAIN bytes, before compression) before falling back to PLAIN.
    var pageSizeLimit: Int
}
