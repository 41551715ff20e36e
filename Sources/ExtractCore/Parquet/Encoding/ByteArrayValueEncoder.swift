/// Encodes BYTE_ARRAY values (strings, binary) and FIXED_LEN_BYTE_ARRAY values (decimals over 18
/// digits): dictionary keyed on the exact bytes while it pays and stays under its size limit,
/// PLAIN otherwise. Statistics compare unsigned bytes (or, for FLBA decimals, signed big-endian
/// numbers) and long BYTE_ARRAY bounds are truncated.
struct ByteArrayEncoderState {
    private let policy: DictionaryPolicy
    /// The FLBA width, or nil for BYTE_ARRAY (PLAIN values then carry a 4-byte length).
    private let fixedLength: Int?
    /// Compare as big-endian two's complement (FLBA decimals) instead of unsigned bytes.
    private let signedOrder: Bool
    /// Keep truncated bounds valid UTF-8.
    private let isUTF8: Bool
    /// The longest bound written (64 bytes, as arrow-rs and polars do).
    private let truncateLength: Int

    // Chunk state.
    private var dictionary = ByteArrayDictionary()
    private var useDictionary: Bool
    private var dictionaryUsed = false
    private var pagesInChunk = 0
    private var chunkMin: [UInt8]? = nil
    private var chunkMax: [UInt8]? = nil
    /// Per dictionary entry, the serial of the last page that compared it for statistics.
    private var seenInPage: [UInt32] = []
    private var pageSerial: UInt32 = 1

    // Page state.
    private var indices: [UInt32] = []
    private var plain: [UInt8] = []
    private var pagePlainBytes = 0
    private var pageMin: [UInt8] = []
    private var pageMax: [UInt8] = []
    private var pageHasValues = false
    private(set) var mustEndPage = false

    init(policy: DictionaryPolicy, fixedLength: Int?, signedOrder: Bool, isUTF8: Bool, truncateLength: Int = 64) {
        self.policy = policy
        self.fixedLength = fixedLength
        self.signedOrder = signedOrder
        self.isUTF8 = isUTF8
        self.truncateLength = truncateLength
        self.useDictionary = policy.enabled
    }

    private var lengthPrefix: Int { fixedLength == nil ? 4 : 0 }

    private var dictionaryPlainSize: Int { dictionary.data.count + lengthPrefix * dictionary.count }

    /// The page's encoded size so far (on a chunk's first page: the cheaper of PLAIN and
    /// dictionary + indices, what the page will become).
    var pageByteEstimate: Int {
        if useDictionary {
            let indexBytes = 1 + (indices.count * Swift.max(1, bitLength(UInt64(dictionary.count))) + 7) / 8
            if pagesInChunk == 0 { return Swift.min(pagePlainBytes, dictionaryPlainSize + indexBytes) }
            return indexBytes
        }
        return plain.count
    }

    /// The dictionary page's size once a data page used it (0 before and without one).
    var dictionaryByteEstimate: Int { dictionaryUsed ? dictionaryPlainSize : 0 }

    /// Appends the non-NULL values of `rows` of `buffer`. Returns the end of the rows consumed:
    /// fewer than asked when the page reached `pageByteLimit` or the dictionary its limit.
    mutating func append(_ buffer: ByteArrayBuffer, validity: ValidityBitmap?, rows: Range<Int>, pageByteLimit: Int)
        -> Int
    {
        buffer.data.withUnsafeBytes { data in
            buffer.offsets.withUnsafeBufferPointer { offsets in
                appendValues(data: data, offsets: offsets, validity: validity, rows: rows, pageByteLimit: pageByteLimit)
            }
        }
    }

    private mutating func appendValues(
        data: UnsafeRawBufferPointer,
        offsets: UnsafeBufferPointer<Int32>,
        validity: ValidityBitmap?,
        rows: Range<Int>,
        pageByteLimit: Int
    ) -> Int {
        let prefix = lengthPrefix
        for row in rows {
            if let validity, !validity.isValid(row) { continue }
            let value = UnsafeRawBufferPointer(rebasing: data[Int(offsets[row])..<Int(offsets[row + 1])])
            pagePlainBytes += value.count + prefix
            if useDictionary {
                let index = dictionary.index(of: value)
                indices.append(index)
                let i = Int(index)
                if i == seenInPage.count { seenInPage.append(0) }
                if seenInPage[i] != pageSerial {
                    seenInPage[i] = pageSerial
                    observe(value)
                }
                if dictionaryPlainSize > policy.pageSizeLimit {
                    mustEndPage = true
                    return row + 1
                }
                // A first page on dictionary trial may still become PLAIN: keep it within the page size.
                if pagesInChunk == 0 && pagePlainBytes >= pageByteLimit && pageByteEstimate >= pageByteLimit {
                    return row + 1
                }
            } else {
                if prefix != 0 { plain.appendLittleEndian(UInt32(value.count)) }
                plain.append(contentsOf: value)
                observe(value)
                if plain.count >= pageByteLimit { return row + 1 }
            }
        }
        return rows.upperBound
    }

    @inline(__always)
    private mutating func observe(_ value: UnsafeRawBufferPointer) {
        if !pageHasValues {
            pageHasValues = true
            pageMin.removeAll(keepingCapacity: true)
            pageMin.append(contentsOf: value)
            pageMax.removeAll(keepingCapacity: true)
            pageMax.append(contentsOf: value)
            return
        }
        let signed = signedOrder
        if pageMin.withUnsafeBytes({ compareBytes(value, $0, signedFirstByte: signed) }) < 0 {
            pageMin.removeAll(keepingCapacity: true)
            pageMin.append(contentsOf: value)
        } else if pageMax.withUnsafeBytes({ compareBytes(value, $0, signedFirstByte: signed) }) > 0 {
            pageMax.removeAll(keepingCapacity: true)
            pageMax.append(contentsOf: value)
        }
    }

