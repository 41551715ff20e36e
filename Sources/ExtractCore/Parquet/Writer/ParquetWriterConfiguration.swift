extension ParquetWriter {
    /// How a ``ParquetWriter`` lays out and encodes a file. The defaults follow the
    /// compatibility-first profile every mainstream reader accepts (data page V1, dictionary with
    /// PLAIN fallback, statistics, page index, `FileMetaData.version` 1).
    public struct Configuration: Sendable {
        /// The block codec that compresses every page. Its ``Codec/kind`` is the column chunks'
        /// compression. ExtractFormats provides snappy, gzip, zstd and lz4 (`LZ4_RAW`) codecs.
        public var codec: any Codec
        /// A row group ends once its encoded (compressed) pages reach this many bytes. Default 128 MiB.
        public var rowGroupBytes: Int
        /// A row group never holds more rows than this. Default 1,048,576.
        public var rowGroupRowLimit: Int
        /// A data page ends once its encoded values reach this many bytes. Default 1 MiB.
        public var pageBytes: Int
        /// A data page never holds more rows than this. Default 20,000.
        public var pageRowLimit: Int
        /// Dictionary-encode columns (all but BOOLEAN) while the dictionary pays off.
        public var dictionaryEnabled: Bool
        /// The largest dictionary page (PLAIN bytes); past it the rest of the chunk is PLAIN. Default 1 MiB.
        public var dictionaryPageSizeLimit: Int
        /// Write the page index (ColumnIndex + OffsetIndex) after the row groups. Default on.
        public var writePageIndex: Bool
        /// Put a CRC-32 of every page into its header. Default off.
        public var writePageChecksums: Bool
        /// Encode the column chunks of a row group in parallel on the available cores. Default on.
        public var parallelEncoding: Bool
        /// Extra `key_value_metadata` of the footer, written sorted by key.
        public var keyValueMetadata: [String: String]
        /// The footer's `created_by`; defaults to ``ExtractVersion/createdBy``.
        public var createdBy: String

        /// The block compression of the pages (from ``codec``).
        public var compression: BlockCompression { codec.kind }

        /// A configuration; every parameter defaults to the compatibility-first profile.
        public init(
            codec: any Codec = UncompressedCodec(),
            rowGroupBytes: Int = 128 << 20,
            rowGroupRowLimit: Int = 1 << 20,
            pageBytes: Int = 1 << 20,
            pageRowLimit: Int = 20_000,
            dictionaryEnabled: Bool = true,
            dictionaryPageSizeLimit: Int = 1 << 20,
            writePageIndex: Bool = true,
            writePageChecksums: Bool = false,
            parallelEncoding: Bool = true,
            keyValueMetadata: [String: String] = [:],
            createdBy: String = ExtractVersion.createdBy
        ) {
            self.codec = codec
            self.rowGroupBytes = rowGroupBytes
            self.rowGroupRowLimit = rowGroupRowLimit
            self.pageBytes = pageBytes
            self.pageRowLimit = pageRowLimit
            self.dictionaryEnabled = dictionaryEnabled
            self.dictionaryPageSizeLimit = dictionaryPageSizeLimit
            self.writePageIndex = writePageIndex
            self.writePageChecksums = writePageChecksums
            self.parallelEncoding = parallelEncoding
            self.keyValueMetadata = keyValueMetadata
            self.createdBy = createdBy
        }

        /// Rejects sizes that cannot work.
        func validate() throws {
            for (name, value) in [
                ("row group bytes", rowGroupBytes), ("row group row limit", rowGroupRowLimit),
                ("page bytes", pageBytes), ("page row limit", pageRowLimit),
                ("dictionary page size limit", dictionaryPageSizeLimit),
            ] where value < 1 {
                throw ExtractError(.invalidArgument, "Parquet \(name) must be at least 1, got \(value)")
            }
            if pageBytes > Int(Int32.max) / 2 {
                throw ExtractError(.invalidArgument, "Parquet page size must be below 1 GiB, got \(pageBytes)")
            }
        }
    }
}
