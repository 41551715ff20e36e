/// A file a ``DataSink`` committed under its final name.
public struct OutputFile: Sendable, Hashable, Codable {
    /// The final path.
    public var path: String
    /// Data rows in the file (header excluded).
    public var rows: Int64
    /// Bytes on disk (after compression).
    public var bytes: Int64
    /// Bytes before whole-file compression (equal to ``bytes`` when not compressed).
    public var uncompressedBytes: Int64
    /// Lowercase hex SHA-256 of the file's bytes, when the writer computed it.
    public var sha256: String?

    public init(path: String, rows: Int64, bytes: Int64, uncompressedBytes: Int64? = nil, sha256: String? = nil) {
        self.path = path
        self.rows = rows
        self.bytes = bytes
        self.uncompressedBytes = uncompressedBytes ?? bytes
        self.sha256 = sha256
    }
}