    private func compare(_ a: [UInt8], _ b: [UInt8]) -> Int {
        a.withUnsafeBytes { x in b.withUnsafeBytes { y in compareBytes(x, y, signedFirstByte: signedOrder) } }
    }

    func compareBounds(_ a: [UInt8], _ b: [UInt8]) -> Int { compare(a, b) }

    private func bounds(min: [UInt8], max: [UInt8]) -> StatisticsBounds {
        if fixedLength != nil { return StatisticsBounds(min: min, max: max) }
        let lower = StatisticsTruncation.lowerBound(min, limit: truncateLength, utf8: isUTF8)
        let upper = StatisticsTruncation.upperBound(max, limit: truncateLength, utf8: isUTF8)
        return StatisticsBounds(min: lower.bytes, max: upper.bytes, isMinExact: lower.exact, isMaxExact: upper.exact)
    }

    private var dictionaryPays: Bool {
        let indexSize = (indices.count * Swift.max(1, bitLength(UInt64(Swift.max(0, dictionary.count - 1)))) + 7) / 8
        return dictionaryPlainSize + indexSize + 16 < pagePlainBytes
    }

    private func appendDictionaryEntry(_ index: Int, to out: inout [UInt8]) {
        let start = dictionary.offsets[index], end = dictionary.offsets[index + 1]
        if fixedLength == nil { out.appendLittleEndian(UInt32(end - start)) }
        out.append(contentsOf: dictionary.data[start..<end])
    }

    mutating func finishPage(into body: inout [UInt8]) -> EncodedPageValues {
        var encoding = ParquetEncoding.plain
        if useDictionary {
            if pagesInChunk == 0 && (mustEndPage || !dictionaryPays) {
                // Fall back before any page used the dictionary: the whole chunk is PLAIN.
                body.reserveCapacity(body.count + pagePlainBytes)
                for index in indices { appendDictionaryEntry(Int(index), to: &body) }
                dictionary = ByteArrayDictionary()
                seenInPage.removeAll(keepingCapacity: true)
                useDictionary = false
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
        var pageBounds: StatisticsBounds? = nil
        if pageHasValues {
            pageBounds = bounds(min: pageMin, max: pageMax)
            if let cmin = chunkMin, let cmax = chunkMax {
                if compare(pageMin, cmin) < 0 { chunkMin = pageMin }
                if compare(pageMax, cmax) > 0 { chunkMax = pageMax }
            } else {
                chunkMin = pageMin
                chunkMax = pageMax
            }
        }
        pagesInChunk += 1
        pageSerial &+= 1
        if pageSerial == 0 {
            pageSerial = 1
            for i in seenInPage.indices { seenInPage[i] = 0 }
        }
        indices.removeAll(keepingCapacity: true)
        plain.removeAll(keepingCapacity: true)
        pagePlainBytes = 0
        pageHasValues = false
        mustEndPage = false
        return EncodedPageValues(encoding: encoding, bounds: pageBounds, nanCount: nil, onlyNaN: false)
    }

    mutating func finishChunk() -> EncodedChunkValues {
        var dictionaryPage: (body: [UInt8], count: Int)? = nil
        if dictionaryUsed {
            var body: [UInt8] = []
            body.reserveCapacity(dictionaryPlainSize)
            for i in 0..<dictionary.count { appendDictionaryEntry(i, to: &body) }
            dictionaryPage = (body, dictionary.count)
        }
        var chunkBounds: StatisticsBounds? = nil
        if let min = chunkMin, let max = chunkMax { chunkBounds = bounds(min: min, max: max) }
        dictionary = ByteArrayDictionary()
        seenInPage.removeAll(keepingCapacity: true)
        useDictionary = policy.enabled
        dictionaryUsed = false
        pagesInChunk = 0
        chunkMin = nil
        chunkMax = nil
        return EncodedChunkValues(dictionary: dictionaryPage, bounds: chunkBounds, nanCount: nil)
    }
}

/// The class face of ``ByteArrayEncoderState``: every call is one exclusive access to the state, so the
/// per-value loops inside run on a struct without dynamic exclusivity checks.
final class ByteArrayValueEncoder: ColumnValueEncoder {
    private var state: ByteArrayEncoderState

    init(policy: DictionaryPolicy, fixedLength: Int?, signedOrder: Bool, isUTF8: Bool, truncateLength: Int = 64) {
        state = ByteArrayEncoderState(
            policy: policy,
            fixedLength: fixedLength,
            signedOrder: signedOrder,
            isUTF8: isUTF8,
            truncateLength: truncateLength
        )
    }

    var pageByteEstimate: Int { state.pageByteEstimate }
    var mustEndPage: Bool { state.mustEndPage }
    var dictionaryByteEstimate: Int { state.dictionaryByteEstimate }
    func append(_ buffer: ByteArrayBuffer, validity: ValidityBitmap?, rows: Range<Int>, pageByteLimit: Int) -> Int {
        state.append(buffer, validity: validity, rows: rows, pageByteLimit: pageByteLimit)
    }
    func finishPage(into body: inout [UInt8]) -> EncodedPageValues { state.finishPage(into: &body) }
    func finishChunk() -> EncodedChunkValues { state.finishChunk() }
    func compareBounds(_ a: [UInt8], _ b: [UInt8]) -> Int { state.compareBounds(a, b) }
}
