import SystemPackage

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// A file written under a temporary name in its target folder and renamed into place only when
/// complete, so readers never see a half-written file under the final name.
///
/// Writes are buffered (``bufferSize``) and go to the kernel in large chunks. ``finish()``
/// flushes, `fsync`s the file, renames it to ``path`` and `fsync`s the folder. If the file is
/// released or ``abort()``ed before that, the temporary file is removed. ``stage()`` is the first
/// half of ``finish()`` (everything but the rename) for outputs of several files that must all
/// appear together (see ``StagedFile``).
public final class AtomicFile: ByteSink {
    /// The final path.
    public let path: FilePath
    /// The temporary path written until ``finish()``.
    public let temporaryPath: FilePath
    /// Bytes written so far.
    public private(set) var byteCount: Int64 = 0
    /// Whether the file has been renamed into place.
    public private(set) var isCommitted = false
    /// Whether ``stage()`` handed the completed temporary file over to the caller.
    public private(set) var isStaged = false

    /// The write buffer size: 1 MiB.
    public static let bufferSize = 1 << 20

    private var descriptor: FileDescriptor?
    private var buffer: UnsafeMutableRawBufferPointer
    private var buffered = 0

    /// Creates the temporary file next to `path`. The folder must exist (see ``createDirectories(_:)``).
    /// An existing file at `path` is replaced on ``finish()``.
    public init(path: FilePath) throws {
        guard let name = path.lastComponent else {
            throw ExtractError(.invalidArgument, "output path has no file name", context: .init(path: path.string))
        }
        self.path = path
        var random = SystemRandomNumberGenerator()
        let suffix = String(random.next() & 0xFFFF_FFFF, radix: 36)
        self.temporaryPath = path.removingLastComponent().appending(".\(name.string).tmp-\(getpid())-\(suffix)")
        do {
            descriptor = try FileDescriptor.open(
                temporaryPath,
                .writeOnly,
                options: [.create, .exclusiveCreate, .truncate],
                permissions: [.ownerReadWrite, .groupRead, .otherRead]
            )
        } catch {
            throw ExtractError(
                .io,
                "cannot create output file; check that the folder exists and is writable",
                context: .init(path: path.string),
                underlying: error
            )
        }
        buffer = .allocate(byteCount: AtomicFile.bufferSize, alignment: 64)
    }

    deinit {
        abort()
        buffer.deallocate()
    }

    public func write(_ bytes: UnsafeRawBufferPointer) throws {
        guard descriptor != nil else {
            throw ExtractError(.io, "write to a file that is already closed", context: .init(path: path.string))
        }
        byteCount += Int64(bytes.count)
        if bytes.count >= buffer.count {
            try flush()
            try writeAll(bytes)
            return
        }
        if buffered + bytes.count > buffer.count { try flush() }
        UnsafeMutableRawBufferPointer(rebasing: buffer[buffered..<(buffered + bytes.count)]).copyMemory(from: bytes)
        buffered += bytes.count
    }

    private func flush() throws {
        guard buffered > 0 else { return }
        try writeAll(UnsafeRawBufferPointer(rebasing: buffer[0..<buffered]))
        buffered = 0
    }

    private func writeAll(_ bytes: UnsafeRawBufferPointer) throws {
        do {
            _ = try descriptor!.writeAll(bytes)
        } catch {
            throw ExtractError(
                .io,
                "cannot write output file (disk full?)",
                context: .init(path: path.string),
                underlying: error
            )
        }
    }

    /// Flushes, syncs and renames the file into place.
    public func finish() throws {
        if isCommitted { return }
        let temporary = try stage()
        do {
            try Self.moveIntoPlace(temporary, path)
        } catch {
            unlink(temporary.string)
            throw error
        }
        isCommitted = true
    }

    /// The first phase of ``finish()``: flushes, syncs and closes the file but leaves it under
    /// ``temporaryPath``, and hands it over to the caller, who then renames it into place (see
    /// ``StagedFile/publish()``) or removes it. From then on ``abort()`` and `deinit` leave it alone.
    /// If staging fails, the temporary file is removed.
    /// - Returns: ``temporaryPath``.
    @discardableResult
    public func stage() throws -> FilePath {
        guard let fd = descriptor else {
            if isStaged || isCommitted {
                throw ExtractError(.internal, "file was already finished", context: .init(path: path.string))
            }
            throw ExtractError(.io, "file was aborted before it was finished", context: .init(path: path.string))
        }
        do {
            try flush()
            guard fsync(fd.rawValue) == 0 else { throw Errno(rawValue: errno) }
            try fd.close()
            descriptor = nil
        } catch {
            abort()
            throw ExtractError(
                .io,
                "cannot complete output file (disk full?)",
                context: .init(path: path.string),
                underlying: error
            )
        }
        isStaged = true
        return temporaryPath
    }

    /// Renames `temporary` to `path` (replacing a file there), then syncs the folder so the
    /// rename is durable (a failure of that sync does not undo the rename).
    static func moveIntoPlace(_ temporary: FilePath, _ path: FilePath) throws {
        guard rename(temporary.string, path.string) == 0 else {
            throw ExtractError(
                .io,
                "cannot rename the finished output file into place",
                context: .init(path: path.string),
                underlying: Errno(rawValue: errno)
            )
        }
        let folder = path.removingLastComponent()
        if let dir = try? FileDescriptor.open(folder.isEmpty ? "." : folder, .readOnly) {
            _ = fsync(dir.rawValue)
            try? dir.close()
        }
    }

    /// Closes and removes the temporary file. Does nothing once committed or staged.
    public func abort() {
        guard !isCommitted, !isStaged else { return }
        if let fd = descriptor {
            try? fd.close()
            descriptor = nil
        }
        unlink(temporaryPath.string)
        buffered = 0
    }

    /// Creates `directory` and its missing parents (like `mkdir -p`).
    public static func createDirectories(_ directory: FilePath) throws {
        var current = directory.root.map { FilePath(root: $0) } ?? FilePath()
        for component in directory.components {
            current.append(component)
            if mkdir(current.string, 0o755) != 0 && errno != EEXIST {
                throw ExtractError(
                    .io,
                    "cannot create folder",
                    context: .init(path: current.string),
                    underlying: Errno(rawValue: errno)
                )
            }
        }
    }
}
