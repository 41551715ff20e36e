import ExtractCore

extension StandardSinkFactory {
    /// Parquet output. Pending the Parquet writer merge: refuses with a clear error.
    func makeParquetSink(for request: SinkRequest, level: CompressionLevel) throws -> any DataSink {
        throw ExtractError(.unsupported, "Parquet output is not available in this build yet",
                           context: .init(job: request.extractName))
    }
}
