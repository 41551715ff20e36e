/// Encodes INT32, INT64, FLOAT and DOUBLE values: dictionary (RLE_DICTIONARY pages over a PLAIN
/// dictionary page) while it pays and stays under its size limit, PLAIN otherwise.
struct FixedWidthEncoderState<T: ParquetFixedWidthValue> {
    private let policy: DictionaryPolicy
    private let isFloatingPoint: Bool

    // Chunk state.
    private var dictionary = FixedWidthDictionary<T>()
    private var useDictionary: Bool
    private var dictionaryUsed = false
    private var pagesInChunk = 0
    private var chunkMin: T? = nil
    private var chunkMax: T? = nil
    private var chunkNaN: Int64 = 0

    // Page state.
    private var indices: [UInt32] = []
    private var plain: [UInt8] = []
    private var pageMin: T? = nil
    private var pageMax: T? = nil
    private var pageNaN: Int64 = 0
    private var pageValues = 0
    private(set) var mustEndPage = false

    init(policy: DictionaryPolicy, isFloatingPoint: Bool) {
        self.policy = policy
        self.isFloatingPoint = isFloatingPoint
        self.useDictionary = policy.enabled
    }

    /// The page's encoded size so far. On the first page of a chunk the dictionary is still on
    /// trial: the page counts as the cheaper of PLAIN and dictionary + indices, which is what it
    /// will become, so that a page never grows past the page size before the decision.
    var pageByteEstimate: Int {
        if useDictionary {
            let indexBytes = 1 + (indices.count * Swift.max(1, bitLength(UInt64(dictionary.count))) + 7) / 8
            if pagesInChunk == 0 {
                return Swift.min(indices.count * T.byteWidth, dictionary.plainByteSize + indexBytes)
            }
            return indexBytes
        }
        return plain.count
    }

    /// The dictionary page's size once a data page used it (0 before and without one).
    var dictionaryByteEstimate: Int { dictionaryUsed ? dictionary.plainByteSize : 0 }

    /// Appends the non-NULL values of `rows` (`values[row]`, NULL rows skipped per `validity`).
    /// Returns the end of the rows consumed: fewer than asked when the page reached
    /// `pageByteLimit` or the dictionary its limit.
    mutating func append(
        _ values: UnsafeBufferPointer<T>,
        validity: ValidityBitmap?,
        rows: Range<Int>,
        pageByteLimit: Int
    ) -> Int {
        if useDictionary {
            for row in rows {
                if let validity, !validity.isValid(row) { continue }
                let value = values[row]
                indices.append(dictionary.index(of: value))
                observe(value)
                if dictionary.plainByteSize > policy.pageSizeLimit {
                    mustEndPage = true
                    return row + 1
                }
                // A first page on dictionary trial may still become PLAIN: keep it within the page size.
                if pagesInChunk == 0 && indices.count * T.byteWidth >= pageByteLimit
                    && pageByteEstimate >= pageByteLimit
                {
                    return row + 1
                }
            }
            return rows.upperBound
        }
        let room = Swift.max(1, (pageByteLimit - plain.count) / T.byteWidth)
        let end = Swift.min(rows.upperBound, rows.lowerBound + room)
        if validity == nil {
            let slice = UnsafeBufferPointer(rebasing: values[rows.lowerBound..<end])
            plain.append(contentsOf: UnsafeRawBufferPointer(slice))
            for value in slice { observe(value) }
        } else {
            for row in rows.lowerBound..<end where validity!.isValid(row) {
                let value = values[row]
                withUnsafeBytes(of: value) { plain.append(contentsOf: $0) }
                observe(value)
            }
        }
        return end
    }

    @inline(__always)
    private mutating func observe(_ value: T) {
        pageValues += 1
        if isFloatingPoint && value.isNaNValue {
            pageNaN += 1
            return
        }
        if let min = pageMin {
            if T.precedes(value, min) { pageMin = value }
            if T.precedes(pageMax!, value) { pageMax = value }
        } else {
            pageMin = value
            pageMax = value
        }
    }

    /// Whether the dictionary encoding of the first page is smaller than its PLAIN encoding.
    private var dictionaryPays: Bool {
        let plainSize = indices.count * T.byteWidth
        let indexSize = (indices.count * Swift.max(1, bitLength(UInt64(Swift.max(0, dictionary.count - 1)))) + 7) / 8
        return dictionary.plainByteSize + indexSize + 16 < plainSize
    }

