/// How delimited text is written: the `file_properties_*` columns, decoded and checked. The
/// same type the writer takes (``DelimitedOptions``), so a config row, `extract export` flags and
/// library callers mean the same thing by every value.
///
/// The config tables have no column for ``DelimitedOptions/quoting`` (the original
/// specification has none): configured jobs use ``QuotingPolicy/minimal``, or write no quotes
/// at all when `file_properties_quote_character` is empty. `quoting all` is for
/// `extract export --quoting all` and library callers.
public typealias FileProperties = DelimitedOptions
