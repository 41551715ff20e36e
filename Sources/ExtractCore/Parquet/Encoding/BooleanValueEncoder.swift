/// The state of a ``BooleanValueEncoder``.
///
/// Encodes BOOLEAN values PLAIN: one bit per value, least significant bit first. Never a
/// dictionary (no reader benefits from it).
struct BooleanEncoderState {
    private var bits: [UInt8] = []
    private var bitCount = 0
    private var pageFalse = false, pageTrue = false
    private var chunkFalse = false, chunkTrue = false

    var pageByteEstimate: Int { bits.count }
    var mustEndPage: Bool { false }

    mutating func append(_ values: UnsafeBufferPointer<Bool>, validity: ValidityBitmap?, rows: Range<Int>) -> Int {
        for row in rows {
            if let validity, !validity.isValid(row) { continue }
            let value = values[row]
            if bitCount & 7 == 0 { bits.append(0) }
            if value {
                bits[bits.count - 1] |= 1 << UInt8(bitCount & 7)
                pageTrue = true
            } else {
                pageFalse = true
            }
            bitCount += 1
        }
        return rows.upperBound
    }

    private static func bounds(hasFalse: Bool, hasTrue: Bool) -> StatisticsBounds? {
        guard hasFalse || hasTrue else { return nil }
        return StatisticsBounds(min: [hasFalse ? 0 : 1], max: [hasTrue ? 1 : 0])
    }

    mutating func finishPage(into body: inout [UInt8]) -> EncodedPageValues {
        body.append(contentsOf: bits)
        let result = EncodedPageValues(
            encoding: .plain,
            bounds: Self.bounds(hasFalse: pageFalse, hasTrue: pageTrue),
            nanCount: nil,
            onlyNaN: false
        )
        chunkFalse = chunkFalse || pageFalse
        chunkTrue = chunkTrue || pageTrue
        bits.removeAll(keepingCapacity: true)
        bitCount = 0
        pageFalse = false
        pageTrue = false
        return result
    }

    mutating func finishChunk() -> EncodedChunkValues {
        let result = EncodedChunkValues(
            dictionary: nil,
            bounds: Self.bounds(hasFalse: chunkFalse, hasTrue: chunkTrue),
            nanCount: nil
        )
        chunkFalse = false
        chunkTrue = false
        return result
    }

    func compareBounds(_ a: [UInt8], _ b: [UInt8]) -> Int { Int(a[0]) - Int(b[0]) }
}

/// The class face of ``BooleanEncoderState``: every call is one exclusive access to the state, so the
/// per-value loops inside run on a struct without dynamic exclusivity checks.
final class BooleanValueEncoder: ColumnValueEncoder {
    private var state: BooleanEncoderState

    init() {
        state = BooleanEncoderState()
    }

    var pageByteEstimate: Int { state.pageByteEstimate }
    var mustEndPage: Bool { state.mustEndPage }
    var dictionaryByteEstimate: Int { 0 }
    func append(_ values: UnsafeBufferPointer<Bool>, validity: ValidityBitmap?, rows: Range<Int>) -> Int {
        state.append(values, validity: validity, rows: rows)
    }
    func finishPage(into body: inout [UInt8]) -> EncodedPageValues { state.finishPage(into: &body) }
    func finishChunk() -> EncodedChunkValues { state.finishChunk() }
    func compareBounds(_ a: [UInt8], _ b: [UInt8]) -> Int { state.compareBounds(a, b) }
}
