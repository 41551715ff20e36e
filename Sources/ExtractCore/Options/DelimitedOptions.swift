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
    /// same character as ``quote`` means doubling too. Without a quote character nothing is
    /// quoted, so the escape character is ignored (the original configuration's defaults are
    /// quote `""` for DAT files and escape `\`).
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
    public init(
        delimiter: String = ",",
        quote: Character? = "\"",
        escape: Character? = nil,
        header: Bool = true,
        nullValue: String = "",
        rowDelimiter: RowDelimiter = .lf,
        encoding: TextEncoding = .utf8,
        quoting: QuotingPolicy = .minimal
    ) {
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

    /// The preset of a format (``csv`` for Parquet, whose files have no delimited options).
    public static func preset(_ format: OutputFormat) -> DelimitedOptions {
        switch format {
        case .csv, .parquet: return .csv
        case .tsv: return .tsv
        case .dat: return .dat
        }
    }

    /// The preset for a format name: `csv`, `tsv` or `dat` (case-insensitive).
    /// - Throws: ``ExtractError`` (`.invalidArgument`) naming the accepted formats.
    public static func preset(named name: String) throws -> DelimitedOptions {
        let format = try? OutputFormat(parsing: name)
        guard let format, format.isDelimited else {
            throw ExtractError(
                .invalidArgument,
                "unknown delimited format; use csv, tsv or dat",
                context: .init(value: name)
            )
        }
        return preset(format)
    }

    /// The longest column delimiter, in characters.
    public static let maxDelimiterLength = 5

    /// Every problem of these options, one sentence each; empty when they can be used.
    public var problems: [String] { optionProblems.map(\.message) }

    /// One problem of a set of options: the option at fault and what is wrong.
    public struct Problem: Sendable, Hashable, CustomStringConvertible {
        /// The options a problem can be about.
        public enum Option: String, Sendable, Hashable, CaseIterable {
            case delimiter, quote, escape, nullValue, quoting
        }
        /// The option at fault.
        public var option: Option
        /// What is wrong and what to do.
        public var message: String
        public var description: String { message }
    }

    /// Every problem of these options with the option it concerns (config validation names the
    /// column, `extract export` the flag). These are the only delimited-option rules: the
    /// writer, config validation and both CLI paths all apply them.
    public var optionProblems: [Problem] {
        var problems: [Problem] = []
        func add(_ option: Problem.Option, _ message: String) {
            problems.append(Problem(option: option, message: message))
        }
        let delimiterBytes = Array(delimiter.utf8)
        let quoteByte = Self.asciiByte(quote)
        let escapeByte = Self.asciiByte(escape)
        if delimiter.isEmpty {
            add(.delimiter, "the column delimiter is empty; give 1 to \(Self.maxDelimiterLength) characters")
        } else if delimiter.unicodeScalars.count > Self.maxDelimiterLength {
            add(
                .delimiter,
                "the column delimiter \(Self.show(delimiter)) has \(delimiter.unicodeScalars.count) "
                    + "characters; at most \(Self.maxDelimiterLength) are allowed"
            )
        }
        if delimiterBytes.contains(0x0D) || delimiterBytes.contains(0x0A) {
            add(
                .delimiter,
                "the column delimiter \(Self.show(delimiter)) holds CR or LF; row breaks cannot separate columns"
            )
        }
        if let quote {
            if quoteByte == nil {
                add(.quote, "the quote character \(Self.show(String(quote))) is not one ASCII character")
            } else if quoteByte == 0x0D || quoteByte == 0x0A {
                add(.quote, "the quote character cannot be CR or LF")
            } else if delimiterBytes.contains(quoteByte!) {
                add(
                    .quote,
                    "the column delimiter \(Self.show(delimiter)) holds the quote character "
                        + "\(Self.show(String(quote))); choose another delimiter or quote"
                )
            }
        }
        if let escape, quote != nil {
            if escapeByte == nil {
                add(.escape, "the escape character \(Self.show(String(escape))) is not one ASCII character")
            } else if escapeByte == 0x0D || escapeByte == 0x0A {
                add(.escape, "the escape character cannot be CR or LF")
            } else if delimiterBytes.contains(escapeByte!) {
                add(
                    .escape,
                    "the column delimiter \(Self.show(delimiter)) holds the escape character "
                        + "\(Self.show(String(escape))); choose another delimiter or escape character"
                )
            }
        }
        if quoting == .all && quote == nil {
            add(.quoting, "quoting all needs a quote character; set one or choose quoting minimal or none")
        }
        let nullBytes = Array(nullValue.utf8)
        if nullBytes.contains(0x0D) || nullBytes.contains(0x0A) {
            add(.nullValue, "the NULL value \(Self.show(nullValue)) holds CR or LF")
        }
        if !delimiterBytes.isEmpty && nullBytes.contains(where: { delimiterBytes.contains($0) }) {
            add(
                .nullValue,
                "the NULL value \(Self.show(nullValue)) holds a character of the column delimiter "
                    + "\(Self.show(delimiter))"
            )
        }
        if let quoteByte, nullBytes.contains(quoteByte) {
            add(.nullValue, "the NULL value \(Self.show(nullValue)) holds the quote character")
        }
        if quote != nil, let escapeByte, escapeByte != quoteByte, nullBytes.contains(escapeByte) {
            add(.nullValue, "the NULL value \(Self.show(nullValue)) holds the escape character")
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

    // MARK: - Text forms (config rows, `extract export` flags and library callers alike)

    /// A delimiter as written in a config row or a flag: the words `TAB`, `PIPE`, `COMMA`
    /// (any case), or text with the escapes `\t`, `\n`, `\r`, `\\` decoded (so `\t` is a TAB).
    /// Any Unicode characters are kept; ``optionProblems`` judges the result.
    public static func parseDelimiter(_ text: String) -> String {
        switch text.uppercased() {
        case "TAB": return "\t"
        case "PIPE": return "|"
        case "COMMA": return ","
        default: return unescape(text)
        }
    }

    /// A quote character as written: empty or `none` (any case) for no quoting, else one
    /// character (escapes decoded, so `\t` works).
    /// - Throws: ``ExtractError`` (`.invalidArgument`) for more than one character.
    public static func parseQuote(_ text: String) throws -> Character? {
        try parseCharacter(text, what: "the quote character", emptyMeans: "no quoting")
    }

    /// An escape character as written: empty or `none` for none (the quote is doubled), else one
    /// character.
    /// - Throws: ``ExtractError`` (`.invalidArgument`) for more than one character.
    public static func parseEscape(_ text: String) throws -> Character? {
        try parseCharacter(text, what: "the escape character", emptyMeans: "double the quote")
    }

    static func parseCharacter(_ text: String, what: String, emptyMeans: String) throws -> Character? {
        if text.lowercased() == "none" { return nil }
        let decoded = unescape(text)
        if decoded.isEmpty { return nil }
        guard decoded.count == 1, let character = decoded.first else {
            throw ExtractError(
                .invalidArgument,
                "\(what) must be one character, or empty or none (\(emptyMeans))",
                context: .init(value: text)
            )
        }
        return character
    }

    /// `text` with `\t`, `\n`, `\r` and `\\` decoded (config rows often store them so).
    static func unescape(_ text: String) -> String {
        var out = ""
        var iterator = text.makeIterator()
        while let c = iterator.next() {
            guard c == "\\" else { out.append(c); continue }
            guard let next = iterator.next() else { out.append(c); break }
            switch next {
            case "t": out.append("\t")
            case "n": out.append("\n")
            case "r": out.append("\r")
            case "\\": out.append("\\")
            default: out.append(c); out.append(next)
            }
        }
        return out
    }

    /// The byte of a one-character ASCII `character`, or `nil`.
    package static func asciiByte(_ character: Character?) -> UInt8? {
        guard let character, character.utf8.count == 1, let byte = character.utf8.first, byte < 0x80 else { return nil }
        return byte
    }

    /// `text` quoted, with control characters spelled out, for messages.
    package static func show(_ text: String) -> String {
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
