import ExtractCore
import SystemPackage

/// A ``ExtractCore/DataSink`` that writes every part of an extract as an entry of one ZIP
/// archive, committed atomically with its SHA-256. `makeEntry` starts the entry of part `n`
/// and returns the writer that renders batches into it.
final class ZipBundleSink: DataSink {
    private let file: AtomicFile
    private let hasher: HashingByteSink?
    private let zip: ZipArchiveWriter
    private var splitter: PartSplittingSink!
    private var entries: [EntrySink] = []
    private var result: OutputFile?

    init(path: String, level: CompressionLevel, maxRowsPerFile: Int?, hash: Bool,
         makeEntry: @escaping (ZipArchiveWriter, Int) throws -> any EntryWriter) throws {
        file = try AtomicFile(path: FilePath(path))
        hasher = hash ? HashingByteSink(file) : nil
        do {
            zip = try ZipArchiveWriter(writingTo: hasher ?? file, level: level)
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
        do {
            _ = try splitter.finish()
            try zip.finish()
        } catch {
            file.abort()
            throw error
        }
        let rows = entries.reduce(Int64(0)) { $0 + $1.writer.rowCount }
        let uncompressed = entries.reduce(Int64(0)) { $0 + $1.writer.byteCount }
        let output = OutputFile(path: file.path.string, rows: rows, bytes: file.byteCount, uncompressedBytes: uncompressed,
                                sha256: hasher?.digest.hexString)
        result = output
        return [output]
    }

    func abort() {
        guard result == nil else { return }
        file.abort()
    }

    /// One entry: its writer; committed files are the archive's business, so it reports none.
    final class EntrySink: DataSink {
        let writer: any EntryWriter
        init(_ writer: any EntryWriter) { self.writer = writer }
        func write(_ batch: ColumnBatch) throws { try writer.write(batch) }
        func finish() throws -> [OutputFile] {
            try writer.finish()
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
