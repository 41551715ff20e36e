/// A dictionary of byte strings keyed on their exact bytes (never on Swift `String` equality:
/// a precomposed and a decomposed "é" are different entries). Open addressing, linear probing.
struct ByteArrayDictionary {
    /// The entries back to back, in insertion order.
    private(set) var data: [UInt8] = []
    /// `count + 1` offsets into ``data``.
    private(set) var offsets: [Int] = [0]
    private var hashes: [UInt64] = []
    private var slots: [Int32]
    private var mask: Int

    init() {
        slots = [Int32](repeating: -1, count: 1024)
        mask = 1023
    }

    /// The number of entries.
    var count: Int { hashes.count }

    /// The bytes of entry `index`.
    @inline(__always)
    func withEntry<R>(_ index: Int, _ body: (UnsafeRawBufferPointer) -> R) -> R {
        let start = offsets[index], end = offsets[index + 1]
        return data.withUnsafeBytes { body(UnsafeRawBufferPointer(rebasing: $0[start..<end])) }
    }

    /// The index of `bytes`, inserting them when new.
    @inline(__always)
    mutating func index(of bytes: UnsafeRawBufferPointer) -> UInt32 {
        let hash = Self.hash(bytes)
        var slot = Int(truncatingIfNeeded: hash) & mask
        while true {
            let entry = Int(slots[slot])
            if entry < 0 { break }
            if hashes[entry] == hash && equals(entry, bytes) { return UInt32(entry) }
            slot = (slot + 1) & mask
        }
        let index = hashes.count
        slots[slot] = Int32(index)
        data.append(contentsOf: bytes)
        offsets.append(data.count)
        hashes.append(hash)
        if hashes.count * 2 > slots.count { grow() }
        return UInt32(index)
    }

    @inline(__always)
    private func equals(_ entry: Int, _ bytes: UnsafeRawBufferPointer) -> Bool {
        let start = offsets[entry], end = offsets[entry + 1]
        guard end - start == bytes.count else { return false }
        if bytes.isEmpty { return true }
        return data.withUnsafeBytes { all in
            memcmpBytes(all.baseAddress! + start, bytes.baseAddress!, bytes.count) == 0
        }
    }

    private mutating func grow() {
        let capacity = slots.count * 2
        slots = [Int32](repeating: -1, count: capacity)
        mask = capacity - 1
        for (i, hash) in hashes.enumerated() {
            var slot = Int(truncatingIfNeeded: hash) & mask
            while slots[slot] >= 0 { slot = (slot + 1) & mask }
            slots[slot] = Int32(i)
        }
    }

    /// A fast 64-bit hash of a byte string (8 bytes per step, multiply-xorshift mixing).
    @inline(__always)
    static func hash(_ bytes: UnsafeRawBufferPointer) -> UInt64 {
        let m: UInt64 = 0x9E37_79B9_7F4A_7C15
        var h: UInt64 = UInt64(bytes.count) &* m ^ 0x2545_F491_4F6C_DD1D
        var i = 0
        let n = bytes.count
        while i + 8 <= n {
            let w = bytes.loadUnaligned(fromByteOffset: i, as: UInt64.self)
            h = (h ^ w) &* m
            h ^= h >> 29
            i += 8
        }
        if i < n {
            var w: UInt64 = 0
            var shift: UInt64 = 0
            while i < n {
                w |= UInt64(bytes[i]) << shift
                shift += 8
                i += 1
            }
            h = (h ^ w) &* m
            h ^= h >> 29
        }
        h = (h ^ (h >> 32)) &* 0xD6E8_FEB8_6659_FD93
        return h ^ (h >> 32)
    }
}
