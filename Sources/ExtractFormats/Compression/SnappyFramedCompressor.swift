import CExtractSnappy
import ExtractCore

/// A streaming compressor for the snappy framing format: input is cut into 64 KiB pieces,
/// each compressed with `snappy_compress` straight into a 1 MiB output buffer that goes to the
/// sink below when it cannot hold another chunk.
final class SnappyFramedCompressor: ByteSink {
    /// The most uncompressed bytes one chunk may hold (the format's limit).
    static let pieceSize = 65_536
    static let outputSize = 1 << 20
    /// Chunk types of the framing format.
    static let compressedChunk: UInt8 = 0x00
    static let uncompressedChunk: UInt8 = 0x01
    static let streamIdentifier: [UInt8] = [0xFF, 0x06, 0x00, 0x00] + Array("sNaPpY".utf8)

    /// Chunk header (type + 3-byte length) plus the 4-byte masked CRC.
    private static let chunkOverhead = 8
    private let maximumChunk = chunkOverhead + snappy_max_compressed_length(pieceSize)

    private let downstream: any ByteSink
    private let output: UnsafeMutableRawBufferPointer
    private var outputFilled = 0
    /// Input waiting for a full piece.
    private let piece: UnsafeMutableRawBufferPointer
    private var pieceFilled = 0
    private var isOpen = true

    init(downstream: any ByteSink) {
        self.downstream = downstream
        output = .allocate(byteCount: Self.outputSize, alignment: 64)
        piece = .allocate(byteCount: Self.pieceSize, alignment: 64)
        Self.streamIdentifier.withUnsafeBytes { output.copyMemory(from: $0) }
        outputFilled = Self.streamIdentifier.count
    }

    deinit {
        output.deallocate()
        piece.deallocate()
    }

    func write(_ bytes: UnsafeRawBufferPointer) throws {
        guard isOpen else { throw ExtractError.sinkClosed("snappy") }
        guard !bytes.isEmpty else { return }
        var offset = 0
        // Top up a partly filled piece first.
        if pieceFilled > 0 {
            let take = min(Self.pieceSize - pieceFilled, bytes.count)
            (piece.baseAddress! + pieceFilled).copyMemory(from: bytes.baseAddress!, byteCount: take)
            pieceFilled += take
            offset = take
            guard pieceFilled == Self.pieceSize else { return }
            try emitChunk(UnsafeRawBufferPointer(piece))
            pieceFilled = 0
        }
        // Whole pieces straight from the caller's buffer, without copying.
        while bytes.count - offset >= Self.pieceSize {
            try emitChunk(UnsafeRawBufferPointer(rebasing: bytes[offset..<(offset + Self.pieceSize)]))
            offset += Self.pieceSize
        }
        let rest = bytes.count - offset
        if rest > 0 {
            piece.baseAddress!.copyMemory(from: bytes.baseAddress! + offset, byteCount: rest)
            pieceFilled = rest
        }
    }

    /// Appends one chunk for `data` (≤ 64 KiB) to the output buffer.
    private func emitChunk(_ data: UnsafeRawBufferPointer) throws {
        if output.count - outputFilled < maximumChunk { try flushOutput() }
        let chunk = output.baseAddress! + outputFilled
        let payload = chunk + Self.chunkOverhead
        var compressedLength = snappy_max_compressed_length(data.count)
        let status = snappy_compress(
            data.baseAddress!.assumingMemoryBound(to: CChar.self),
            data.count,
            payload.assumingMemoryBound(to: CChar.self),
            &compressedLength
        )
        guard status == SNAPPY_OK else {
            isOpen = false
            throw ExtractError.compressionFailed("snappy", "snappy_compress returned status \(status.rawValue)")
        }
        let type: UInt8
        let payloadLength: Int
        if compressedLength < data.count {
            type = Self.compressedChunk
            payloadLength = compressedLength
        } else {
            type = Self.uncompressedChunk
            payloadLength = data.count
            payload.copyMemory(from: data.baseAddress!, byteCount: data.count)
        }
        let length = payloadLength + 4
        chunk.storeBytes(of: type, as: UInt8.self)
        chunk.storeBytes(of: UInt8(truncatingIfNeeded: length), toByteOffset: 1, as: UInt8.self)
        chunk.storeBytes(of: UInt8(truncatingIfNeeded: length >> 8), toByteOffset: 2, as: UInt8.self)
        chunk.storeBytes(of: UInt8(truncatingIfNeeded: length >> 16), toByteOffset: 3, as: UInt8.self)
        let crc = CRC32C.masked(CRC32C.checksum(data))
        chunk.storeBytes(of: crc.littleEndian, toByteOffset: 4, as: UInt32.self)
        outputFilled += Self.chunkOverhead + payloadLength
    }

    private func flushOutput() throws {
        guard outputFilled > 0 else { return }
        try downstream.write(UnsafeRawBufferPointer(rebasing: output[0..<outputFilled]))
        outputFilled = 0
    }

    func finish() throws {
        guard isOpen else { throw ExtractError.sinkClosed("snappy") }
        if pieceFilled > 0 {
            try emitChunk(UnsafeRawBufferPointer(rebasing: piece[0..<pieceFilled]))
            pieceFilled = 0
        }
        try flushOutput()
        isOpen = false
        try downstream.finish()
    }
}
