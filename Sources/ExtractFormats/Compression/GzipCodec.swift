import CExtractZlib
import ExtractCore

/// Parquet `GZIP`: each page is one complete gzip member (RFC 1952), made by zlib with
/// `deflateInit2_(…, windowBits: 31, …)` (15-bit window plus the gzip wrapper).
public struct GzipCodec: Codec {
    /// The zlib level, 0 (stored) to 9 (smallest).
    public let level: Int

    /// The default level, 6 (zlib's own default).
    public static let defaultLevel = 6
    /// The levels zlib accepts.
    public static let levels = 0...9

    /// Creates the codec; a `level` outside 0...9 is clamped into it (validate user input with
    /// ``CompressionLevel/resolved(for:)`` first).
    public init(level: Int = GzipCodec.defaultLevel) {
        self.level = min(max(level, Self.levels.lowerBound), Self.levels.upperBound)
    }

    public var kind: BlockCompression { .gzip }

    /// Appends one gzip member holding `input` to `output`, deflating straight into the
    /// array's spare capacity.
    public func compress(_ input: UnsafeRawBufferPointer, into output: inout [UInt8]) throws {
        let stream = UnsafeMutablePointer<z_stream>.allocate(capacity: 1)
        stream.initialize(to: z_stream())
        defer { stream.deallocate() }
        let status = deflateInit2_(
            stream,
            Int32(level),
            Z_DEFLATED,
            31,
            8,
            Z_DEFAULT_STRATEGY,
            ZLIB_VERSION,
            Int32(MemoryLayout<z_stream>.size)
        )
        guard status == Z_OK else {
            throw ExtractError.compressionFailed("gzip", "deflateInit2 returned \(status)")
        }
        defer { deflateEnd(stream) }
        let bound = Int(deflateBound(stream, uLong(input.count)))
        try output.appendCompressed(maximumCount: bound) { destination in
            try input.withNonNullBase { source in
                stream.pointee.next_in = UnsafeMutablePointer(mutating: source.assumingMemoryBound(to: Bytef.self))
                stream.pointee.next_out = destination.baseAddress!.assumingMemoryBound(to: Bytef.self)
                var inputLeft = input.count
                var outputLeft = destination.count
                while true {
                    // zlib counts in 32-bit `uInt`: feed huge blocks in slices.
                    let inSlice = min(inputLeft, Int(UInt32.max))
                    let outSlice = min(outputLeft, Int(UInt32.max))
                    stream.pointee.avail_in = uInt(inSlice)
                    stream.pointee.avail_out = uInt(outSlice)
                    let flush = inSlice == inputLeft ? Z_FINISH : Z_NO_FLUSH
                    let result = deflate(stream, flush)
                    inputLeft -= inSlice - Int(stream.pointee.avail_in)
                    outputLeft -= outSlice - Int(stream.pointee.avail_out)
                    if result == Z_STREAM_END { break }
                    guard result == Z_OK || result == Z_BUF_ERROR, outputLeft > 0 else {
                        throw ExtractError.compressionFailed("gzip", "deflate returned \(result)")
                    }
                }
                return destination.count - outputLeft
            }
        }
    }

    /// Restores gzip (or zlib) data of exactly `uncompressedCount` bytes; several concatenated
    /// gzip members are read one after another, as Parquet writers may produce them.
    public func decompress(_ input: UnsafeRawBufferPointer, uncompressedCount: Int, into output: inout [UInt8]) throws {
        let stream = UnsafeMutablePointer<z_stream>.allocate(capacity: 1)
        stream.initialize(to: z_stream())
        defer { stream.deallocate() }
        // 15 + 32: a 32 KiB window, gzip or zlib header detected automatically.
        guard inflateInit2_(stream, 15 + 32, ZLIB_VERSION, Int32(MemoryLayout<z_stream>.size)) == Z_OK else {
            throw ExtractError.decompressionFailed("gzip", "inflateInit2 failed")
        }
        defer { inflateEnd(stream) }
        guard input.count <= Int(UInt32.max), uncompressedCount <= Int(UInt32.max) else {
            throw ExtractError.decompressionFailed("gzip", "a block of \(input.count) bytes is too large")
        }
        try input.withNonNullBase { source in
            try output.appendDecompressed(count: uncompressedCount) { destination in
                var placeholder: UInt8 = 0
                return try withUnsafeMutableBytes(of: &placeholder) { spare in
                    stream.pointee.next_in = UnsafeMutablePointer(mutating: source.assumingMemoryBound(to: Bytef.self))
                    stream.pointee.avail_in = uInt(input.count)
                    stream.pointee.next_out = (destination.baseAddress ?? spare.baseAddress!).assumingMemoryBound(
                        to: Bytef.self
                    )
                    stream.pointee.avail_out = uInt(destination.count)
                    while true {
                        let result = inflate(stream, Z_NO_FLUSH)
                        if result == Z_STREAM_END {
                            // Another member may follow.
                            if stream.pointee.avail_in > 0 && stream.pointee.avail_out > 0 {
                                guard inflateReset(stream) == Z_OK else {
                                    throw ExtractError.decompressionFailed("gzip", "inflateReset failed")
                                }
                                continue
                            }
                            break
                        }
                        guard result == Z_OK else {
                            throw ExtractError.decompressionFailed(
                                "gzip",
                                "the data is corrupt (inflate returned \(result))"
                            )
                        }
                        if stream.pointee.avail_out == 0 || stream.pointee.avail_in == 0 { break }
                    }
                    return destination.count - Int(stream.pointee.avail_out)
                }
            }
        }
    }
}
