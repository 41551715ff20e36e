/// How delimited text is written: the `file_properties_*` columns, decoded and checked.
/// Plain values; ExtractFormats turns them into its writer's options.
public struct FileProperties: Sendable, Hashable {
    /// The byte between fields (`,`, TAB, `|`, ...).
    public var delimiter: UInt8
    /// The quote byte, or `nil` for no quoting at all.
    public var quote: UInt8?
    /// The escape byte for a quote inside a quoted field, or `nil` to double the quote (RFC 4180).
    public var escape: UInt8?
    /// The record terminator: `\n` or `\r\n`.
    public var rowDelimiter: [UInt8]
    /// Whether the first record holds the column names.
    public var header: Bool
    /// The text written for NULL.
    public var nullValue: [UInt8]
    /// The character encoding; only UTF-8 is supported.
    public var encoding: String

    public init(delimiter: UInt8 = UInt8(ascii: ","), quote: UInt8? = UInt8(ascii: "\""), escape: UInt8? = nil,
                rowDelimiter: [UInt8] = [0x0A], header: Bool = true, nullValue: [UInt8] = [],
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
