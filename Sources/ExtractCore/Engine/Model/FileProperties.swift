/// How delimited text is written: the `file_properties_*` columns, decoded and checked.
/// Plain values; ExtractFormats turns them into its writer's options.
public struct FileProperties: Sendable, Hashable {
    /// The text between fields: 1 to 5 characters (`,`, TAB, `|`, `||`, ...).
    public var delimiter: String
    /// The quote character (ASCII), or `nil` for no quoting at all.
    public var quote: Character?
    /// The escape character for a quote inside a quoted field, or `nil` to double the quote (RFC 4180).
    public var escape: Character?
    /// The record terminator: `\n` or `\r\n`.
    public var rowDelimiter: [UInt8]
    /// Whether the first record holds the column names.
    public var header: Bool
    /// The text written for NULL.
    public var nullValue: String
    /// `UTF-8` or `UTF-8-BOM` (text is written as the source's UTF-8 bytes).
    public var encoding: String

    /// Creates a value with the given parts.
    public init(delimiter: String = ",", quote: Character? = "\"", escape: Character? = nil,
                rowDelimiter: [UInt8] = [0x0A], header: Bool = true, nullValue: String = "",
                encoding: String = "UTF-8") {
        self.delimiter = delimiter
        self.quote = quote
        self.escape = escape
        self.rowDelimiter = rowDelimiter
        self.header = header
        self.nullValue = nullValue
        self.encoding = encoding
    }
}
