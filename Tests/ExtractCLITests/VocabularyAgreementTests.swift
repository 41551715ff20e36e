import ExtractCore
import ExtractFormats
import ExtractSQLite
import ExtractStandard
import ExtractTestSupport
import Foundation
import Testing

/// One option vocabulary: every value of every option, given as a config row column, as an
/// `extract export` flag and through the library API, is accepted on all three with the same
/// meaning. Meaning is checked on the bytes: the file `extract export` writes equals the file
/// the library writes with the options a config row with that value validates to.
@Suite(.serialized) struct VocabularyAgreementTests {
    /// One value of one option.
    struct Case: CustomTestStringConvertible, Sendable {
        var flag: String
        var text: String
        var format: OutputFormat = .csv
        /// Sets the config column to `text`.
        var column: @Sendable (inout ExtractDetailsRecord, String) -> Void
        var testDescription: String { "\(flag) \(text.debugDescription) (\(format.rawValue))" }
    }

    static func delimited(
        _ flag: String,
        _ text: String,
        _ column: @escaping @Sendable (inout ExtractDetailsRecord, String) -> Void
    ) -> Case {
        Case(flag: flag, text: text, column: column)
    }

    static func compression(_ text: String, format: OutputFormat = .csv) -> Case {
        Case(flag: "--compression", text: text, format: format) { d, t in
            d.isCompressed = true; d.compressedType = t
        }
    }

    static func level(_ text: String, kind: String = "gzip", format: OutputFormat = .csv) -> Case {
        Case(flag: "--compression-level", text: text, format: format) { d, t in
            d.isCompressed = true
            d.compressedType = kind
            d.compressedLevel = t
        }
    }

    static let cases: [Case] =
        [",", "\\t", "TAB", "tab", "|", "PIPE", "||", "~|~", ";", "¦", "€€"].map { v in
            delimited("--delimiter", v) { d, t in d.filePropertiesColumnDelimiter = t }
        }
        + ["\"", "'", "", "none"].map { v in delimited("--quote", v) { d, t in d.filePropertiesQuoteCharacter = t } }
        + ["\\", "none", ""].map { v in delimited("--escape", v) { d, t in d.filePropertiesEscapeCharacter = t } }
        + ["lf", "crlf", "LF", "CRLF", "\\n", "\\r\\n"].map { v in
            delimited("--row-delimiter", v) { d, t in d.filePropertiesRowDelimiter = t }
        }
        + ["utf-8", "UTF-8", "utf8", "utf_8", "utf-8-bom", "UTF-8-BOM", "utf8-sig", "utf-8-sig"].map { v in
            delimited("--encoding", v) { d, t in d.filePropertiesEncoding = t }
        }
        + ["\\N", "NULL", "-"].map { v in delimited("--null-value", v) { d, t in d.filePropertiesNullValue = t } }
        + OutputCompression.Kind.allCases.flatMap { kind in
            kind.aliases.flatMap { alias in [compression(alias), compression(alias.uppercased())] }
        }
        + OutputCompression.Kind.allCases.flatMap { kind in kind.aliases.map { compression($0, format: .parquet) } }
        + CompressionLevel.names.flatMap { $0.names }.flatMap { name in [level(name), level(name.uppercased())] }
        + ["0", "1", "9"].map { level($0) }
        + ["1", "22", "fastest", "best"].map { level($0, kind: "zstd") }
        + ["1", "12", "FASTEST"].map { level($0, kind: "lz4") }
        + ["1", "BEST"].map { level($0, kind: "zstd", format: .parquet) }

    /// The same table, read through the standard source registry.
    static let source: String = {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("vocabulary-\(getpid())")
        try? FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        let path = dir.appendingPathComponent("shop.sqlite").path
        if !FileManager.default.fileExists(atPath: path) {
            _ = try? SQLiteConfigStore.initialize(path: path, samples: true)
        }
        return path
    }()

    @Test(arguments: cases)
    func everyValueMeansTheSameOnEveryPath(_ c: Case) async throws {
        let dir = try TemporaryDirectory("vocabulary")
        defer { dir.remove() }
        // 1. The config row.
        let master = ExtractConfigRecord(extractName: "V", extractTableName: "products")
        var details = ExtractDetailsRecord(extractName: "V")
        details.outputFormat = c.format.rawValue
        c.column(&details, c.text)
        var issues: [ValidationIssue] = []
        let job = try #require(
            JobValidator().makeJob(master, details, datastoreIds: [], targetIds: [], issues: &issues)
        )
        #expect(issues.filter { $0.severity == .error }.isEmpty, "config row: \(issues)")

