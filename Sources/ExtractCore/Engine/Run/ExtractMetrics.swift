#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// What one extract did, measured: rows, files, bytes, time, memory.
public struct ExtractMetrics: Sendable, Hashable, Codable {
    /// Rows read from the source.
    public var rowsExtracted: Int64 = 0
    /// Rows in committed files (equals ``rowsExtracted`` on success).
    public var rowsWritten: Int64 = 0
    /// Committed data files (parts or one archive).
    public var filesGenerated: Int = 0
    /// Bytes on disk of the data files.
    public var bytesWritten: Int64 = 0
    /// Bytes before whole-file compression (equal to ``bytesWritten`` when uncompressed).
    public var uncompressedBytes: Int64 = 0
    /// Wall time from start to the end of the log update, in seconds.
    public var durationSeconds: Double = 0
    /// Resident set size of the process (not a heap measure) before and after, in bytes.
    public var rssBytesBefore: Int64?
    public var rssBytesAfter: Int64?

    public init() {}

    /// Rows written per second (0 when nothing was written or no time passed).
    public var rowsPerSecond: Double {
        durationSeconds > 0 && rowsWritten > 0 ? Double(rowsWritten) / durationSeconds : 0
    }

    /// Uncompressed megabytes per second.
    public var megabytesPerSecond: Double {
        durationSeconds > 0 ? Double(uncompressedBytes) / 1_048_576 / durationSeconds : 0
    }
}

/// The process's resident set size, read from `/proc/self/status` (Linux; `nil` elsewhere).
/// This is RSS: memory pages currently in RAM, not heap usage.
public enum ProcessMemory {
    /// `VmRSS` in bytes, or `nil` when unavailable.
    public static func residentSetBytes() -> Int64? {
        #if os(Linux)
            let fd = open("/proc/self/status", O_RDONLY)
            guard fd >= 0 else { return nil }
            defer { close(fd) }
            var buffer = [UInt8](repeating: 0, count: 8192)
            let n = buffer.withUnsafeMutableBytes { read(fd, $0.baseAddress, $0.count) }
            guard n > 0 else { return nil }
            let text = String(decoding: buffer[0..<n], as: UTF8.self)
            for line in text.split(separator: "\n") where line.hasPrefix("VmRSS:") {
                let digits = line.dropFirst(6).filter { $0.isNumber }
                if let kb = Int64(String(digits)) { return kb * 1024 }
            }
            return nil
        #else
            return nil
        #endif
    }
}
