import CExtractZlib
import ExtractCore

/// A streaming zlib deflater: a ``ByteSink`` that compresses into a 1 MiB buffer and hands
/// full buffers to the sink below it.
///
/// It writes a gzip member (``Format/gzip``) for `.gz` files, or raw deflate data
/// (``Format/raw``) for ZIP entries. Memory stays bounded: zlib's state (~270 KiB at level 6)
/// plus the output buffer.
final class DeflateCompressor: ByteSink {
    /// What surrounds the deflate data.
    enum Format {
        /// gzip header and trailer (windowBits 31).
        case gzip
        /// No header or trailer (windowBits -15), as ZIP entries store it.
        case raw

        var windowBits: Int32 { self == .gzip ? 31 : -15 }
    }

    /// The output buffer size.
    static let outputSize = 1 << 20

    private let stream: UnsafeMutablePointer<z_stream>
    private let output: UnsafeMutableRawBufferPointer
    private let downstream: any ByteSink
    /// Whether ``finish()`` also finishes the sink below (false for ZIP entries, which share it).
    private let finishesDownstream: Bool
    /// Whether writes are accepted (false after ``endStream()`` until ``reset()``, and after a failure).
    private var isOpen = true
    /// Whether zlib's state is allocated.
    private var isInitialized = true
    /// Bytes consumed.
    private(set) var inputCount: Int64 = 0
    /// Bytes handed to the sink below.
    private(set) var outputCount: Int64 = 0

    init(format: Format, level: Int, downstream: any ByteSink, finishesDownstream: Bool = true) throws {
        stream = .allocate(capacity: 1)
        // zlib keeps a pointer back to the z_stream, so it lives at a fixed address.
        stream.initialize(to: z_stream())
        let status = deflateInit2_(
            stream,
            Int32(level),
            Z_DEFLATED,
            format.windowBits,
            8,
            Z_DEFAULT_STRATEGY,
            ZLIB_VERSION,
            Int32(MemoryLayout<z_stream>.size)
        )
        guard status == Z_OK else {
            stream.deallocate()
            throw ExtractError.compressionFailed("deflate", "deflateInit2 returned \(status)")
        }
        output = .allocate(byteCount: Self.outputSize, alignment: 64)
        self.downstream = downstream
        self.finishesDownstream = finishesDownstream
        resetOutput()
    }

    deinit {
        if isInitialized { deflateEnd(stream) }
        stream.deallocate()
        output.deallocate()
    }

    private func resetOutput() {
        stream.pointee.next_out = output.baseAddress!.assumingMemoryBound(to: Bytef.self)
        stream.pointee.avail_out = uInt(output.count)
    }

    private func flushOutput() throws {
        let filled = output.count - Int(stream.pointee.avail_out)
        guard filled > 0 else { return }
        try downstream.write(UnsafeRawBufferPointer(rebasing: output[0..<filled]))
        outputCount += Int64(filled)
        resetOutput()
    }

    func write(_ bytes: UnsafeRawBufferPointer) throws {
        guard isOpen else { throw ExtractError.sinkClosed("deflate") }
        guard let base = bytes.baseAddress, !bytes.isEmpty else { return }
        inputCount += Int64(bytes.count)
        var offset = 0
        while offset < bytes.count {
            let slice = min(bytes.count - offset, Int(UInt32.max))
            stream.pointee.next_in = UnsafeMutablePointer(mutating: (base + offset).assumingMemoryBound(to: Bytef.self))
            stream.pointee.avail_in = uInt(slice)
            while stream.pointee.avail_in > 0 {
                if stream.pointee.avail_out == 0 { try flushOutput() }
                let result = deflate(stream, Z_NO_FLUSH)
                guard result == Z_OK || result == Z_BUF_ERROR else {
                    try fail("deflate returned \(result)")
                }
            }
            offset += slice
        }
    }

    /// Ends the deflate stream (gzip trailer), writes what is left, and finishes the sink
    /// below unless it is shared.
    func finish() throws {
        try endStream()
        deflateEnd(stream)
        isInitialized = false
        if finishesDownstream { try downstream.finish() }
    }

    /// Ends the current deflate stream and writes all of it to the sink below, keeping zlib's
    /// state for ``reset()``.
    func endStream() throws {
        guard isOpen else { throw ExtractError.sinkClosed("deflate") }
        stream.pointee.next_in = nil
        stream.pointee.avail_in = 0
        while true {
            if stream.pointee.avail_out == 0 { try flushOutput() }
            let result = deflate(stream, Z_FINISH)
            if result == Z_STREAM_END { break }
            guard result == Z_OK || result == Z_BUF_ERROR else { try fail("deflate(Z_FINISH) returned \(result)") }
        }
        try flushOutput()
        isOpen = false
    }

    /// Starts a new, independent deflate stream after ``endStream()`` (same level and format),
    /// reusing zlib's memory: one compressor serves every entry of a ZIP archive.
    func reset() throws {
        guard isInitialized else { throw ExtractError.sinkClosed("deflate") }
        let status = deflateReset(stream)
        guard status == Z_OK else { try fail("deflateReset returned \(status)") }
        resetOutput()
        inputCount = 0
        outputCount = 0
        isOpen = true
    }

    private func fail(_ detail: String) throws -> Never {
        if isInitialized { deflateEnd(stream) }
        isInitialized = false
        isOpen = false
        throw ExtractError.compressionFailed("deflate", detail)
    }
}
