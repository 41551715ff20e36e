/// A dictionary of fixed-width values keyed on their bit patterns (open addressing, linear
/// probing): maps each distinct value to its insertion index.
struct FixedWidthDictionary<T: ParquetFixedWidthValue> {
    /// The distinct values in insertion order (the dictionary page, PLAIN-encoded).
    private(set) var values: [T] = []
    private var keys: [UInt64] = []
    private var slots: [Int32]
    private var mask: Int
    private var shift: UInt64

    init() {
        slots = [Int32](repeating: -1, count: 1024)
        mask = 1023
        shift = 64 - 10
    }

    /// The number of entries.
    var count: Int { values.count }
    /// The size of the dictionary page before compression.
    var plainByteSize: Int { values.count * T.byteWidth }

    /// The index of `value`, inserting it when new.
    @inline(__always)
    mutating func index(of value: T) -> UInt32 {
        let key = value.dictionaryKey
        var slot = Int(truncatingIfNeeded: (key &* 0x9E37_79B9_7F4A_7C15) >> shift)
        while true {
            let entry = slots[slot]
            if entry < 0 { break }
            if keys[Int(entry)] == key { return UInt32(entry) }
            slot = (slot + 1) & mask
        }
        let index = Int32(values.count)
        slots[slot] = index
        values.append(value)
        keys.append(key)
        if values.count * 2 > slots.count { grow() }
        return UInt32(index)
    }

    private mutating func grow() {
        let capacity = slots.count * 2
        slots = [Int32](repeating: -1, count: capacity)
        mask = capacity - 1
        shift = UInt64(64 - capacity.trailingZeroBitCount)
        for (i, key) in keys.enumerated() {
            var slot = Int(truncatingIfNeeded: (key &* 0x9E37_79B9_7F4A_7C15) >> shift)
            while slots[slot] >= 0 { slot = (slot + 1) & mask }
            slots[slot] = Int32(i)
        }
    }
}
