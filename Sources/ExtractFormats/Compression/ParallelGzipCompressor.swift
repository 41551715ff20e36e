import Dispatch
import ExtractCore
import Synchronization

/// gzip on several threads: the input is cut into independent 1 MiB pieces, each compressed
/// as its own gzip member on a background thread, and the members are written in order.
///
/// Concatenated members are valid gzip (RFC 1952 §2.2). Each piece starts with an empty
/// dictionary, which costs well under 1% of the ratio at 1 MiB. At most `threads` pieces are
/// compressed at once and one more is being filled, so memory stays near `(threads + 1) × 2 MiB`.
final class ParallelGzipCompressor: ByteSink {
    /// Uncompressed bytes per gzip member.
    static let pieceSize = 1 << 20

    /// One piece on its way through a background thread.
    private final class Job: Sendable {
        let done = DispatchSemaphore(value: 0)
        let result = Mutex<Result<[UInt8], any Error>?>(nil)
    }

    private let codec: GzipCodec
    private let threads: Int
    private let downstream: any ByteSink
    private var piece: [UInt8] = []
    /// Jobs in input order; the first is the oldest.
    private var pending: [Job] = []
    private var membersSubmitted = 0
    private var isOpen = true

    init(level: Int, threads: Int, downstream: any ByteSink) {
        codec = GzipCodec(level: level)
        self.threads = threads
        self.downstream = downstream
        piece.reserveCapacity(Self.pieceSize)
    }

    func write(_ bytes: UnsafeRawBufferPointer) throws {
        guard isOpen else { throw ExtractError.sinkClosed("gzip") }
        var offset = 0
        while offset < bytes.count {
            let take = min(Self.pieceSize - piece.count, bytes.count - offset)
            piece.append(contentsOf: UnsafeRawBufferPointer(rebasing: bytes[offset..<(offset + take)]))
            offset += take
            if piece.count == Self.pieceSize { try submitPiece() }
        }
    }

    func finish() throws {
        guard isOpen else { throw ExtractError.sinkClosed("gzip") }
        // An empty input still becomes one (empty) gzip member, so the file is valid gzip.
        if !piece.isEmpty || membersSubmitted == 0 { try submitPiece() }
        while !pending.isEmpty { try writeOldest() }
        isOpen = false
        try downstream.finish()
    }

    private func submitPiece() throws {
        if pending.count >= threads { try writeOldest() }
        let job = Job()
        let input = piece
        let codec = codec
        DispatchQueue.global(qos: .userInitiated).async {
            var member: [UInt8] = []
            let result = Result<[UInt8], any Error> {
                try input.withUnsafeBytes { try codec.compress($0, into: &member) }
                return member
            }
            job.result.withLock { $0 = result }
            job.done.signal()
        }
        pending.append(job)
        membersSubmitted += 1
        piece = []
        piece.reserveCapacity(Self.pieceSize)
    }

    private func writeOldest() throws {
        let job = pending.removeFirst()
        job.done.wait()
        let result = job.result.withLock { $0.take() }
        do {
            guard let member = try result?.get() else {
                throw ExtractError(.internal, "a gzip piece finished without a result")
            }
            try downstream.write(member)
        } catch {
            isOpen = false
            throw error
        }
    }
}
