import SystemPackage

/// Bytes that can be read at any offset: a file on disk (``FileInput``) or memory
/// (``MemoryInput``). The Parquet reader reads the footer first, then one page at a time.
public protocol RandomAccessInput: Sendable {
    /// The total size in bytes.
    var size: Int64 { get }
    /// Exactly `count` bytes starting at `offset`; reading past ``size`` is an error.
    func read(at offset: Int64, count: Int) throws -> [UInt8]
}

/// A file opened read-only; reads use `pread`, so one input can serve several readers.
public final class FileInput: RandomAccessInput {
    private let descriptor: FileDescriptor
    public let size: Int64
    /// The path, for messages.
    public let path: String

    /// Opens `path` for reading.
    ///
    /// - Throws: ``ExtractError`` (`notFound` or `io`).
    public init(path: String) throws {
        self.path = path
        do {
            descriptor = try FileDescriptor.open(FilePath(path), .readOnly, options: [.closeOnExec])
        } catch let errno as Errno {
            throw ExtractError(
                errno == .noSuchFileOrDirectory ? .notFound : .io,
                "cannot open the file: \(errno)",
                context: .init(path: path),
                underlying: errno
            )
        }
        do {
            size = try descriptor.seek(offset: 0, from: .end)
        } catch {
            try? descriptor.close()
            throw ExtractError(
                .io,
                "cannot get the size of the file: \(error)",
                context: .init(path: path),
                underlying: error as? Errno
            )
        }
    }

    deinit {
        try? descriptor.close()
    }

    public func read(at offset: Int64, count: Int) throws -> [UInt8] {
        guard count >= 0, offset >= 0, offset <= size, Int64(count) <= size - offset else {
            throw ExtractError(
                .source,
                "a read of \(count) bytes at offset \(offset) goes past the end of the file (\(size) bytes); the file is truncated or corrupt",
                context: .init(path: path)
            )
        }
        return try [UInt8](unsafeUninitializedCapacity: count) { buffer, initialized in
            var done = 0
            while done < count {
                let n: Int
                do {
                    n = try descriptor.read(
                        fromAbsoluteOffset: offset + Int64(done),
                        into: UnsafeMutableRawBufferPointer(rebasing: UnsafeMutableRawBufferPointer(buffer)[done...]),
                        retryOnInterrupt: true
                    )
                } catch {
                    initialized = done
                    throw ExtractError(
                        .io,
                        "cannot read the file: \(error)",
                        context: .init(path: path),
                        underlying: error as? Errno
                    )
                }
                if n == 0 {
                    initialized = done
                    throw ExtractError(.io, "the file shrank while it was read", context: .init(path: path))
                }
                done += n
            }
            initialized = count
        }
    }
}

/// Bytes in memory (tests, fuzzing, small files).
public struct MemoryInput: RandomAccessInput {
    public let bytes: [UInt8]
    public init(_ bytes: [UInt8]) { self.bytes = bytes }
    public var size: Int64 { Int64(bytes.count) }
    public func read(at offset: Int64, count: Int) throws -> [UInt8] {
        guard count >= 0, offset >= 0, offset <= size, Int64(count) <= size - offset else {
            throw ExtractError(
                .source,
                "a read of \(count) bytes at offset \(offset) goes past the end of the data (\(size) bytes); the file is truncated or corrupt"
            )
        }
        let start = Int(offset)
        return Array(bytes[start..<(start + count)])
    }
}
