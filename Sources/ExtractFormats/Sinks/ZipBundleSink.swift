import ExtractCore
import SystemPackage

/// A ``ExtractCore/DataSink`` that writes every part of an extract as an entry of one ZIP
/// archive, committed atomically (or staged, see ``StagingDataSink``) with its SHA-256.
/// `makeEntry` starts the entry of part `n` and returns the writer that renders batches into it.
final class ZipBundleSink: StagingDataSink {
    private let file: AtomicFile
    private let hasher: HashingByteSink?
    private let zip: ZipArchiveWriter
    private var splitter: PartSplittingSink!
    private var entries: [EntrySink] = []
    private var result: OutputFile?
    private var isStaged = false

    init(
        path: String,
        level: CompressionLevel,
        modificationDate: DOSDateTime,
        maxRowsPerFile: Int?,
        hash: Bool,
        makeEntry: @escaping (ZipArchiveWriter, Int) throws -> any EntryWriter
    ) throws {
        file = try AtomicFile(path: FilePath(path))
        // Finishing the archive must not commit the file: stage() or finish() does that.
        let open = KeepOpenByteSink(file)
        hasher = hash ? HashingByteSink(open) : nil
        do {
            zip = try ZipArchiveWriter(writingTo: hasher ?? open, level: level, modificationDate: modificationDate)
        } catch {
            file.abort()
            throw error
        }
        let zip = self.zip
        splitter = PartSplittingSink(maxRowsPerFile: maxRowsPerFile) { [unowned self] part in
            let sink = EntrySink(try makeEntry(zip, part))
            self.entries.append(sink)
            return sink
        }
    }

    func write(_ batch: ColumnBatch) throws {
        try splitter.write(batch)
    }

    func finish() throws -> [OutputFile] {
        if let result { return [result] }
        let files = try StagedFile.publishAll(try stage())
        result = files[0]
        return files
    }

    func stage() throws -> [StagedFile] {
        guard !isStaged, result == nil else {
            throw ExtractError(.internal, "stage after finish", context: .init(path: file.path.string))
        }
        let temporary: FilePath
        do {
            _ = try splitter.finish()
            try zip.finish()
            temporary = try file.stage()
        } catch {
            file.abort()
            throw error
        }
        isStaged = true
        let rows = entries.reduce(Int64(0)) { $0 + $1.writer.rowCount }
        let uncompressed = entries.reduce(Int64(0)) { $0 + $1.writer.byteCount }
        let output = OutputFile(
            path: file.path.string,
            rows: rows,
            bytes: file.byteCount,
            uncompressedBytes: uncompressed,
            sha256: hasher?.digest.hexString
        )
        return [StagedFile(temporaryPath: temporary, file: output)]
    }

    func abort() {
        guard result == nil, !isStaged else { return }
        file.abort()
    }

    /// One entry: its writer; files are the archive's business, so it stages and reports none.
    final class EntrySink: StagingDataSink {
        let writer: any EntryWriter
        init(_ writer: any EntryWriter) { self.writer = writer }
        func write(_ batch: ColumnBatch) throws { try writer.write(batch) }
        func stage() throws -> [StagedFile] {
            try writer.finish()
            return []
        }
        func finish() throws -> [OutputFile] {
            _ = try stage()
            return []
        }
        func abort() {}
    }
}

/// What renders batches into one ZIP entry (a delimited or Parquet writer over the entry).
protocol EntryWriter: AnyObject {
    func write(_ batch: ColumnBatch) throws
    /// Finishes the entry (not the archive).
    func finish() throws
    var rowCount: Int64 { get }
    /// Bytes written into the entry (before deflate).
    var byteCount: Int64 { get }
}

extension DelimitedWriter: EntryWriter {}