        // 2. The library API parses the text to the same value the config row gave.
        switch c.flag {
        case "--delimiter": #expect(DelimitedOptions.parseDelimiter(c.text) == job.fileProperties.delimiter)
        case "--quote": #expect(try DelimitedOptions.parseQuote(c.text) == job.fileProperties.quote)
        case "--escape": #expect(try DelimitedOptions.parseEscape(c.text) == job.fileProperties.escape)
        case "--row-delimiter": #expect(try RowDelimiter(name: c.text) == job.fileProperties.rowDelimiter)
        case "--encoding": #expect(try TextEncoding(name: c.text) == job.fileProperties.encoding)
        case "--null-value": #expect(c.text == job.fileProperties.nullValue)
        case "--compression": #expect(try OutputCompression.Kind(parsing: c.text) == job.compression.kind)
        default: #expect(try CompressionLevel(parsing: c.text) == job.compression.level)
        }
        #expect(job.compression.problem(for: c.format) == nil)

        // 3. `extract export` accepts the flag and writes what the library writes for the job.
        let cliFile = dir.file("cli.out")
        // Without a quote character, only values that need no quotes can be written.
        let query =
            job.fileProperties.quote == nil
            ? "SELECT product_id, unit_price, launched_date FROM products"
            : "SELECT * FROM products"
        var arguments = [
            "export", "--source", "sqlite:" + Self.source, "--query", query,
            "--format", c.format.rawValue, "--output", cliFile.path, "--quiet",
        ]
        arguments += c.text.hasPrefix("-") ? [c.flag + "=" + c.text] : [c.flag, c.text]
        if c.flag == "--compression-level" { arguments += ["--compression", job.compression.kind.name] }
        let result = try run(TestEnvironment.extractExecutable, arguments)
        #expect(result.status == 0, "extract \(arguments.joined(separator: " ")): \(result.output)")
        guard result.status == 0, c.format.isDelimited, job.compression.kind != .zip else { return }
        let libraryFile = dir.file("library.out")
        let reader = try DataSourceRegistry.standard.makeSource(url: "sqlite:" + Self.source, selection: .query(query))
            .makeReader()
        let codec = try StreamCodecs.make(job.compression, parallelism: StandardEngine.defaultCompressionThreads)
        let sink = try DelimitedSink(
            path: libraryFile.path,
            schema: reader.schema,
            options: job.fileProperties,
            compression: codec
        )
        while let batch = try reader.next() { try sink.write(batch) }
        _ = try sink.finish()
        #expect(try Data(contentsOf: cliFile) == Data(contentsOf: libraryFile), "bytes differ for \(c.testDescription)")
    }

    /// `--quoting` has no config column (the original specification has none): configured jobs
    /// quote minimally, and both other paths agree on every value.
    @Test(arguments: ["minimal", "all", "none", "ALL"])
    func quotingOnTheFlagAndTheLibrary(_ text: String) throws {
        let dir = try TemporaryDirectory("vocabulary")
        defer { dir.remove() }
        let policy = try QuotingPolicy(name: text)
        let cliFile = dir.file("cli.csv")
        let result = try run(
            TestEnvironment.extractExecutable,
            [
                "export", "--source", "sqlite:" + Self.source, "--query", "SELECT product_id FROM products",
                "--format", "csv", "--output", cliFile.path, "--quiet", "--quoting", text,
            ]
        )
        #expect(result.status == 0, "\(result.output)")
        let reader = try DataSourceRegistry.standard.makeSource(
            url: "sqlite:" + Self.source,
            selection: .query("SELECT product_id FROM products")
        ).makeReader()
        var options = DelimitedOptions.csv
        options.quoting = policy
        let libraryFile = dir.file("library.csv")
        let sink = try DelimitedSink(path: libraryFile.path, schema: reader.schema, options: options)
        while let batch = try reader.next() { try sink.write(batch) }
        _ = try sink.finish()
        #expect(try Data(contentsOf: cliFile) == Data(contentsOf: libraryFile))
    }

    /// Values refused on one path are refused on the others too.
    @Test(arguments: [
        ("--compression", "brotli"), ("--compression", "lzma"), ("--compression-level", "fast"),
        ("--row-delimiter", "cr"), ("--encoding", "latin-1"), ("--quote", "ab"),
    ])
    func refusedEverywhere(_ flag: String, _ text: String) throws {
        let result = try run(
            TestEnvironment.extractExecutable,
            [
                "export", "--source", "sqlite:" + Self.source, "--table", "products", "--format", "csv",
                "--output",
                FileManager.default.temporaryDirectory.appendingPathComponent("refused-\(getpid()).csv").path,
                flag, text,
            ]
        )
        #expect(result.status == 2, "\(result.output)")
        var details = ExtractDetailsRecord(extractName: "V")
        switch flag {
        case "--compression": details.isCompressed = true; details.compressedType = text
        case "--compression-level": details.isCompressed = true; details.compressedLevel = text
        case "--row-delimiter": details.filePropertiesRowDelimiter = text
        case "--encoding": details.filePropertiesEncoding = text
        default: details.filePropertiesQuoteCharacter = text
        }
        var issues: [ValidationIssue] = []
        _ = JobValidator().makeJob(
            ExtractConfigRecord(extractName: "V", extractTableName: "t"),
            details,
            datastoreIds: [],
            targetIds: [],
            issues: &issues
        )
        #expect(issues.contains { $0.severity == .error }, "config row with \(text) must be refused")
    }
}
