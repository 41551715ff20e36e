import ExtractCore

/// Makes the whole-file ``StreamCodec`` a user names.
///
/// ```swift
/// let codec = try StreamCodecs.make(name: "zstd", level: try CompressionLevel(parsing: "maximum"))
/// let sink = try codec.map { try $0.makeCompressor(writingTo: file) } ?? file
/// ```
public enum StreamCodecs {
    /// The names ``make(name:level:parallelism:)`` accepts.
    public static let names = ["none", "gzip", "zstd", "lz4", "snappy"]

    /// The codec called `name` (`none`, `gzip`, `zstd`, `lz4`, `snappy`; any letter case), or
    /// `nil` for `none`.
    ///
    /// - Parameters:
    ///   - level: the level (``CompressionLevel``); `nil` means normal. Ignored for `none`.
    ///   - parallelism: compression threads for gzip (independent 1 MiB members) and zstd
    ///     (libzstd workers); the others ignore it.
    /// - Throws: ``ExtractError`` (`invalidArgument`) for an unknown name, for `zip` (a container:
    ///   use ``ZipArchiveWriter`` or ``ZipStreamCodec``), or for a level the codec does not accept.
    public static func make(name: String, level: CompressionLevel? = nil, parallelism: Int = 1) throws -> (any StreamCodec)? {
        let level = level ?? .normal
        switch name.trimmingSpaces().lowercased() {
        case "none", "": return nil
        case "gzip", "gz": return try GzipStreamCodec(level: level, parallelism: parallelism)
        case "zstd", "zst": return try ZstdStreamCodec(level: level, parallelism: parallelism)
        case "lz4": return try LZ4FrameStreamCodec(level: level)
        case "snappy", "sz":
            _ = try level.resolved(for: "snappy")
            return SnappyFramedStreamCodec()
        case "zip":
            throw ExtractError(.invalidArgument,
                               "zip is an archive, not a stream compression; write it with ZipArchiveWriter (or ZipStreamCodec for one entry)",
                               context: .init(value: name))
        default:
            throw ExtractError(.invalidArgument,
                               "unknown compression; use one of none, gzip, zip, zstd, lz4, snappy",
                               context: .init(value: name))
        }
    }
}

extension String {
    /// The string without leading and trailing spaces and tabs (no Foundation here).
    func trimmingSpaces() -> String {
        let isSpace: (Character) -> Bool = { $0 == " " || $0 == "\t" }
        guard let first = firstIndex(where: { !isSpace($0) }), let last = lastIndex(where: { !isSpace($0) }) else { return "" }
        return String(self[first...last])
    }
}
