import ExtractCore

/// The byte-level spelling of validated ``DelimitedOptions``: the delimiter, row delimiter and
/// NULL token as bytes, and a 256-entry table that classifies every byte value, so deciding
/// whether a value needs quotes is one table lookup per byte.
final class DelimitedSyntax {
    /// Table flag: the byte makes a value need quotes (a delimiter byte, the quote, the escape, CR, LF).
    static let special: UInt8 = 1
    /// Table flag: inside quotes the byte is preceded by ``escapeOut`` (the quote and the escape character).
    static let escaped: UInt8 = 2

    /// 256 entries of ``special`` | ``escaped`` flags.
    let table: UnsafeMutablePointer<UInt8>
    let delimiter: [UInt8]
    let rowDelimiter: [UInt8]
    let nullToken: [UInt8]
    /// The quote byte, if any.
    let quote: UInt8?
    /// The escape byte, if any (never equal to ``quote``: the same character means doubling).
    let escape: UInt8?
    /// The byte put before a quote or escape byte inside quotes: the escape character, or the quote (doubling).
    let escapeOut: UInt8
    let policy: QuotingPolicy
    let options: DelimitedOptions

    /// `options` must be valid (``DelimitedOptions/validate()``).
    init(_ options: DelimitedOptions) {
        self.options = options
        delimiter = Array(options.delimiter.utf8)
        rowDelimiter = options.rowDelimiter.bytes
        nullToken = Array(options.nullValue.utf8)
        quote = DelimitedOptions.asciiByte(options.quote)
        // Without a quote nothing is quoted, so there is nothing to escape.
        let escapeByte = quote == nil ? nil : DelimitedOptions.asciiByte(options.escape)
        escape = escapeByte == quote ? nil : escapeByte
        escapeOut = escape ?? quote ?? 0
        policy = options.quoting
        table = .allocate(capacity: 256)
        table.initialize(repeating: 0, count: 256)
        for byte in delimiter { table[Int(byte)] |= Self.special }
        table[0x0D] |= Self.special
        table[0x0A] |= Self.special
        if let quote { table[Int(quote)] |= Self.special | Self.escaped }
        if let escape { table[Int(escape)] |= Self.special | Self.escaped }
    }

    deinit { table.deallocate() }

    /// Whether any of `alphabet` has `flag` in the table.
    func hasAny(_ flag: UInt8, in alphabet: [UInt8]) -> Bool {
        alphabet.contains { table[Int($0)] & flag != 0 }
    }

    /// Whether `token` is made only of `alphabet` bytes (so a rendering could equal it).
    func nullToken(couldBeSpelledWith alphabet: [UInt8]) -> Bool {
        !nullToken.isEmpty && nullToken.allSatisfy { alphabet.contains($0) }
    }

    /// Whether `n` bytes at `p` equal the NULL token.
    @inline(__always)
    func equalsNullToken(_ p: UnsafePointer<UInt8>, _ n: Int) -> Bool {
        guard n == nullToken.count else { return false }
        return nullToken.withUnsafeBufferPointer { token in
            n == 0 || memcmp(token.baseAddress!, p, n) == 0
        }
    }

    /// Why `n` bytes at `p` cannot be written without quotes, or `nil` when they can.
    ///
    /// For multi-character delimiters see ``holdsDelimiter(_:)``.
    func unquotedProblem(_ p: UnsafePointer<UInt8>, _ n: Int) -> String? {
        let value = UnsafeBufferPointer(start: p, count: n)
        if equalsNullToken(p, n) {
            return "it equals the NULL token \(DelimitedOptions.show(options.nullValue)), so readers would see NULL"
        }
        if value.contains(0x0D) || value.contains(0x0A) {
            return "it holds a line break (CR or LF)"
        }
        if holdsDelimiter(value) {
            return "it holds the column delimiter \(DelimitedOptions.show(options.delimiter))"
        }
        if let quote, value.contains(quote) {
            return "it holds the quote character \(DelimitedOptions.show(String(UnicodeScalar(quote))))"
        }
        if let escape, value.contains(escape) {
            return "it holds the escape character \(DelimitedOptions.show(String(UnicodeScalar(escape))))"
        }
        return nil
    }

    /// Whether `value` holds the delimiter, or could run into a neighbouring delimiter: for a
    /// multi-character delimiter, also when the value ends with the delimiter's start or begins
    /// with its end (with `||`: `a|` and `|a`), so that no reader can match a delimiter that
    /// straddles the field boundary.
    func holdsDelimiter(_ value: UnsafeBufferPointer<UInt8>) -> Bool {
        let d = delimiter
        let m = d.count
        let n = value.count
        if m == 1 { return value.contains(d[0]) }
        if n >= m {
            for start in 0...(n - m) where value[start] == d[0] {
                var match = true
                for j in 1..<m where value[start + j] != d[j] {
                    match = false
                    break
                }
                if match { return true }
            }
        }
        for k in 1..<m where k <= n {
            if (0..<k).allSatisfy({ value[n - k + $0] == d[$0] }) { return true }  // ends with d[..<k]
            if (0..<k).allSatisfy({ value[$0] == d[m - k + $0] }) { return true }  // begins with d[(m-k)...]
        }
        return false
    }

    /// Whether `n` bytes at `p`, in which the table found a special byte, really need quotes:
    /// for a multi-byte delimiter a byte of it alone is no reason (see ``holdsDelimiter(_:)``).
    func needsQuotes(_ p: UnsafePointer<UInt8>, _ n: Int) -> Bool {
        let value = UnsafeBufferPointer(start: p, count: n)
        if delimiter.count == 1 { return true }
        for byte in value where byte == 0x0D || byte == 0x0A || byte == quote || byte == escape {
            return true
        }
        return holdsDelimiter(value)
    }
}

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif
