import CExtractZstd
import ExtractCore

/// A streaming zstd compressor (`ZSTD_compressStream2`) writing one frame, in 1 MiB output
/// chunks, to the sink below. Memory: the compression context (a few MiB at level 3, more at
/// high levels) plus the output buffer.
final class ZstdCompressor: ByteSink {
    static let outputSize = 1 << 20

    private let context: OpaquePointer
    private let output: UnsafeMutableRawBufferPointer
    private var outputFilled = 0
    private let downstream: any ByteSink
    private var isOpen = true

    init(level: Int, workers: Int, downstream: any ByteSink) throws {
        guard let context = ZSTD_createCCtx() else {
            throw ExtractError.compressionFailed("zstd", "ZSTD_createCCtx returned nil")
        }
        self.context = context
        output = .allocate(byteCount: Self.outputSize, alignment: 64)
        self.downstream = downstream
        try check(ZSTD_CCtx_setParameter(context, ZSTD_c_compressionLevel, Int32(level)), "set level \(level)")
        try check(ZSTD_CCtx_setParameter(context, ZSTD_c_checksumFlag, 1), "enable checksum")
        if workers > 0 {
            try check(ZSTD_CCtx_setParameter(context, ZSTD_c_nbWorkers, Int32(workers)), "use \(workers) threads")
        }
    }

    deinit {
        ZSTD_freeCCtx(context)
        output.deallocate()
    }

    private func check(_ code: Int, _ action: String) throws {
        if ZSTD_isError(code) != 0 {
            isOpen = false
            throw ExtractError.compressionFailed(
                "zstd",
                "cannot \(action): \(String(cString: ZSTD_getErrorName(code)))"
            )
        }
    }

    private func flushOutput() throws {
        guard outputFilled > 0 else { return }
        try downstream.write(UnsafeRawBufferPointer(rebasing: output[0..<outputFilled]))
        outputFilled = 0
    }

    /// Runs `ZSTD_compressStream2` until the input is consumed (`continue`) or the frame is
    /// complete (`end`).
    private func compress(_ bytes: UnsafeRawBufferPointer, _ directive: ZSTD_EndDirective) throws {
        var input = ZSTD_inBuffer(src: bytes.baseAddress, size: bytes.count, pos: 0)
        while true {
            if outputFilled == output.count { try flushOutput() }
            var out = ZSTD_outBuffer(dst: output.baseAddress, size: output.count, pos: outputFilled)
            let remaining = ZSTD_compressStream2(context, &out, &input, directive)
            try check(remaining, "compress")
            outputFilled = out.pos
            if directive == ZSTD_e_end ? remaining == 0 : input.pos == input.size { return }
        }
    }

    func write(_ bytes: UnsafeRawBufferPointer) throws {
        guard isOpen else { throw ExtractError.sinkClosed("zstd") }
        guard !bytes.isEmpty else { return }
        try compress(bytes, ZSTD_e_continue)
    }

    func finish() throws {
        guard isOpen else { throw ExtractError.sinkClosed("zstd") }
        try compress(UnsafeRawBufferPointer(start: nil, count: 0), ZSTD_e_end)
        try flushOutput()
        isOpen = false
        try downstream.finish()
    }
}
