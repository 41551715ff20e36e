import ExtractCore

/// A ZIP archive holding exactly one entry, as a ``StreamCodec``: the "one archive per file"
/// case, usable wherever a stream compression is (`orders.csv` inside `orders.csv.zip`).
///
/// For an archive holding several part files use ``ZipArchiveWriter`` directly.
public struct ZipStreamCodec: StreamCodec {
    /// The name of the single entry (usually the output file name without `.zip`).
    public let entryName: String
    /// The deflate level (0...9).
    public let level: CompressionLevel
    /// The Zip64 policy.
    public let zip64: ZipArchiveWriter.Zip64Mode
    /// The entry's timestamp; `nil` means the time the compressor is made.
    public let modificationDate: DOSDateTime?

    /// Creates the codec.
    /// - Throws: ``ExtractError`` (`invalidArgument`) for a level outside 0...9 or an empty name.
    public init(
        entryName: String,
        level: CompressionLevel = .normal,
        zip64: ZipArchiveWriter.Zip64Mode = .automatic,
        modificationDate: DOSDateTime? = nil
    ) throws {
        _ = try level.resolved(for: "zip")
        guard !entryName.isEmpty else {
            throw ExtractError(.invalidArgument, "a ZIP entry name must not be empty")
        }
        self.entryName = entryName
        self.level = level
        self.zip64 = zip64
        self.modificationDate = modificationDate
    }

    public var name: String { "zip" }
    public var fileExtension: String { "zip" }

    public func makeCompressor(writingTo downstream: any ByteSink) throws -> any ByteSink {
        let archive = try ZipArchiveWriter(
            writingTo: downstream,
            level: level,
            zip64: zip64,
            modificationDate: modificationDate ?? .now()
        )
        return SingleEntrySink(archive: archive, entry: try archive.beginEntry(name: entryName))
    }

    /// Forwards to the entry; `finish()` ends the entry, then the archive.
    private final class SingleEntrySink: ByteSink {
        let archive: ZipArchiveWriter
        let entry: ZipEntryWriter

        init(archive: ZipArchiveWriter, entry: ZipEntryWriter) {
            self.archive = archive
            self.entry = entry
        }

        func write(_ bytes: UnsafeRawBufferPointer) throws { try entry.write(bytes) }

        func finish() throws {
            try entry.finish()
            try archive.finish()
        }
    }
}
