import ArgumentParser
import ExtractCore

/// The file-property options of delimited output, shared by every command that writes text.
struct DelimitedArguments: ParsableArguments {
    @Option(
        help: ArgumentHelp(
            "Column delimiter, 1 to 5 characters; \\t or TAB means TAB. Default: the format's (, TAB |).",
            valueName: "s"
        )
    )
    var delimiter: String?

    @Option(help: ArgumentHelp("Quote character, or none. Default: \".", valueName: "c|none"))
    var quote: String?

    @Option(
        help: ArgumentHelp(
            "Escape character for quotes inside quoted values, or none. Default: none (the quote is doubled, RFC 4180).",
            valueName: "c|none"
        )
    )
    var escape: String?

    @Flag(help: "Write no header row.")
    var noHeader = false

    @Option(
        help: ArgumentHelp(
            "Text written for NULL. Default: empty (an empty string is then written as \"\").",
            valueName: "s"
        )
    )
    var nullValue: String?

    @Option(help: "Row delimiter (default lf; \\n and \\r\\n are accepted too).")
    var rowDelimiter: RowDelimiter?

    @Option(help: "Encoding (default utf-8; utf8, utf-8-sig are accepted too).")
    var encoding: TextEncoding?

    @Option(help: "When to quote: minimal (default: values that need it), all, none (refuse values that need quotes).")
    var quoting: QuotingPolicy?

    /// Whether any option was given.
    var isSet: Bool {
        delimiter != nil || quote != nil || escape != nil || noHeader || nullValue != nil
            || rowDelimiter != nil || encoding != nil || quoting != nil
    }
}

/// The Parquet options.
struct ParquetArguments: ParsableArguments {
    @Option(help: ArgumentHelp("Target encoded size of a row group in bytes (default 128 MiB).", valueName: "bytes"))
    var rowGroupSize: Int?

    @Option(help: ArgumentHelp("Target size of a data page in bytes (default 1 MiB).", valueName: "bytes"))
    var pageSize: Int?

    var isSet: Bool { rowGroupSize != nil || pageSize != nil }
}
