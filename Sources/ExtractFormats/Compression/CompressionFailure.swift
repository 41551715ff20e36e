import ExtractCore

extension ExtractError {
    /// A compressor library reported a failure; `detail` is its own message or code.
    static func compressionFailed(_ codec: String, _ detail: String, path: String? = nil) -> ExtractError {
        ExtractError(
            .compression,
            "\(codec) compression failed: \(detail); this is a bug or an out-of-memory condition",
            context: .init(path: path)
        )
    }

    /// A compressed block cannot be restored: corrupt data or a wrong stated size.
    static func decompressionFailed(_ codec: String, _ detail: String) -> ExtractError {
        ExtractError(.compression, "\(codec) decompression failed: \(detail); the file is corrupt")
    }

    /// A block is larger than a codec can compress in one call.
    static func blockTooLarge(_ codec: String, size: Int, limit: Int) -> ExtractError {
        ExtractError(
            .invalidArgument,
            "\(codec) cannot compress a block of \(size) bytes (limit \(limit)); write smaller pages"
        )
    }

    /// A write after ``ByteSink/finish()`` or after an earlier failure.
    static func sinkClosed(_ codec: String) -> ExtractError {
        ExtractError(.internal, "\(codec) compressor used after it was finished or after it failed")
    }
}
