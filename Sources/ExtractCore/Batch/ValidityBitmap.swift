/// One bit per row: set when the row holds a value, clear when it is NULL.
///
/// A ``Column`` without NULLs carries no bitmap at all (`validity == nil`), so the common
/// case costs nothing.
public struct ValidityBitmap: Sendable, Hashable {
    @usableFromInline var storage: [UInt64]
    @usableFromInline var rows: Int
    @usableFromInline var nulls: Int

    /// Bits, least significant first: row `i` is bit `i % 64` of word `i / 64`.
    @inlinable public var words: [UInt64] { storage }
    /// The number of rows covered.
    @inlinable public var count: Int { rows }
    /// The number of clear bits (NULL rows).
    @inlinable public var nullCount: Int { nulls }

    /// An empty bitmap with room for `capacity` rows.
    public init(minimumCapacity capacity: Int = 0) {
        storage = []
        storage.reserveCapacity((capacity + 63) / 64)
        rows = 0
        nulls = 0
    }

    /// A bitmap of `count` rows, all valid.
    public init(allValid count: Int) {
        storage = [UInt64](repeating: ~0, count: (count + 63) / 64)
        rows = count
        nulls = 0
    }

    /// Whether row `index` holds a value.
    @inlinable
    public func isValid(_ index: Int) -> Bool {
        storage[index &>> 6] & (1 &<< UInt64(index & 63)) != 0
    }

    /// Appends one row.
    @inlinable
    public mutating func append(_ valid: Bool) {
        let bit = rows & 63
        if bit == 0 { storage.append(0) }
        if valid {
            storage[storage.count - 1] |= 1 &<< UInt64(bit)
        } else {
            nulls += 1
        }
        rows += 1
    }

    /// The rows `range` as a new bitmap.
    public func slice(_ range: Range<Int>) -> ValidityBitmap {
        var result = ValidityBitmap(minimumCapacity: range.count)
        for i in range { result.append(isValid(i)) }
        return result
    }
}
