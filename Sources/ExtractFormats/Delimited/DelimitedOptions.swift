import ExtractCore

/// How a delimited text file (CSV, TSV, pipe-delimited DAT) is spelled.
///
/// Start from a preset and change what differs:
///
/// ```swift
/// var options = DelimitedOptions.csv          // "," with "-quoting, header, LF, UTF-8
/// options.nullValue = "\\N"
/// options.rowDelimiter = .crlf
/// try options.validate()                      // every problem at once
/// ```
///
/// Quoting (see ``QuotingPolicy``): with the default ``QuotingPolicy/minimal`` a value is quoted
/// when it holds the column delimiter, the quote character, the escape character, CR or LF, or
/// when it equals the NULL token (so NULL and the empty string stay distinguishable
/// with the default empty token). Inside quotes, the quote character and the escape character
/// are preceded by the escape character, or, without one, the quote is doubled (RFC 4180).
/// Header names follow the same rules as values.
public struct DelimitedOptions: Sendable, Hashable {
    /// The column delimiter: 1 to 5 characters, without CR, LF, the quote or the escape character.
    public var delimiter: String
    /// The quote character (one ASCII character), or `nil` for none: then no value can be
    /// quoted, and one that would need quotes is refused.
    public var quote: Character?
    /// The character that escapes the quote character and itself inside quoted values (one
    /// ASCII character, e.g. `\`), or `nil` to double quote characters as RFC 4180 does. The
    /// same character as ``quote`` means doubling too.
    public var escape: Character?
    /// Whether the first record holds the column names.
    public var header: Bool
    /// The text written for NULL (default: nothing). It may not hold CR, LF, the delimiter,
    /// the quote or the escape character.
    public var nullValue: String
    /// What ends each record.
    public var rowDelimiter: RowDelimiter
    /// UTF-8 with or without a byte order mark.
    public var encoding: TextEncoding
    /// When values are quoted.
    public var quoting: QuotingPolicy

    /// Creates options; the defaults are those of ``csv``.
    public init(delimiter: String = ",", quote: Character? = "\"", escape: Character? = nil, header: Bool = true,
                nullValue: String = "", rowDelimiter: RowDelimiter = .lf, encoding: TextEncoding = .utf8,
                quoting: QuotingPolicy = .minimal) {
        self.delimiter = delimiter
        self.quote = quote
        self.escape = escape
        self.header = header
        self.nullValue = nullValue
        self.rowDelimiter = rowDelimiter
        self.encoding = encoding
        self.quoting = quoting
    }

    /// Comma-separated values: `,`, `"` quotes doubled, header, LF, UTF-8, minimal quoting, NULL as nothing.
    public static let csv = DelimitedOptions(delimiter: ",")
    /// Tab-separated values: as ``csv`` with a TAB delimiter.
    public static let tsv = DelimitedOptions(delimiter: "\t")
    /// Pipe-delimited DAT: as ``csv`` with a `|` delimiter.
    public static let dat = DelimitedOptions(delimiter: "|")

    /// The preset for a format name: `csv`, `tsv` or `dat` (case-insensitive).
    /// - Throws: ``ExtractError`` (`.invalidArgument`) naming the accepted formats.
    public static func preset(named name: String) throws -> DelimitedOptions {
        switch name.lowercased() {
        case "csv": return .csv
        case "tsv": return .tsv
        case "dat": return .dat
        default:
            throw ExtractError(.invalidArgument, "unknown delimited format; use csv, tsv or dat",
                               context: .init(value: name))
        }
    }

    /// The longest column delimiter, in characters.
    public static let maxDelimiterLength = 5

    /// Every problem of these options, one sentence each; empty when they can be used.
    public var problems: [String] {
        var problems: [String] = []
        let delimiterBytes = Array(delimiter.utf8)
        let quoteByte = Self.asciiByte(quote)
        let escapeByte = Self.asciiByte(escape)
        if delimiter.isEmpty {
            problems.append("the column delimiter is empty; give 1 to \(Self.maxDelimiterLength) characters")
        } else if delimiter.unicodeScalars.count > Self.maxDelimiterLength {
            problems.append("the column delimiter \(Self.show(delimiter)) has \(delimiter.unicodeScalars.count) "
                            + "characters; at most \(Self.maxDelimiterLength) are allowed")
        }
        if delimiterBytes.contains(0x0D) || delimiterBytes.contains(0x0A) {
            problems.append("the column delimiter \(Self.show(delimiter)) holds CR or LF; row breaks cannot separate columns")
        }
        if let quote {
            if quoteByte == nil {
                problems.append("the quote character \(Self.show(String(quote))) is not one ASCII character")
            } else if quoteByte == 0x0D || quoteByte == 0x0A {
                problems.append("the quote character cannot be CR or LF")
            } else if delimiterBytes.contains(quoteByte!) {
                problems.append("the column delimiter \(Self.show(delimiter)) holds the quote character "
                                + "\(Self.show(String(quote))); choose another delimiter or quote")
            }
        }
        if let escape {
            if escapeByte == nil {
                problems.append("the escape character \(Self.show(String(escape))) is not one ASCII character")
            } else if escapeByte == 0x0D || escapeByte == 0x0A {
                problems.append("the escape character cannot be CR or LF")
            } else if delimiterBytes.contains(escapeByte!) {
                problems.append("the column delimiter \(Self.show(delimiter)) holds the escape character "
                                + "\(Self.show(String(escape))); choose another delimiter or escape character")
            }
            if quote == nil {
                problems.append("an escape character needs a quote character (it only escapes inside quoted values); "
                                + "set a quote character or remove the escape character")
            }
        }
        if quoting == .all && quote == nil {
            problems.append("quoting all needs a quote character; set one or choose quoting minimal or none")
        }
        let nullBytes = Array(nullValue.utf8)
        if nullBytes.contains(0x0D) || nullBytes.contains(0x0A) {
            problems.append("the NULL value \(Self.show(nullValue)) holds CR or LF")
        }
        if !delimiterBytes.isEmpty && nullBytes.contains(where: { delimiterBytes.contains($0) }) {
            problems.append("the NULL value \(Self.show(nullValue)) holds a character of the column delimiter "
                            + "\(Self.show(delimiter))")
        }
        if let quoteByte, nullBytes.contains(quoteByte) {
            problems.append("the NULL value \(Self.show(nullValue)) holds the quote character")
        }
        if let escapeByte, escapeByte != quoteByte, nullBytes.contains(escapeByte) {
            problems.append("the NULL value \(Self.show(nullValue)) holds the escape character")
        }
        return problems
    }

    /// Checks the options.
    /// - Throws: one ``ExtractError`` (`.invalidArgument`) listing every problem.
    public func validate() throws {
        let problems = self.problems
        guard !problems.isEmpty else { return }
        throw ExtractError(.invalidArgument, "invalid delimited file options: " + problems.joined(separator: "; "))
    }

    /// The byte of a one-character ASCII `character`, or `nil`.
    static func asciiByte(_ character: Character?) -> UInt8? {
        guard let character, character.utf8.count == 1, let byte = character.utf8.first, byte < 0x80 else { return nil }
        return byte
    }

    /// `text` quoted, with control characters spelled out, for messages.
    static func show(_ text: String) -> String {
        var shown = "\""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\t": shown += "\\t"
            case "\r": shown += "\\r"
            case "\n": shown += "\\n"
            case "\"": shown += "\\\""
            default: shown.unicodeScalars.append(scalar)
            }
        }
        return shown + "\""
    }
}
