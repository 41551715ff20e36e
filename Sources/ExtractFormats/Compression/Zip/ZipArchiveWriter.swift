import ExtractCore

/// Writes a ZIP archive (PKWARE APPNOTE 6.3) front to back onto a ``ByteSink``, usually an
/// `AtomicFile`: one archive per output file, or one archive holding several part files.
///
/// ```swift
/// let file = try AtomicFile(path: "orders.zip")
/// let zip = try ZipArchiveWriter(writingTo: file)
/// for part in parts {
///     let entry = try zip.beginEntry(name: part.name)
///     try entry.write(part.bytes)
///     try entry.finish()
/// }
/// try zip.finish()          // central directory; finishes (commits) the file
/// ```
///
/// - Entries are deflated (method 8) through zlib as raw deflate (`windowBits -15`) with the
///   CRC-32 from zlib's `crc32`. Nothing is ever seeked back: each local header has general
///   purpose flag bit 3 set and zero sizes, and a data descriptor (with signature) follows the
///   entry's data; the central directory at the end holds the real sizes.
/// - Names are UTF-8; bit 11 is set when a name is not plain ASCII.
/// - Zip64 is written where needed: for an entry whose sizes or local header offset reach
///   0xFFFFFFFF (a Zip64 extra field in its central directory record and 8-byte sizes in its
///   data descriptor), and the Zip64 end of central directory record and locator when there are
///   65535 entries or more or the central directory's size or offset reach 0xFFFFFFFF.
///   ``Zip64Mode/always`` uses Zip64 everywhere, including each local header (for tests and for
///   readers that expect it).
/// - Caveat of streaming: in ``Zip64Mode/automatic`` an entry does not know its size when its
///   local header is written, so an entry that grows past 4 GiB has no Zip64 extra field in its
///   local header (only in the central directory, which is what unzip, Python, 7-Zip and Java's
///   `ZipFile` read). Use `.always` if a streaming reader must handle entries over 4 GiB.
///
/// Why hand-written: ZIPFoundation 0.9.20 (the maintained Swift option) is Swift 5 language
/// mode, works on Foundation `Data` and `URL`, seeks back to patch local headers (so it cannot
/// write through our atomic, buffered sinks), and its zlib module is named `CZLib`, a clash risk
/// for the whole package graph (reference/swift_ecosystem.md §1 and §5). The format needed
/// for a streamed archive is small and fully specified, so we own it.
public final class ZipArchiveWriter {
    /// When to use Zip64 structures.
    public enum Zip64Mode: Sendable, Hashable {
        /// Only where a size, an offset or the entry count needs it.
        case automatic
        /// In every header and at the end, whatever the sizes (readable by every Zip64 reader).
        case always
    }

    /// The zlib level entries are deflated with (0...9).
    public let level: Int
    /// The Zip64 policy.
    public let zip64: Zip64Mode
    /// The timestamp of entries that do not give their own.
    public let modificationDate: DOSDateTime

    private let downstream: any ByteSink
    private var deflater: DeflateCompressor?
    private var records: [ZipCentralRecord] = []
    private var names: Set<[UInt8]> = []
    /// Bytes written to `downstream` so far: the offset of the next header.
    private var position: UInt64 = 0
    /// The entry being written (its identity and name; no strong reference, so an abandoned
    /// entry does not keep the archive alive).
    private var openEntry: (id: ObjectIdentifier, name: String)?
    private var isOpen = true

    /// Entries finished so far.
    public var entryCount: Int { records.count }
    /// Bytes of the archive written so far.
    public var byteCount: UInt64 { position }

