import ArgumentParser

/// The file-property options of delimited output, shared by every command that writes text.
struct DelimitedArguments: ParsableArguments {
    @Option(help: ArgumentHelp("Column delimiter, 1 to 5 characters; \\t means TAB. Default: the format's (, TAB |).", valueName: "s"))
    var delimiter: String?

    @Option(help: ArgumentHelp("Quote character, or none. Default: \".", valueName: "c|none"))
    var quote: String?

    @Option(help: ArgumentHelp("Escape character for quotes inside quoted values. Default: none (the quote is doubled, RFC 4180).", valueName: "c"))
    var escape: String?

    @Flag(help: "Write no header row.")
    var noHeader = false

    @Option(help: ArgumentHelp("Text written for NULL. Default: empty (an empty string is then written as \"\").", valueName: "s"))
    var nullValue: String?

    @Option(help: ArgumentHelp("Row delimiter: lf (default) or crlf.", valueName: "lf|crlf"))
    var rowDelimiter: String?

    @Option(help: ArgumentHelp("Encoding: utf-8 (default) or utf-8-bom.", valueName: "name"))
    var encoding: String?

    @Option(help: ArgumentHelp("When to quote: minimal (default: only values that need it), all, or none (refuse values that would need it).", valueName: "policy"))
    var quoting: String?

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
