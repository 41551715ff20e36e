import ExtractCore
import ExtractFormats
import ExtractTestSupport
import Foundation
import Testing

/// DelimitedWriter: exact bytes for every option, quoting rule and refusal.
@Suite struct DelimitedWriterTests {
    typealias F = DelimitedFixture

    /// id + note rows covering every quoting reason.
    static let notes: [String?] = [
        "a", "", nil, "x,y", "say \"hi\"", "line\nbreak", " padded ", "\"lead", "cr\rlf\r\n", "tab\there",
        "pipe|here", "back\\slash", "\\N", "NULL", "O'Brien",
    ]

    static var notesBatch: ColumnBatch {
        F.batch([("id", F.int64(.int64, (1...Int64(notes.count)).map { $0 })), ("note", F.strings(notes))])
    }

    @Test func csvDefaults() throws {
        #expect(
            try F.text(Self.notesBatch) == """
                id,note
                1,a
                2,""
                3,
                4,"x,y"
                5,"say ""hi\"""
                6,"line
                break"
                7, padded\u{20}
                8,\"""lead"
                9,"cr\rlf\r\n"
                10,tab\there
                11,pipe|here
                12,back\\slash
                13,\\N
                14,NULL
                15,O'Brien

                """
        )
    }

    @Test func tsvAndDatQuoteTheirOwnDelimiter() throws {
        let tsv = try F.text(Self.notesBatch, options: .tsv)
        #expect(tsv.hasPrefix("id\tnote\n1\ta\n2\t\"\"\n3\t\n4\tx,y\n"))
        #expect(tsv.contains("\n10\t\"tab\there\"\n11\tpipe|here\n"))
        let dat = try F.text(Self.notesBatch, options: .dat)
        #expect(dat.hasPrefix("id|note\n1|a\n2|\"\"\n3|\n4|x,y\n"))
        #expect(dat.contains("\n10|tab\there\n11|\"pipe|here\"\n"))
    }

    @Test func nullTokenKeepsEmptyStringBare() throws {
        var options = DelimitedOptions.csv
        options.nullValue = "\\N"
        let text = try F.text(Self.notesBatch, options: options)
        #expect(text.hasPrefix("id,note\n1,a\n2,\n3,\\N\n4,\"x,y\"\n"))
        // A text equal to the token is quoted, as PostgreSQL's CSV COPY reads it: not NULL.
        #expect(text.contains("\n12,back\\slash\n13,\"\\N\"\n14,NULL\n"))
        options.nullValue = "NULL"
        let withNullWord = try F.text(Self.notesBatch, options: options)
        #expect(withNullWord.contains("\n2,\n3,NULL\n"))
        #expect(withNullWord.contains("\n13,\\N\n14,\"NULL\"\n"))
    }

    @Test func escapeCharacter() throws {
        var options = DelimitedOptions.csv
        options.escape = "\\"
        let text = try F.text(Self.notesBatch, options: options)
        #expect(text.contains("\n5,\"say \\\"hi\\\"\"\n"))
        #expect(text.contains("\n8,\"\\\"lead\"\n"))
        #expect(text.contains("\n12,\"back\\\\slash\"\n13,\"\\\\N\"\n"))
        options.escape = "\""  // the quote itself: doubling, like nil
        #expect(try F.text(Self.notesBatch, options: options) == (try F.text(Self.notesBatch)))
    }

    @Test func otherQuoteCharacter() throws {
        var options = DelimitedOptions.csv
        options.quote = "'"
        let text = try F.text(Self.notesBatch, options: options)
        #expect(text.contains("\n4,'x,y'\n5,say \"hi\"\n"))
        #expect(text.contains("\n15,'O''Brien'\n"))
        #expect(text.contains("\n2,''\n"))
    }

    @Test func crlfBomAndNoHeader() throws {
        var options = DelimitedOptions.csv
        options.rowDelimiter = .crlf
        options.encoding = .utf8BOM
        let bytes = try F.write(
            [F.batch([("a", F.strings(["x", "y\r\nz"])), ("b", F.int32(.int32, [1, nil]))])],
            options: options
        )
        #expect(bytes == [0xEF, 0xBB, 0xBF] + Array("a,b\r\nx,1\r\n\"y\r\nz\",\r\n".utf8))
        options.header = false
        options.encoding = .utf8
        #expect(try F.write([F.batch([("a", F.strings(["x"]))])], options: options) == Array("x\r\n".utf8))
        // No header and no rows: an empty file; BOM only: just the BOM.
        #expect(try F.write([F.batch([("a", F.strings([]))])], options: options) == [])
        options.encoding = .utf8BOM
        #expect(try F.write([F.batch([("a", F.strings([]))])], options: options) == [0xEF, 0xBB, 0xBF])
    }

    @Test func headerNamesFollowTheQuotingRules() throws {
        let batch = F.batch([
            ("plain", F.int64(.int64, [1])), ("a,b", F.int64(.int64, [2])),
            ("say \"x\"", F.int64(.int64, [3])), ("", F.int64(.int64, [4])),
            ("Café", F.int64(.int64, [5])),
        ])
        #expect(try F.text(batch) == "plain,\"a,b\",\"say \"\"x\"\"\",\"\",Café\n1,2,3,4,5\n")
        var none = DelimitedOptions.csv
        none.quoting = .none
        let error = try #require(throws: ExtractError.self) { try F.text(batch, options: none) }
        #expect(error.context.column == "a,b")
        #expect(error.context.row == nil)
    }

    @Test func quotingAll() throws {
        var options = DelimitedOptions.csv
        options.quoting = .all
        let batch = F.batch([
            ("n", F.int64(.int64, [1, nil, -2])), ("s", F.strings(["a", "", nil])),
            ("d", F.doubles([1.5, .nan, nil])), ("b", F.bools([true, nil, false])),
            ("x", F.binary([[0xAB], [], nil])),
        ])
        #expect(
            try F.text(batch, options: options) == """
                "n","s","d","b","x"
                "1","a","1.5","true","ab"
                ,"","NaN",,""
                "-2",,,"false",

                """
        )
        options.nullValue = "\\N"
        #expect(
            try F.text(batch, options: options).hasSuffix("\n\\N,\"\",\"NaN\",\\N,\"\"\n\"-2\",\\N,\\N,\"false\",\\N\n")
        )
    }

    @Test func quotingNoneWritesBareOrRefuses() throws {
        var options = DelimitedOptions.csv
        options.quoting = .none
        let fine = F.batch([("n", F.int64(.int64, [1, nil])), ("s", F.strings([" sp ace ", "tab\there"]))])
        #expect(try F.text(fine, options: options) == "n,s\n1, sp ace \n,tab\there\n")
        let cases: [(String, String)] = [
            ("x,y", "column delimiter"), ("a\nb", "line break"), ("a\rb", "line break"), ("", "NULL token"),
            ("say \"hi\"", "quote character"),
        ]
        for (value, reason) in cases {
            let batch = F.batch([("id", F.int64(.int64, [1, 2])), ("note", F.strings(["ok", value]))])
            let error = try #require(throws: ExtractError.self) { try F.text(batch, options: options) }
            #expect(error.code == .invalidArgument)
            #expect(error.message.contains(reason), "\(error)")
            #expect(error.context.column == "note")
            #expect(error.context.row == 2)
            #expect(error.context.value == value)
        }
        options.nullValue = "\\N"
        #expect(try F.text(F.batch([("s", F.strings(["", nil]))]), options: options) == "s\n\n\\N\n")
        let error = try #require(throws: ExtractError.self) {
            try F.text(F.batch([("s", F.strings(["\\N"]))]), options: options)
        }
        #expect(error.description.contains("NULL token"))
        options.escape = "\\"
        options.nullValue = "NULL"
        let escaped = try #require(throws: ExtractError.self) {
            try F.text(F.batch([("s", F.strings(["C:\\x"]))]), options: options)
        }
        #expect(escaped.message.contains("escape character"))
    }

    @Test func noQuoteCharacterRefusesWhatWouldNeedQuotes() throws {
        var options = DelimitedOptions.tsv
        options.quote = nil
        #expect(
            try F.text(F.batch([("s", F.strings(["a,b", "say \"hi\"", nil]))]), options: options)
                == "s\na,b\nsay \"hi\"\n\n"
        )
        let error = try #require(throws: ExtractError.self) {
            try F.text(F.batch([("s", F.strings(["a", "tab\there"]))]), options: options)
        }
        #expect(error.message.contains("set a quote character"))
        #expect(error.context.row == 2)
        #expect(throws: ExtractError.self) { try F.text(F.batch([("s", F.strings([""]))]), options: options) }
    }

    @Test func multiCharacterDelimiters() throws {
        let batch = F.batch([
            ("a", F.strings(["x", "p|q", "r||s", "t|", ""])), ("b", F.int64(.int64, [1, 2, 3, 4, nil])),
        ])
        let options = DelimitedOptions(delimiter: "||")
        #expect(try F.text(batch, options: options) == "a||b\nx||1\np|q||2\n\"r||s\"||3\n\"t|\"||4\n\"\"||\n")
        #expect(try F.text(F.batch([("a", F.strings(["|start", "x,y"]))]), options: options) == "a\n\"|start\"\nx,y\n")
        #expect(
            try F.text(batch, options: DelimitedOptions(delimiter: "<sep>"))
                == "a<sep>b\nx<sep>1\np|q<sep>2\nr||s<sep>3\nt|<sep>4\n\"\"<sep>\n"
        )
        #expect(
            try F.text(
                F.batch([("a", F.strings(["sep>x", "x<s", "x<sep>y", "<sep"]))]),
                options: DelimitedOptions(delimiter: "<sep>")
            )
                == "a\n\"sep>x\"\n\"x<s\"\n\"x<sep>y\"\n\"<sep\"\n"
        )
        #expect(
            try F.text(
                F.batch([("a", F.strings(["x"])), ("b", F.strings(["¦"]))]),
                options: DelimitedOptions(delimiter: "¦")
            )
                == "a¦b\nx¦\"¦\"\n"
        )
        // Quoting none: exact containment, including a value whose end runs into the delimiter.
        var none = DelimitedOptions(delimiter: "||", quoting: .none)
        #expect(try F.text(F.batch([("a", F.strings(["p|q", "x|y|z"]))]), options: none) == "a\np|q\nx|y|z\n")
        for bad in ["r||s", "t|", "|start"] {
            let error = try #require(throws: ExtractError.self) {
                try F.text(F.batch([("a", F.strings([bad])), ("b", F.int32(.int32, [1]))]), options: none)
            }
            #expect(error.message.contains("column delimiter"), "\(bad)")
        }
        none.delimiter = "ab"
        #expect(try F.text(F.batch([("c", F.strings(["axb", "x", "xbay"]))]), options: none) == "c\naxb\nx\nxbay\n")
        #expect(throws: ExtractError.self) { try F.text(F.batch([("c", F.strings(["xa"]))]), options: none) }
        #expect(throws: ExtractError.self) { try F.text(F.batch([("c", F.strings(["bx"]))]), options: none) }
    }

    /// A delimiter that can occur inside a rendered number, date or hex value gets those quoted.
    @Test func delimitersThatCollideWithRenderings() throws {
        let batch = F.batch([
            ("d", F.doubles([1.5, 2])), ("n", F.int64(.int64, [-1, 7])),
            ("day", F.int32(.date, [0, 1])), ("x", F.binary([[0xAB], [0x01]])),
        ])
        #expect(
            try F.text(batch, options: DelimitedOptions(delimiter: "."))
                == "d.n.day.x\n\"1.5\".-1.1970-01-01.ab\n\"2.0\".7.1970-01-02.01\n"
        )
        #expect(
            try F.text(batch, options: DelimitedOptions(delimiter: "-"))
                == "d-n-day-x\n1.5-\"-1\"-\"1970-01-01\"-ab\n2.0-7-\"1970-01-02\"-01\n"
        )
        #expect(
            try F.text(batch, options: DelimitedOptions(delimiter: "a"))
                == "dana\"day\"ax\n1.5a-1a1970-01-01a\"ab\"\n2.0a7a1970-01-02a01\n"
        )
        // A NULL token that a value could spell.
        #expect(
            try F.text(F.batch([("n", F.int64(.int64, [0, nil, 10]))]), options: DelimitedOptions(nullValue: "0"))
                == "n\n\"0\"\n0\n10\n"
        )
        #expect(throws: ExtractError.self) {
            try F.text(
                F.batch([("n", F.int64(.int64, [0]))]),
                options: DelimitedOptions(nullValue: "0", quoting: .none)
            )
        }
        // With quote character "1", quoting all escapes it inside numbers.
        var odd = DelimitedOptions(quote: "1", quoting: .all)
        #expect(try F.text(F.batch([("n", F.int64(.int64, [12, 3]))]), options: odd) == "1n1\n11121\n131\n")
        odd.quoting = .minimal
        #expect(try F.text(F.batch([("n", F.int64(.int64, [12, 3]))]), options: odd) == "n\n11121\n3\n")
    }

    @Test func everyTypeInOneRow() throws {
        let batch = F.batch([
            ("bool", F.bools([true])), ("i8", F.int32(.int8, [-8])), ("i16", F.int32(.int16, [16])),
            ("i32", F.int32(.int32, [Int32.min])), ("i64", F.int64(.int64, [Int64.min])), ("f", F.floats([0.1])),
            ("d", F.doubles([-0.0])), ("dec", F.int64(.decimal(precision: 12, scale: 2), [-5])),
            ("dec38", F.int128(.decimal(precision: 38, scale: 10), [Int128.min])), ("s", F.strings(["Café"])),
            ("bin", F.binary([[0, 255]])), ("date", F.int32(.date, [-719_162])),
            ("t", F.int64(.time(.nanoseconds), [1])),
            ("ts", F.int64(.timestamp(.milliseconds, isAdjustedToUTC: true), [-1])),
            ("tsl", F.int64(.timestamp(.microseconds, isAdjustedToUTC: false), [1_000_000])),
        ])
        #expect(
            try F.text(batch) == "bool,i8,i16,i32,i64,f,d,dec,dec38,s,bin,date,t,ts,tsl\n"
                + "true,-8,16,-2147483648,-9223372036854775808,0.1,-0.0,-0.05,-17014118346046923173168730371.5884105728,"
                + "Café,00ff,0001-01-01,00:00:00.000000001,1969-12-31 23:59:59.999Z,1970-01-01 00:00:01\n"
        )
    }

    @Test func outOfRangeDateNamesColumnRowAndValue() throws {
        let first = F.batch([("day", F.int32(.date, [0, 1]))])
        let second = F.batch([("day", F.int32(.date, [2, 3_000_000]))])
        let error = try #require(throws: ExtractError.self) { try F.write([first, second], options: .csv) }
        #expect(error.code == .typeMismatch)
        #expect(error.context.column == "day")
        #expect(error.context.row == 4)
        #expect(error.context.value == "3000000")
        #expect(error.description.contains("9999-12-31"))
    }

    @Test func writerIsUnusableAfterAnError() throws {
        let writer = try DelimitedWriter(
            schema: Schema([Field("s", .string)]),
            options: DelimitedOptions(quoting: .none),
            writingTo: MemoryByteSink()
        )
        #expect(throws: ExtractError.self) { try writer.write(F.batch([("s", F.strings(["a,b"]))])) }
        #expect(throws: ExtractError.self) { try writer.write(F.batch([("s", F.strings(["fine"]))])) }
        #expect(throws: ExtractError.self) { try writer.finish() }
    }

    @Test func rejectsMismatchedBatchesAndInvalidOptions() throws {
        let writer = try DelimitedWriter(
            schema: Schema([Field("s", .string)]),
            options: .csv,
            writingTo: MemoryByteSink()
        )
        #expect(throws: ExtractError.self) { try writer.write(F.batch([("s", F.int64(.int64, [1]))])) }
        #expect(throws: ExtractError.self) {
            try DelimitedWriter(
                schema: Schema([Field("s", .string)]),
                options: DelimitedOptions(delimiter: ""),
                writingTo: MemoryByteSink()
            )
        }
    }

    /// Tiny buffers (many flushes, values longer than the buffer) give the same bytes as a large one.
    @Test func smallBuffersGiveTheSameBytes() throws {
        var rng = SystemRandomNumberGenerator()
        let pieces = ["a", ",", "\"", "\n", "é", "😀", " ", "\\", "|", "\t", String(repeating: "long ", count: 300)]
        var batches: [ColumnBatch] = []
        for _ in 0..<3 {
            let texts: [String?] = (0..<500).map { _ in
                if Int.random(in: 0..<8, using: &rng) == 0 { return nil }
                return (0..<Int.random(in: 0...6, using: &rng)).map { _ in pieces.randomElement(using: &rng)! }.joined()
            }
            let blobs: [[UInt8]?] = (0..<500).map { _ in
                (0..<Int.random(in: 0...400, using: &rng)).map { _ in UInt8.random(in: 0...255, using: &rng) }
            }
            batches.append(
                F.batch([
                    ("id", F.int64(.int64, (0..<500).map { _ in Int64.random(in: .min ... .max, using: &rng) })),
                    ("s", F.strings(texts)), ("b", F.binary(blobs)),
                    ("d", F.doubles((0..<500).map { _ in Double.random(in: -1e20...1e20, using: &rng) })),
                ])
            )
        }
        for options in [
            DelimitedOptions.csv,
            DelimitedOptions(
                delimiter: "~|~",
                escape: "\\",
                nullValue: "NULL",
                rowDelimiter: .crlf,
                encoding: .utf8BOM,
                quoting: .all
            ),
        ] {
            let large = try F.write(batches, options: options)
            let small = try F.write(batches, options: options, bufferSize: 256)
            #expect(large == small)
            #expect(large.count > 300_000)
        }
    }
}
