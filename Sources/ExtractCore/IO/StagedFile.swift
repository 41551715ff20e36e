import SystemPackage

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// A file written completely and synced under a temporary name in its target folder, not yet
/// visible under its final name: the first phase of a two-phase commit.
///
/// ``AtomicFile/stage()`` hands its temporary file over; whoever holds the `StagedFile` then
/// either ``publish()``es it (renames it into place) or ``discard()``s it. Nothing else removes
/// it. ``PartSplittingSink`` uses this to publish every part of an extract only once all of them
/// are complete, so a failing run never replaces or deletes the files of a previous run.
///
/// ```swift
/// let staged = try parts.flatMap { try $0.stage() }  // all complete, none visible
/// let files = try StagedFile.publishAll(staged)       // all renamed into place
/// ```
public struct StagedFile: Sendable, Hashable {
    /// The temporary file, complete and synced.
    public let temporaryPath: FilePath
    /// The file as described once published (``OutputFile/path`` is the final path).
    public var file: OutputFile

    public init(temporaryPath: FilePath, file: OutputFile) {
        self.temporaryPath = temporaryPath
        self.file = file
    }

    /// Renames the temporary file to its final path (replacing a file there) and syncs the folder.
    public func publish() throws {
        try AtomicFile.moveIntoPlace(temporaryPath, FilePath(file.path))
    }

    /// Removes the temporary file; the final path is untouched.
    public func discard() {
        unlink(temporaryPath.string)
    }

    /// Publishes `files` in order and returns them.
    ///
    /// If one cannot be renamed, the ones not yet published are discarded and the ones already
    /// published are removed (a failed output never stays half visible), then the error is thrown.
    public static func publishAll(_ files: [StagedFile]) throws -> [OutputFile] {
        for (index, staged) in files.enumerated() {
            do {
                try staged.publish()
            } catch {
                for done in files[..<index] { unlink(done.file.path) }
                for rest in files[index...] { rest.discard() }
                throw error
            }
        }
        return files.map(\.file)
    }
}

/// A ``DataSink`` whose ``DataSink/finish()`` can be split in two phases: ``stage()`` completes
/// every file under a temporary name (written, flushed and synced, not visible), and
/// ``StagedFile/publish()`` renames each into place.
///
/// After ``stage()`` returns, the staged files belong to the caller (``DataSink/abort()`` no
/// longer removes them): publish or discard every one. If ``stage()`` throws, the sink has removed
/// its temporary files.
public protocol StagingDataSink: DataSink {
    /// Completes the output under temporary names and hands the files over.
    func stage() throws -> [StagedFile]
}
