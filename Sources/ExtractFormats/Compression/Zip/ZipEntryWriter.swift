import CExtractZlib
import ExtractCore

/// The sink for one entry of a ``ZipArchiveWriter``: it takes the entry's uncompressed bytes,
/// computes their CRC-32 and deflates them into the archive.
///
/// ``finish()`` ends the entry (its data descriptor), not the archive.
public final class ZipEntryWriter: ByteSink {
    /// The entry's name in the archive.
    public let name: String
    /// Uncompressed bytes written so far.
    public private(set) var uncompressedCount: UInt64 = 0

    private let archive: ZipArchiveWriter
    let record: ZipCentralRecord
    private let deflater: DeflateCompressor
    private var crc: uLong = crc32(0, nil, 0)
    private var isOpen = true

    init(archive: ZipArchiveWriter, name: String, record: ZipCentralRecord, deflater: DeflateCompressor) {
        self.archive = archive
        self.name = name
        self.record = record
        self.deflater = deflater
    }

    public func write(_ bytes: UnsafeRawBufferPointer) throws {
        guard isOpen else { throw ExtractError.sinkClosed("zip entry \(name)") }
        guard let base = bytes.baseAddress, !bytes.isEmpty else { return }
        var offset = 0
        while offset < bytes.count {
            let slice = min(bytes.count - offset, Int(UInt32.max))
            crc = crc32(crc, (base + offset).assumingMemoryBound(to: Bytef.self), uInt(slice))
            offset += slice
        }
        do {
            try deflater.write(bytes)
        } catch {
            isOpen = false
            throw error
        }
        uncompressedCount += UInt64(bytes.count)
    }

    /// Ends the entry: the rest of its deflate data and its data descriptor. The archive stays
    /// open for the next entry.
    public func finish() throws {
        guard isOpen else { throw ExtractError.sinkClosed("zip entry \(name)") }
        isOpen = false
        try archive.finishEntry(self, crc32: UInt32(truncatingIfNeeded: crc), uncompressedSize: uncompressedCount)
    }
}