    /// Starts an archive on `downstream`; nothing is written until the first entry.
    /// - Parameters:
    ///   - level: deflate level: minimum = 1, normal = 6, maximum = 9, or 0...9.
    ///   - zip64: when to use Zip64 structures (``Zip64Mode/automatic`` by default).
    ///   - modificationDate: the timestamp of entries that do not give their own (default: now, local time).
    /// - Throws: ``ExtractError`` (`invalidArgument`) for a level outside 0...9.
    public init(
        writingTo downstream: any ByteSink,
        level: CompressionLevel = .normal,
        zip64: Zip64Mode = .automatic,
        modificationDate: DOSDateTime = .now()
    ) throws {
        self.level = try level.resolved(for: "zip")
        self.zip64 = zip64
        self.modificationDate = modificationDate
        self.downstream = downstream
    }

    /// Starts the entry `name` and returns the sink for its uncompressed bytes. Finish that
    /// sink before the next entry or ``finish()``.
    ///
    /// - Parameters:
    ///   - name: the path inside the archive, with `/` between folders (UTF-8, at most 65535 bytes).
    ///   - modificationDate: the entry's timestamp (default: the archive's ``modificationDate``).
    /// - Throws: ``ExtractError`` (`invalidArgument`) for an empty, too long, absolute or duplicate
    ///   name or while another entry is open; `io` errors from the sink below.
    public func beginEntry(name: String, modificationDate: DOSDateTime? = nil) throws -> ZipEntryWriter {
        guard isOpen else { throw ExtractError.sinkClosed("zip") }
        if let openEntry {
            throw ExtractError(
                .invalidArgument,
                "finish the open ZIP entry before starting another",
                context: .init(value: openEntry.name)
            )
        }
        let nameBytes = Array(name.utf8)
        guard !nameBytes.isEmpty, nameBytes.count <= 0xFFFF else {
            throw ExtractError(
                .invalidArgument,
                "a ZIP entry name must have 1 to 65535 bytes",
                context: .init(value: name)
            )
        }
        guard nameBytes.first != UInt8(ascii: "/") else {
            throw ExtractError(
                .invalidArgument,
                "a ZIP entry name must be relative (no leading /)",
                context: .init(value: name)
            )
        }
        guard names.insert(nameBytes).inserted else {
            throw ExtractError(
                .invalidArgument,
                "the ZIP archive already has an entry with this name; give each part a different name",
                context: .init(value: name)
            )
        }

        let localZip64 = zip64 == .always
        var flags: UInt16 = 0x0008  // sizes and CRC in the data descriptor
        if nameBytes.contains(where: { $0 >= 0x80 }) { flags |= 0x0800 }  // UTF-8 name
        let record = ZipCentralRecord(
            name: nameBytes,
            flags: flags,
            modified: modificationDate ?? self.modificationDate,
            crc32: 0,
            compressedSize: 0,
            uncompressedSize: 0,
            localHeaderOffset: position,
            localZip64: localZip64
        )

        var header: [UInt8] = []
        header.reserveCapacity(30 + nameBytes.count + 20)
        header.appendLittleEndian(UInt32(0x0403_4B50))
        header.appendLittleEndian(UInt16(localZip64 ? 45 : 20))  // version needed to extract
        header.appendLittleEndian(flags)
        header.appendLittleEndian(UInt16(8))  // deflate
        header.appendLittleEndian(record.modified.time)
        header.appendLittleEndian(record.modified.date)
        header.appendLittleEndian(UInt32(0))  // CRC-32: in the data descriptor
        header.appendLittleEndian(UInt32(localZip64 ? 0xFFFF_FFFF : 0))  // compressed size
        header.appendLittleEndian(UInt32(localZip64 ? 0xFFFF_FFFF : 0))  // uncompressed size
        header.appendLittleEndian(UInt16(nameBytes.count))
        header.appendLittleEndian(UInt16(localZip64 ? 20 : 0))
        header.append(contentsOf: nameBytes)
        if localZip64 {
            // Zip64 extended information: both sizes, zero here (they follow in the descriptor).
            header.appendLittleEndian(UInt16(0x0001))
            header.appendLittleEndian(UInt16(16))
            header.appendLittleEndian(UInt64(0))
            header.appendLittleEndian(UInt64(0))
        }
        try writeOwn(header)

        let deflater: DeflateCompressor
        if let existing = self.deflater {
            try existing.reset()
            deflater = existing
        } else {
            deflater = try DeflateCompressor(
                format: .raw,
                level: level,
                downstream: downstream,
                finishesDownstream: false
            )
            self.deflater = deflater
        }
        let entry = ZipEntryWriter(archive: self, name: name, record: record, deflater: deflater)
        openEntry = (ObjectIdentifier(entry), name)
        return entry
    }

