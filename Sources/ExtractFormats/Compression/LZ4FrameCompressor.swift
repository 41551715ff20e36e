import CExtractLZ4
import ExtractCore

/// A streaming LZ4 frame compressor (`LZ4F_compressBegin/Update/End`) writing to the sink
/// below in chunks of about 1 MiB. Memory: the 1 MiB block buffer inside the context plus an
/// output buffer of `LZ4F_compressBound(1 MiB)`.
final class LZ4FrameCompressor: ByteSink {
    /// The most input handed to one `LZ4F_compressUpdate` call.
    static let inputSlice = 1 << 20

    private let context: OpaquePointer
    private var preferences: LZ4F_preferences_t
    private let output: UnsafeMutableRawBufferPointer
    private var outputFilled = 0
    /// `LZ4F_compressBound(inputSlice)`: the room one update call may need.
    private let updateBound: Int
    private let downstream: any ByteSink
    private var isOpen = true

    init(level: Int, downstream: any ByteSink) throws {
        var context: OpaquePointer?
        let created = LZ4F_createCompressionContext(&context, UInt32(LZ4F_VERSION))
        guard LZ4F_isError(created) == 0, let context else {
            throw ExtractError.compressionFailed("lz4", "LZ4F_createCompressionContext failed")
        }
        self.context = context
        var preferences = LZ4F_preferences_t()
        preferences.frameInfo.blockSizeID = LZ4F_max1MB
        preferences.frameInfo.blockMode = LZ4F_blockIndependent
        preferences.frameInfo.contentChecksumFlag = LZ4F_contentChecksumEnabled
        preferences.compressionLevel = Int32(level)
        self.preferences = preferences
        updateBound = LZ4F_compressBound(Self.inputSlice, &preferences)
        output = .allocate(byteCount: updateBound + Int(LZ4F_HEADER_SIZE_MAX), alignment: 64)
        self.downstream = downstream
        outputFilled = try check(
            LZ4F_compressBegin(context, output.baseAddress, output.count, &preferences),
            "LZ4F_compressBegin"
        )
    }

    deinit {
        LZ4F_freeCompressionContext(context)
        output.deallocate()
    }

    private func check(_ code: Int, _ call: String) throws -> Int {
        if LZ4F_isError(code) != 0 {
            isOpen = false
            throw ExtractError.compressionFailed("lz4", "\(call): \(String(cString: LZ4F_getErrorName(code)))")
        }
        return code
    }

    private func flushOutput() throws {
        guard outputFilled > 0 else { return }
        try downstream.write(UnsafeRawBufferPointer(rebasing: output[0..<outputFilled]))
        outputFilled = 0
    }

    func write(_ bytes: UnsafeRawBufferPointer) throws {
        guard isOpen else { throw ExtractError.sinkClosed("lz4") }
        guard let base = bytes.baseAddress else { return }
        var offset = 0
        while offset < bytes.count {
            let slice = min(Self.inputSlice, bytes.count - offset)
            if output.count - outputFilled < updateBound { try flushOutput() }
            outputFilled += try check(
                LZ4F_compressUpdate(
                    context,
                    output.baseAddress! + outputFilled,
                    output.count - outputFilled,
                    base + offset,
                    slice,
                    nil
                ),
                "LZ4F_compressUpdate"
            )
            offset += slice
        }
    }

    func finish() throws {
        guard isOpen else { throw ExtractError.sinkClosed("lz4") }
        if output.count - outputFilled < LZ4F_compressBound(0, &preferences) { try flushOutput() }
        outputFilled += try check(
            LZ4F_compressEnd(context, output.baseAddress! + outputFilled, output.count - outputFilled, nil),
            "LZ4F_compressEnd"
        )
        try flushOutput()
        isOpen = false
        try downstream.finish()
    }
}
