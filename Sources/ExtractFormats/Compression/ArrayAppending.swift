import ExtractCore

extension Array where Element == UInt8 {
    /// Appends up to `maximumCount` bytes that `body` writes straight into the array's spare
    /// capacity (no intermediate buffer; no zero-filling where `OutputSpan` is available).
    ///
    /// `body` gets a buffer of exactly `maximumCount` bytes and returns how many it wrote;
    /// if it throws, the array is left as it was.
    mutating func appendCompressed(maximumCount: Int, _ body: (UnsafeMutableRawBufferPointer) throws -> Int) throws {
        precondition(maximumCount >= 0)
        if #available(macOS 26.0, iOS 26.0, *) {
            var failure: (any Error)?
            append(addingCapacity: maximumCount) { span in
                span.withUnsafeMutableBufferPointer { buffer, initialized in
                    do {
                        let written = try body(UnsafeMutableRawBufferPointer(buffer))
                        precondition(written >= 0 && written <= maximumCount, "compressor overran its bound")
                        initialized = written
                    } catch {
                        failure = error
                        initialized = 0
                    }
                }
            }
            if let failure { throw failure }
        } else {
            // Older Apple platforms: grow with zeros, write, trim.
            let start = count
            append(contentsOf: repeatElement(0, count: maximumCount))
            do {
                let written = try withUnsafeMutableBytes { all in
                    try body(UnsafeMutableRawBufferPointer(rebasing: all[start...]))
                }
                precondition(written >= 0 && written <= maximumCount, "compressor overran its bound")
                removeLast(maximumCount - written)
            } catch {
                removeLast(maximumCount)
                throw error
            }
        }
    }
}

extension Array where Element == UInt8 {
    /// Appends exactly `count` bytes that `body` writes into the spare capacity; `body` returns
    /// how many it wrote, and any other number than `count` is a corrupt block.
    mutating func appendDecompressed(count: Int, _ body: (UnsafeMutableRawBufferPointer) throws -> Int) throws {
        var written = 0
        try appendCompressed(maximumCount: count) { buffer in
            written = try body(buffer)
            return written
        }
        guard written == count else {
            removeLast(written)
            throw ExtractError(
                .compression,
                "a compressed block holds \(written) bytes where its header says \(count); the file is corrupt"
            )
        }
    }
}

extension UnsafeRawBufferPointer {
    /// The base address, or a valid one-byte placeholder for an empty buffer: the C
    /// compressors read nothing when the length is zero, but some reject a null pointer.
    func withNonNullBase<R>(_ body: (UnsafeRawPointer) throws -> R) rethrows -> R {
        if let base = baseAddress { return try body(base) }
        var placeholder: UInt8 = 0
        return try Swift.withUnsafeBytes(of: &placeholder) { try body($0.baseAddress!) }
    }
}
