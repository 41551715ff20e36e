/// What the central directory needs to know about one entry, kept until the archive ends
/// (about 60 bytes plus the name per entry).
struct ZipCentralRecord {
    var name: [UInt8]
    var flags: UInt16
    var modified: DOSDateTime
    var crc32: UInt32
    var compressedSize: UInt64
    var uncompressedSize: UInt64
    var localHeaderOffset: UInt64
    /// Whether the local header carried a Zip64 extra field (and the data descriptor 8-byte sizes).
    var localZip64: Bool
}
