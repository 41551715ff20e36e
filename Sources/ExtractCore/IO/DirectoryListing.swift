#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// The entries of a folder and the kind of a path, without Foundation (`opendir`/`readdir`,
/// `stat`; symbolic links are followed).
public enum DirectoryListing {
    /// What a path is.
    public enum Kind: Sendable, Equatable {
        case file
        case directory
        /// Anything else (socket, device, FIFO, a dangling link).
        case other
    }

    /// One entry of a folder.
    public struct Entry: Sendable, Equatable {
        public let name: String
        public let kind: Kind
    }

    /// The kind of `path`, or `nil` when it does not exist.
    public static func kind(of path: String) -> Kind? {
        var info = stat()
        guard stat(path, &info) == 0 else { return nil }
        switch info.st_mode & S_IFMT {
        case S_IFREG: return .file
        case S_IFDIR: return .directory
        default: return .other
        }
    }

    /// The entries of the folder `path` (without `.` and `..`), sorted by name (byte order).
    ///
    /// - Throws: ``ExtractError`` (`notFound` when the folder does not exist, `io` otherwise).
    public static func entries(of path: String) throws -> [Entry] {
        guard let dir = opendir(path) else {
            let code = errno
            throw ExtractError(
                code == ENOENT ? .notFound : .io,
                "cannot list the folder: \(String(cString: strerror(code)))",
                context: .init(path: path)
            )
        }
        defer { closedir(dir) }
        var names: [String] = []
        while let entry = readdir(dir) {
            let name = withUnsafeBytes(of: entry.pointee.d_name) { raw in
                String(decoding: raw.prefix { $0 != 0 }, as: UTF8.self)
            }
            if name != "." && name != ".." { names.append(name) }
        }
        let separator = path.hasSuffix("/") ? "" : "/"
        return names.sorted { $0.utf8.lexicographicallyPrecedes($1.utf8) }.map {
            Entry(name: $0, kind: kind(of: path + separator + $0) ?? .other)
        }
    }
}
