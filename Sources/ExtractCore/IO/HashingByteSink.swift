/// A sink that hashes (SHA-256) and counts every byte on its way to `downstream`.
///
/// Put it right above the file to fingerprint exactly the bytes on disk:
/// `writer → compressor → HashingByteSink → AtomicFile`.
public final class HashingByteSink: ByteSink {
    /// Where the bytes go.
    public let downstream: any ByteSink
    /// The bytes passed through so far.
    public private(set) var byteCount: Int64 = 0
    private var hash = SHA256()

    /// A sink that hashes and counts, then forwards to `downstream`.
    public init(_ downstream: any ByteSink) {
        self.downstream = downstream
    }

    /// Hashes and counts `bytes`, then writes them to `downstream`.
    public func write(_ bytes: UnsafeRawBufferPointer) throws {
        hash.update(bytes)
        byteCount += Int64(bytes.count)
        try downstream.write(bytes)
    }

    /// Finishes `downstream`; ``digest`` then covers the whole stream.
    public func finish() throws {
        try downstream.finish()
    }

    /// The SHA-256 of every byte written so far.
    public var digest: SHA256.Digest { hash.finalize() }
}