    mutating func finishPage(into body: inout [UInt8]) -> EncodedPageValues {
        var encoding = ParquetEncoding.plain
        if useDictionary {
            if pagesInChunk == 0 && (mustEndPage || !dictionaryPays) {
                // Fall back before any page used the dictionary: the whole chunk is PLAIN.
                let entries = dictionary.values
                plain.removeAll(keepingCapacity: true)
                plain.reserveCapacity(indices.count * T.byteWidth)
                for index in indices {
                    withUnsafeBytes(of: entries[Int(index)]) { plain.append(contentsOf: $0) }
                }
                dictionary = FixedWidthDictionary<T>()
                useDictionary = false
                body.append(contentsOf: plain)
            } else {
                let width = Swift.max(1, bitLength(UInt64(Swift.max(0, dictionary.count - 1))))
                body.append(UInt8(width))
                indices.withUnsafeBufferPointer { RLEHybridEncoder.encode($0, bitWidth: width, into: &body) }
                encoding = .rleDictionary
                dictionaryUsed = true
                if mustEndPage { useDictionary = false }  // later pages of this chunk are PLAIN
            }
        } else {
            body.append(contentsOf: plain)
        }
        var bounds: StatisticsBounds? = nil
        if let min = pageMin, let max = pageMax {
            bounds = StatisticsBounds(min: min.asMinimumBound.plainBytes, max: max.asMaximumBound.plainBytes)
            if let cmin = chunkMin {
                if T.precedes(min, cmin) { chunkMin = min }
                if T.precedes(chunkMax!, max) { chunkMax = max }
            } else {
                chunkMin = min
                chunkMax = max
            }
        }
        let result = EncodedPageValues(
            encoding: encoding,
            bounds: bounds,
            nanCount: isFloatingPoint ? pageNaN : nil,
            onlyNaN: pageValues > 0 && pageNaN == Int64(pageValues)
        )
        chunkNaN += pageNaN
        pagesInChunk += 1
        indices.removeAll(keepingCapacity: true)
        plain.removeAll(keepingCapacity: true)
        pageMin = nil
        pageMax = nil
        pageNaN = 0
        pageValues = 0
        mustEndPage = false
        return result
    }

    mutating func finishChunk() -> EncodedChunkValues {
        var dictionaryPage: (body: [UInt8], count: Int)? = nil
        if dictionaryUsed {
            let entries = dictionary.values
            let body = entries.withUnsafeBytes { Array($0) }
            dictionaryPage = (body, entries.count)
        }
        var bounds: StatisticsBounds? = nil
        if let min = chunkMin, let max = chunkMax {
            bounds = StatisticsBounds(min: min.asMinimumBound.plainBytes, max: max.asMaximumBound.plainBytes)
        }
        let result = EncodedChunkValues(
            dictionary: dictionaryPage,
            bounds: bounds,
            nanCount: isFloatingPoint ? chunkNaN : nil
        )
        dictionary = FixedWidthDictionary<T>()
        useDictionary = policy.enabled
        dictionaryUsed = false
        pagesInChunk = 0
        chunkMin = nil
        chunkMax = nil
        chunkNaN = 0
        return result
    }

    func compareBounds(_ a: [UInt8], _ b: [UInt8]) -> Int {
        let x = a.withUnsafeBytes { $0.loadUnaligned(as: T.self) }
        let y = b.withUnsafeBytes { $0.loadUnaligned(as: T.self) }
        if T.precedes(x, y) { return -1 }
        if T.precedes(y, x) { return 1 }
        return 0
    }
}

/// The class face of ``FixedWidthEncoderState``: every call is one exclusive access to the state, so the
/// per-value loops inside run on a struct without dynamic exclusivity checks.
final class FixedWidthValueEncoder<T: ParquetFixedWidthValue>: ColumnValueEncoder {
    private var state: FixedWidthEncoderState<T>

    init(policy: DictionaryPolicy, isFloatingPoint: Bool) {
        state = FixedWidthEncoderState(policy: policy, isFloatingPoint: isFloatingPoint)
    }

    var pageByteEstimate: Int { state.pageByteEstimate }
    var mustEndPage: Bool { state.mustEndPage }
    var dictionaryByteEstimate: Int { state.dictionaryByteEstimate }
    func append(_ values: UnsafeBufferPointer<T>, validity: ValidityBitmap?, rows: Range<Int>, pageByteLimit: Int)
        -> Int
    {
        state.append(values, validity: validity, rows: rows, pageByteLimit: pageByteLimit)
    }
    func finishPage(into body: inout [UInt8]) -> EncodedPageValues { state.finishPage(into: &body) }
    func finishChunk() -> EncodedChunkValues { state.finishChunk() }
    func compareBounds(_ a: [UInt8], _ b: [UInt8]) -> Int { state.compareBounds(a, b) }
}
