/// The definition levels of the page being built, for a flat optional column (max level 1):
/// 1 for a value, 0 for NULL.
///
/// Pages without NULLs are the common case: they are kept as a count and encoded as one RLE run,
/// without materialising a level per row.
struct DefinitionLevelBuffer {
    private var levels: [UInt32] = []
    private var materialized = false
    private var validPrefix = 0
    /// Rows in the page.
    private(set) var count = 0
    /// NULL rows in the page.
    private(set) var nullCount = 0

    /// Appends the levels of `rows` of a column with validity `validity` (nil: no NULLs).
    mutating func append(validity: ValidityBitmap?, rows: Range<Int>) {
        count += rows.count
        guard let validity else {
            if materialized {
                levels.append(contentsOf: repeatElement(1, count: rows.count))
            } else {
                validPrefix += rows.count
            }
            return
        }
        if !materialized {
            levels.reserveCapacity(Swift.max(1024, validPrefix + rows.count))
            levels.append(contentsOf: repeatElement(1, count: validPrefix))
            materialized = true
        }
        for row in rows {
            let valid = validity.isValid(row)
            levels.append(valid ? 1 : 0)
            if !valid { nullCount += 1 }
        }
    }

    /// Appends the V1 block: 4-byte little-endian length, then the RLE hybrid of the levels.
    func encode(into out: inout [UInt8]) {
        let lengthAt = out.count
        out.append(contentsOf: [0, 0, 0, 0])
        if materialized {
            levels.withUnsafeBufferPointer { RLEHybridEncoder.encode($0, bitWidth: 1, into: &out) }
        } else if count > 0 {
            out.appendVarint(UInt64(count) << 1)
            out.append(1)
        }
        let length = UInt32(out.count - lengthAt - 4)
        out[lengthAt] = UInt8(truncatingIfNeeded: length)
        out[lengthAt + 1] = UInt8(truncatingIfNeeded: length >> 8)
        out[lengthAt + 2] = UInt8(truncatingIfNeeded: length >> 16)
        out[lengthAt + 3] = UInt8(truncatingIfNeeded: length >> 24)
    }

    /// Empties the buffer for the next page.
    mutating func reset() {
        levels.removeAll(keepingCapacity: true)
        materialized = false
        validPrefix = 0
        count = 0
        nullCount = 0
    }
}
