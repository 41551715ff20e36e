import ExtractCore
import ExtractFormats
import Testing

/// DelimitedOptions: presets, names, and validation that reports every problem at once.
@Suite struct DelimitedOptionsTests {
    @Test func presets() throws {
        #expect(DelimitedOptions.csv.delimiter == ",")
        #expect(DelimitedOptions.tsv.delimiter == "\t")
        #expect(DelimitedOptions.dat.delimiter == "|")
        for preset in [DelimitedOptions.csv, .tsv, .dat] {
            #expect(preset.quote == "\"")
            #expect(preset.escape == nil)
            #expect(preset.header)
            #expect(preset.nullValue == "")
            #expect(preset.rowDelimiter == .lf)
            #expect(preset.encoding == .utf8)
            #expect(preset.quoting == .minimal)
            #expect(preset.problems.isEmpty)
        }
        #expect(try DelimitedOptions.preset(named: "TSV") == .tsv)
        #expect(throws: ExtractError.self) { try DelimitedOptions.preset(named: "json") }
    }

    @Test func delimitersOfOneToFiveCharacters() {
        for delimiter in [",", "||", "~|~", ";;;;", "<sep>", "¦", "\t\t"] {
            #expect(DelimitedOptions(delimiter: delimiter).problems.isEmpty, "\(delimiter)")
        }
        #expect(DelimitedOptions(delimiter: "").problems == ["the column delimiter is empty; give 1 to 5 characters"])
        #expect(DelimitedOptions(delimiter: "<sep>>").problems.first?.contains("has 6 characters; at most 5") == true)
        #expect(DelimitedOptions(delimiter: "a\nb").problems.first?.contains("CR or LF") == true)
        #expect(DelimitedOptions(delimiter: "\r\n").problems.count == 1)
        #expect(DelimitedOptions(delimiter: "\"|").problems.first?.contains("quote character") == true)
        #expect(DelimitedOptions(delimiter: "\\|", escape: "\\").problems.first?.contains("escape character") == true)
    }

    @Test func quoteAndEscapeCharacters() {
        #expect(DelimitedOptions(quote: "'").problems.isEmpty)
        #expect(DelimitedOptions(quote: nil).problems.isEmpty)
        #expect(DelimitedOptions(escape: "\\").problems.isEmpty)
        #expect(DelimitedOptions(escape: "\"").problems.isEmpty)  // same as the quote: doubling
        #expect(DelimitedOptions(quote: "é").problems == ["the quote character \"é\" is not one ASCII character"])
        #expect(DelimitedOptions(quote: "\n").problems == ["the quote character cannot be CR or LF"])
        #expect(DelimitedOptions(escape: "€").problems == ["the escape character \"€\" is not one ASCII character"])
        #expect(DelimitedOptions(quote: nil, escape: "\\").problems.isEmpty)  // nothing is quoted, nothing escaped
        #expect(
            DelimitedOptions(quote: nil, quoting: .all).problems
                == ["quoting all needs a quote character; set one or choose quoting minimal or none"]
        )
    }

    @Test func nullValue() {
        #expect(DelimitedOptions(nullValue: "\\N").problems.isEmpty)
        #expect(DelimitedOptions(nullValue: "NULL").problems.isEmpty)
        #expect(DelimitedOptions(nullValue: "a,b").problems.first?.contains("column delimiter") == true)
        #expect(DelimitedOptions(nullValue: "\"\"").problems.first?.contains("quote character") == true)
        #expect(DelimitedOptions(nullValue: "\n").problems.first?.contains("CR or LF") == true)
        #expect(DelimitedOptions(escape: "\\", nullValue: "\\N").problems.first?.contains("escape character") == true)
    }

    @Test func validateReportsEveryProblemAtOnce() throws {
        let options = DelimitedOptions(delimiter: "", quote: "é", escape: "€", nullValue: "x\ny", quoting: .all)
        #expect(options.problems.count == 4)
        let error = try #require(throws: ExtractError.self) { try options.validate() }
        #expect(error.code == .invalidArgument)
        for fragment in ["delimiter is empty", "quote character \"é\"", "escape character \"€\"", "NULL value"] {
            #expect(error.message.contains(fragment), "\(fragment) in \(error.message)")
        }
        #expect(throws: Never.self) { try DelimitedOptions.csv.validate() }
    }

    @Test func names() throws {
        #expect(try TextEncoding(name: "UTF-8") == .utf8)
        #expect(try TextEncoding(name: "utf8") == .utf8)
        #expect(try TextEncoding(name: "utf-8-bom") == .utf8BOM)
        #expect(try TextEncoding(name: "UTF-8-SIG") == .utf8BOM)
        let error = try #require(throws: ExtractError.self) { try TextEncoding(name: "latin1") }
        #expect(error.code == .unsupported)
        #expect(error.message.contains("utf-8 or utf-8-bom"))
        #expect(error.context.value == "latin1")
        #expect(try RowDelimiter(name: "CRLF") == .crlf)
        #expect(try RowDelimiter(name: "\\n") == .lf)
        #expect(try RowDelimiter(name: "\r\n") == .crlf)
        #expect(throws: ExtractError.self) { try RowDelimiter(name: "cr") }
        #expect(RowDelimiter.crlf.bytes == [13, 10])
        #expect(try QuotingPolicy(name: "ALL") == .all)
        #expect(throws: ExtractError.self) { try QuotingPolicy(name: "some") }
    }
}
