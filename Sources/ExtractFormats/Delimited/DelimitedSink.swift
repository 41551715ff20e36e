import ExtractCore
import SystemPackage

/// A ``DataSink`` that writes one delimited text file: ``DelimitedWriter`` → optional whole-file
/// compressor (``StreamCodec``) → SHA-256 → ``AtomicFile``.
///
/// The file lives under a temporary name in the target folder until ``finish()`` syncs and
/// renames it; ``abort()`` (or a failure in ``finish()``) removes it. ``stage()`` does all of
/// ``finish()`` but the rename, for extracts whose parts must appear together (``PartSplittingSink``).
///
/// ```swift
/// let sink = try DelimitedSink(path: "out/orders.csv.gz", schema: reader.schema, options: .csv,
///                              compression: gzip)
/// while let batch = try reader.next() { try sink.write(batch) }
/// let files = try sink.finish()   // [OutputFile(path:rows:bytes:uncompressedBytes:sha256:)]
/// ```
public final class DelimitedSink: StagingDataSink {
    /// The final path of the file.
    public let path: FilePath
    private let file: AtomicFile
    private let hasher: HashingByteSink?
    private let writer: DelimitedWriter
    private var result: OutputFile?
    private var isAborted = false
    private var isStaged = false

    /// Creates the temporary file and writes the byte order mark and header into the buffer.
    /// - Parameters:
    ///   - path: the final file name, used exactly (add `.gz`, `.zst`… yourself). Its folder must exist.
    ///   - compression: a whole-file compressor, or `nil` for plain text.
    ///   - computeSHA256: whether to fingerprint the bytes on disk (``OutputFile/sha256``); it costs
    ///     about as much CPU as rendering CSV, so it is off unless a manifest needs it.
    /// - Throws: ``ExtractError`` for invalid options (before any file is created) or when the
    ///   file or the compressor cannot be created.
    public init(
        path: FilePath,
        schema: Schema,
        options: DelimitedOptions,
        compression: (any StreamCodec)? = nil,
        computeSHA256: Bool = false,
        bufferSize: Int = DelimitedWriter.defaultBufferSize
    ) throws {
        try options.validate()
        self.path = path
        let file = try AtomicFile(path: path)
        self.file = file
        do {
            // Finishing the writer must not commit the file: stage() or finish() does that.
            var below: any ByteSink = KeepOpenByteSink(file)
            if computeSHA256 {
                let hasher = HashingByteSink(below)
                self.hasher = hasher
                below = hasher
            } else {
                hasher = nil
            }
            if let compression {
                below = try compression.makeCompressor(writingTo: below)
            }
            writer = try DelimitedWriter(schema: schema, options: options, writingTo: below, bufferSize: bufferSize)
        } catch {
            file.abort()
            throw Self.located(error, path)
        }
    }

    /// Creates the sink for the file at `path` (see ``init(path:schema:options:compression:computeSHA256:bufferSize:)``).
    public convenience init(
        path: String,
        schema: Schema,
        options: DelimitedOptions,
        compression: (any StreamCodec)? = nil,
        computeSHA256: Bool = false
    ) throws {
        try self.init(
            path: FilePath(path),
            schema: schema,
            options: options,
            compression: compression,
            computeSHA256: computeSHA256
        )
    }

    /// Data rows written so far.
    public var rowCount: Int64 { writer.rowCount }
    /// Text bytes produced so far, before compression.
    public var uncompressedByteCount: Int64 { writer.byteCount }

    /// Renders `batch` into the file.
    /// - Throws: ``ExtractError`` naming the column, row and value (and this file's path) when a
    ///   value cannot be written with the options; the caller then calls ``abort()``.
    public func write(_ batch: ColumnBatch) throws {
        guard !isAborted, result == nil else {
            throw ExtractError(
                .internal,
                "write to a sink that is already finished or aborted",
                context: .init(path: path.string)
            )
        }
        do {
            try writer.write(batch)
        } catch {
            throw Self.located(error, path)
        }
    }

    /// Flushes, finishes the compressor, syncs and renames the file into place.
    /// - Returns: the one file written, with its row count, size on disk, size before
    ///   compression and SHA-256 (when computed).
    public func finish() throws -> [OutputFile] {
        if let result { return [result] }
        let files = try StagedFile.publishAll(try stage())
        result = files[0]
        return files
    }

    /// Flushes, finishes the compressor and syncs the file, leaving it under its temporary name
    /// and handing it over (see ``StagingDataSink``); ``finish()`` is this plus the rename.
    public func stage() throws -> [StagedFile] {
        guard !isAborted, !isStaged, result == nil else {
            throw ExtractError(.internal, "stage after finish or abort", context: .init(path: path.string))
        }
        let temporary: FilePath
        do {
            try writer.finish()
            temporary = try file.stage()
        } catch {
            file.abort()
            throw Self.located(error, path)
        }
        isStaged = true
        let output = OutputFile(
            path: path.string,
            rows: writer.rowCount,
            bytes: file.byteCount,
            uncompressedBytes: writer.byteCount,
            sha256: hasher?.digest.hexString
        )
        return [StagedFile(temporaryPath: temporary, file: output)]
    }

    /// Removes the temporary file. Does nothing once finished or staged.
    public func abort() {
        guard result == nil, !isStaged else { return }
        isAborted = true
        file.abort()
    }

    /// `error` with the file's path in its context, when it is an ``ExtractError`` without one.
    private static func located(_ error: any Error, _ path: FilePath) -> any Error {
        guard var error = error as? ExtractError else { return error }
        if error.context.path == nil { error.context.path = path.string }
        return error
    }
}
