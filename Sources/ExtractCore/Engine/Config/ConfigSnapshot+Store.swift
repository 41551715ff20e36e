/// A snapshot is a ``ConfigStore`` of its own rows: an engine built on one plans and runs
/// exactly the rows that were loaded (as ``ConfigValidation`` and the resolvers saw them).
extension ConfigSnapshot: ConfigStore {
    public func loadSnapshot() async throws -> ConfigSnapshot { self }
}
