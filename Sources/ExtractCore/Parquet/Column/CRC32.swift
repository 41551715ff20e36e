/// CRC-32 (IEEE 802.3, polynomial 0x04C11DB7 reflected as 0xEDB88320), the checksum Parquet page
/// headers carry: the same as zlib's `crc32`. Slicing-by-8 tables, pure Swift.
enum CRC32 {
    private static let tables: [[UInt32]] = {
        var tables = [[UInt32]](repeating: [UInt32](repeating: 0, count: 256), count: 8)
        for i in 0..<256 {
            var c = UInt32(i)
            for _ in 0..<8 { c = c & 1 != 0 ? 0xEDB8_8320 ^ (c >> 1) : c >> 1 }
            tables[0][i] = c
        }
        for i in 0..<256 {
            for t in 1..<8 {
                let previous = tables[t - 1][i]
                tables[t][i] = (previous >> 8) ^ tables[0][Int(previous & 0xFF)]
            }
        }
        return tables
    }()

    /// The CRC-32 of `bytes`.
    static func checksum(_ bytes: UnsafeRawBufferPointer) -> UInt32 {
        var crc: UInt32 = 0xFFFF_FFFF
        let t = tables
        t[0].withUnsafeBufferPointer { t0 in
            t[1].withUnsafeBufferPointer { t1 in
                t[2].withUnsafeBufferPointer { t2 in
                    t[3].withUnsafeBufferPointer { t3 in
                        t[4].withUnsafeBufferPointer { t4 in
                            t[5].withUnsafeBufferPointer { t5 in
                                t[6].withUnsafeBufferPointer { t6 in
                                    t[7].withUnsafeBufferPointer { t7 in
                                        var i = 0
                                        let n = bytes.count
                                        while i + 8 <= n {
                                            let word = UInt64(
                                                littleEndian: bytes.loadUnaligned(fromByteOffset: i, as: UInt64.self)
                                            )
                                            let low = UInt32(truncatingIfNeeded: word) ^ crc
                                            let high = UInt32(truncatingIfNeeded: word >> 32)
                                            crc =
                                                t7[Int(low & 0xFF)] ^ t6[Int((low >> 8) & 0xFF)]
                                                ^ t5[Int((low >> 16) & 0xFF)] ^ t4[Int(low >> 24)]
                                                ^ t3[Int(high & 0xFF)] ^ t2[Int((high >> 8) & 0xFF)]
                                                ^ t1[Int((high >> 16) & 0xFF)] ^ t0[Int(high >> 24)]
                                            i += 8
                                        }
                                        while i < n {
                                            crc = t0[Int((crc ^ UInt32(bytes[i])) & 0xFF)] ^ (crc >> 8)
                                            i += 1
                                        }
                                    }
                                }
                            }
                        }
                    }
                }
            }
        }
        return crc ^ 0xFFFF_FFFF
    }
}