    /// Called by the open entry's `finish()`: ends its deflate data, writes its data descriptor
    /// and keeps its central directory record.
    func finishEntry(_ entry: ZipEntryWriter, crc32: UInt32, uncompressedSize: UInt64) throws {
        guard isOpen, openEntry?.id == ObjectIdentifier(entry), let deflater else {
            throw ExtractError.sinkClosed("zip entry")
        }
        do {
            try deflater.endStream()
        } catch {
            isOpen = false
            throw error
        }
        var record = entry.record
        record.crc32 = crc32
        record.uncompressedSize = uncompressedSize
        record.compressedSize = UInt64(deflater.outputCount)
        position += record.compressedSize

        let wideSizes =
            record.localZip64 || record.compressedSize >= 0xFFFF_FFFF || record.uncompressedSize >= 0xFFFF_FFFF
        var descriptor: [UInt8] = []
        descriptor.appendLittleEndian(UInt32(0x0807_4B50))
        descriptor.appendLittleEndian(crc32)
        if wideSizes {
            descriptor.appendLittleEndian(record.compressedSize)
            descriptor.appendLittleEndian(record.uncompressedSize)
        } else {
            descriptor.appendLittleEndian(UInt32(record.compressedSize))
            descriptor.appendLittleEndian(UInt32(record.uncompressedSize))
        }
        try writeOwn(descriptor)
        records.append(record)
        openEntry = nil
    }

    /// Writes the central directory and the end records, then finishes the sink below (which
    /// commits an `AtomicFile`). An archive with no entries is valid (an empty ZIP).
    /// - Throws: ``ExtractError`` (`invalidArgument`) while an entry is still open.
    public func finish() throws {
        guard isOpen else { throw ExtractError.sinkClosed("zip") }
        if let openEntry {
            throw ExtractError(
                .invalidArgument,
                "finish the open ZIP entry before finishing the archive",
                context: .init(value: openEntry.name)
            )
        }
        let centralStart = position
        var buffer: [UInt8] = []
        buffer.reserveCapacity(1 << 20)
        for record in records {
            appendCentralRecord(record, to: &buffer)
            if buffer.count >= 1 << 20 {
                try writeOwn(buffer)
                buffer.removeAll(keepingCapacity: true)
            }
        }
        try writeOwn(buffer)
        buffer.removeAll(keepingCapacity: true)
        let centralSize = position - centralStart
        let count = UInt64(records.count)

        let needsZip64 =
            zip64 == .always || count >= 0xFFFF || centralSize >= 0xFFFF_FFFF || centralStart >= 0xFFFF_FFFF
        if needsZip64 {
            let zip64RecordOffset = position
            buffer.appendLittleEndian(UInt32(0x0606_4B50))
            buffer.appendLittleEndian(UInt64(44))  // size of the rest of this record
            buffer.appendLittleEndian(UInt16(0x032D))  // made by: Unix, 4.5
            buffer.appendLittleEndian(UInt16(45))  // needed: 4.5
            buffer.appendLittleEndian(UInt32(0))  // this disk
            buffer.appendLittleEndian(UInt32(0))  // disk with the central directory
            buffer.appendLittleEndian(count)  // entries on this disk
            buffer.appendLittleEndian(count)  // entries in total
            buffer.appendLittleEndian(centralSize)
            buffer.appendLittleEndian(centralStart)
            // Zip64 end of central directory locator.
            buffer.appendLittleEndian(UInt32(0x0706_4B50))
            buffer.appendLittleEndian(UInt32(0))  // disk with the Zip64 record
            buffer.appendLittleEndian(zip64RecordOffset)
            buffer.appendLittleEndian(UInt32(1))  // disks in total
        }
        buffer.appendLittleEndian(UInt32(0x0605_4B50))
        buffer.appendLittleEndian(UInt16(0))  // this disk
        buffer.appendLittleEndian(UInt16(0))  // disk with the central directory
        let shortCount = needsZip64 && (zip64 == .always || count >= 0xFFFF) ? 0xFFFF : UInt16(count)
        buffer.appendLittleEndian(shortCount)
        buffer.appendLittleEndian(shortCount)
        buffer.appendLittleEndian(
            needsZip64 && (zip64 == .always || centralSize >= 0xFFFF_FFFF) ? 0xFFFF_FFFF : UInt32(centralSize)
        )
        buffer.appendLittleEndian(
            needsZip64 && (zip64 == .always || centralStart >= 0xFFFF_FFFF) ? 0xFFFF_FFFF : UInt32(centralStart)
        )
        buffer.appendLittleEndian(UInt16(0))  // comment length
        try writeOwn(buffer)
        isOpen = false
        deflater = nil
        try downstream.finish()
    }

