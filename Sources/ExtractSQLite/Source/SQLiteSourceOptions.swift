import ExtractCore

extension SQLiteSource {
    /// How a ``SQLiteSource`` reads.
    public struct Options: Sendable, Hashable {
        /// What to do about a value that does not fit its column (default ``SQLiteMismatchPolicy/fail``).
        public var mismatchPolicy: SQLiteMismatchPolicy
        /// Rows per batch at most (default ``ExtractCore/ColumnBatch/defaultRowCount``, 65 536).
        public var batchRowCount: Int
        /// A batch ends early once its text and blob bytes pass this (default 64 MiB), so wide
        /// text columns do not make batches huge. At most 1 GiB (column offsets are 32-bit, and
        /// one SQLite value can add up to another 1 GB).
        public var batchByteLimit: Int
        /// Databases to attach before reading.
        public var attachments: [SQLiteAttachment]
        /// How long to wait for a writer's lock before failing (default 5 s).
        public var busyTimeoutMilliseconds: Int

        /// Options with the given values; the defaults suit extracts.
        public init(
            mismatchPolicy: SQLiteMismatchPolicy = .fail,
            batchRowCount: Int = ColumnBatch.defaultRowCount,
            batchByteLimit: Int = 64 << 20,
            attachments: [SQLiteAttachment] = [],
            busyTimeoutMilliseconds: Int = 5_000
        ) {
            self.mismatchPolicy = mismatchPolicy
            self.batchRowCount = max(1, batchRowCount)
            self.batchByteLimit = min(max(1, batchByteLimit), 1 << 30)
            self.attachments = attachments
            self.busyTimeoutMilliseconds = busyTimeoutMilliseconds
        }
    }
}
