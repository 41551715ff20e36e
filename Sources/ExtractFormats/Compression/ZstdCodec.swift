import CExtractZstd
import ExtractCore

/// Parquet `ZSTD`: each page is one zstd frame (`ZSTD_compress`).
public struct ZstdCodec: Codec {
    /// The zstd level (1 fastest … 22 smallest; negative levels are faster still).
    public let level: Int

    /// The default level, 3 (`ZSTD_CLEVEL_DEFAULT`).
    public static let defaultLevel = Int(ZSTD_CLEVEL_DEFAULT)
    /// The levels this library accepts (`ZSTD_minCLevel()...ZSTD_maxCLevel()`).
    public static var levels: ClosedRange<Int> { Int(ZSTD_minCLevel())...Int(ZSTD_maxCLevel()) }

    /// Creates the codec; a `level` outside ``levels`` is clamped into it, and 0 means the default.
    public init(level: Int = ZstdCodec.defaultLevel) {
        let levels = Self.levels
        self.level = level == 0 ? Self.defaultLevel : min(max(level, levels.lowerBound), levels.upperBound)
    }

    public var kind: BlockCompression { .zstd }

    /// Appends one zstd frame holding `input` to `output`, compressing straight into the
    /// array's spare capacity.
    public func compress(_ input: UnsafeRawBufferPointer, into output: inout [UInt8]) throws {
        let bound = ZSTD_compressBound(input.count)
        guard ZSTD_isError(bound) == 0 else {
            throw ExtractError.compressionFailed("zstd", "ZSTD_compressBound rejected a block of \(input.count) bytes")
        }
        try output.appendCompressed(maximumCount: bound) { destination in
            let written = input.withNonNullBase { source in
                ZSTD_compress(destination.baseAddress, destination.count, source, input.count, Int32(level))
            }
            guard ZSTD_isError(written) == 0 else {
                throw ExtractError.compressionFailed("zstd", String(cString: ZSTD_getErrorName(written)))
            }
            return written
        }
    }

    /// Restores one or more concatenated zstd frames holding exactly `uncompressedCount` bytes.
    public func decompress(_ input: UnsafeRawBufferPointer, uncompressedCount: Int, into output: inout [UInt8]) throws {
        try input.withNonNullBase { source in
            try output.appendDecompressed(count: uncompressedCount) { destination in
                var placeholder: UInt8 = 0
                let written = withUnsafeMutableBytes(of: &placeholder) { spare in
                    ZSTD_decompress(
                        destination.baseAddress ?? spare.baseAddress,
                        destination.count,
                        source,
                        input.count
                    )
                }
                guard ZSTD_isError(written) == 0 else {
                    throw ExtractError.decompressionFailed("zstd", String(cString: ZSTD_getErrorName(written)))
                }
                return written
            }
        }
    }
}
