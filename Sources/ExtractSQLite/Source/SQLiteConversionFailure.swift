/// A value that does not fit its column, as found by ``SQLiteColumnReader``; the batch reader
/// turns it into an ``ExtractCore/ExtractError`` with the object, column, row and value.
struct SQLiteConversionFailure: Error {
    /// What exactly is wrong, when more can be said than "not the expected kind of value".
    var detail: String?

    init(_ detail: String? = nil) {
        self.detail = detail
    }
}