    private func appendCentralRecord(_ record: ZipCentralRecord, to buffer: inout [UInt8]) {
        let always = zip64 == .always
        let wideUncompressed = always || record.uncompressedSize >= 0xFFFF_FFFF
        let wideCompressed = always || record.compressedSize >= 0xFFFF_FFFF
        let wideOffset = always || record.localHeaderOffset >= 0xFFFF_FFFF
        let extraCount = (wideUncompressed ? 8 : 0) + (wideCompressed ? 8 : 0) + (wideOffset ? 8 : 0)
        let usesZip64 = record.localZip64 || extraCount > 0

        buffer.appendLittleEndian(UInt32(0x0201_4B50))
        buffer.appendLittleEndian(UInt16(0x032D))  // made by: Unix, 4.5
        buffer.appendLittleEndian(UInt16(usesZip64 ? 45 : 20))
        buffer.appendLittleEndian(record.flags)
        buffer.appendLittleEndian(UInt16(8))
        buffer.appendLittleEndian(record.modified.time)
        buffer.appendLittleEndian(record.modified.date)
        buffer.appendLittleEndian(record.crc32)
        buffer.appendLittleEndian(wideCompressed ? 0xFFFF_FFFF : UInt32(record.compressedSize))
        buffer.appendLittleEndian(wideUncompressed ? 0xFFFF_FFFF : UInt32(record.uncompressedSize))
        buffer.appendLittleEndian(UInt16(record.name.count))
        buffer.appendLittleEndian(UInt16(extraCount > 0 ? 4 + extraCount : 0))
        buffer.appendLittleEndian(UInt16(0))  // comment length
        buffer.appendLittleEndian(UInt16(0))  // disk number start
        buffer.appendLittleEndian(UInt16(0))  // internal attributes
        buffer.appendLittleEndian(UInt32(0o100644) << 16)  // external attributes: regular file, rw-r--r--
        buffer.appendLittleEndian(wideOffset ? 0xFFFF_FFFF : UInt32(record.localHeaderOffset))
        buffer.append(contentsOf: record.name)
        if extraCount > 0 {
            // Zip64 extended information, fields in the order the APPNOTE fixes.
            buffer.appendLittleEndian(UInt16(0x0001))
            buffer.appendLittleEndian(UInt16(extraCount))
            if wideUncompressed { buffer.appendLittleEndian(record.uncompressedSize) }
            if wideCompressed { buffer.appendLittleEndian(record.compressedSize) }
            if wideOffset { buffer.appendLittleEndian(record.localHeaderOffset) }
        }
    }

    /// Writes archive structures (not entry data) and advances ``position``.
    private func writeOwn(_ bytes: [UInt8]) throws {
        guard !bytes.isEmpty else { return }
        do {
            try downstream.write(bytes)
        } catch {
            isOpen = false
            throw error
        }
        position += UInt64(bytes.count)
    }
}
