import ExtractCore
import ExtractFormats
import ExtractTestSupport
import Foundation
import Testing

/// Helpers shared by the delimited and rendering tests: building columns from plain values,
/// writing them to memory or files, and producing reference CSV files with Python's csv module.
enum DelimitedFixture {
    static func strings(_ values: [String?]) -> Column {
        var builder = ColumnBuilder(type: .string, capacity: values.count)
        for value in values {
            if let value { builder.append(string: value) } else { builder.appendNull() }
        }
        return builder.finish()
    }

    static func binary(_ values: [[UInt8]?]) -> Column {
        var builder = ColumnBuilder(type: .binary, capacity: values.count)
        for value in values {
            if let value { value.withUnsafeBytes { builder.append(bytes: $0) } } else { builder.appendNull() }
        }
        return builder.finish()
    }

    static func int64(_ type: ColumnType, _ values: [Int64?]) -> Column {
        var builder = ColumnBuilder(type: type, capacity: values.count)
        for value in values {
            if let value { builder.append(value) } else { builder.appendNull() }
        }
        return builder.finish()
    }

    static func int32(_ type: ColumnType, _ values: [Int32?]) -> Column {
        var builder = ColumnBuilder(type: type, capacity: values.count)
        for value in values {
            if let value { builder.append(value) } else { builder.appendNull() }
        }
        return builder.finish()
    }

    static func int128(_ type: ColumnType, _ values: [Int128?]) -> Column {
        var builder = ColumnBuilder(type: type, capacity: values.count)
        for value in values {
            if let value { builder.append(value) } else { builder.appendNull() }
        }
        return builder.finish()
    }

    static func doubles(_ values: [Double?]) -> Column {
        var builder = ColumnBuilder(type: .double, capacity: values.count)
        for value in values {
            if let value { builder.append(value) } else { builder.appendNull() }
        }
        return builder.finish()
    }

    static func floats(_ values: [Float?]) -> Column {
        var builder = ColumnBuilder(type: .float, capacity: values.count)
        for value in values {
            if let value { builder.append(value) } else { builder.appendNull() }
        }
        return builder.finish()
    }

    static func bools(_ values: [Bool?]) -> Column {
        var builder = ColumnBuilder(type: .bool, capacity: values.count)
        for value in values {
            if let value { builder.append(value) } else { builder.appendNull() }
        }
        return builder.finish()
    }

    /// A batch of named columns.
    static func batch(_ columns: [(String, Column)]) -> ColumnBatch {
        ColumnBatch(schema: Schema(columns.map { Field($0.0, $0.1.type) }), columns: columns.map(\.1))
    }

    /// The bytes a writer produces for `batches`.
    static func write(_ batches: [ColumnBatch], options: DelimitedOptions, bufferSize: Int = 1 << 20) throws -> [UInt8]
    {
        let memory = MemoryByteSink()
        let writer = try DelimitedWriter(
            schema: batches[0].schema,
            options: options,
            writingTo: memory,
            bufferSize: bufferSize
        )
        for batch in batches { try writer.write(batch) }
        try writer.finish()
        #expect(memory.isFinished)
        #expect(writer.byteCount == Int64(memory.bytes.count))
        return memory.bytes
    }

    /// The text a writer produces for `batch`.
    static func text(_ batch: ColumnBatch, options: DelimitedOptions = .csv) throws -> String {
        String(decoding: try write([batch], options: options), as: UTF8.self)
    }

    /// Writes `rows` (NULL as `nil`) with Python's csv module (QUOTE_MINIMAL, `,`, CRLF), NULL
    /// spelled `nullToken`, with a header row unless `header` is nil; for `delimited_check.py --expect-csv … --expect-null nullToken`.
    static func pythonCSV(header: [String]?, rows: [[String?]], nullToken: String, to url: URL) throws {
        let json = url.deletingPathExtension().appendingPathExtension("json")
        let payload: [String: Any] = [
            "header": header.map { $0 as Any } ?? NSNull(),
            "rows": rows.map { $0.map { $0 as Any? ?? NSNull() } },
            "null": nullToken,
        ]
        try JSONSerialization.data(withJSONObject: payload).write(to: json)
        let script = """
            import csv, json, sys
            p = json.load(open(sys.argv[1], encoding="utf-8"))
            with open(sys.argv[2], "w", newline="", encoding="utf-8") as fh:
                # "\\r\\n": Python's writer quotes only fields holding a lineterminator character,
                # and a lone CR must be quoted too.
                w = csv.writer(fh, lineterminator="\\r\\n")
                if p["header"] is not None:
                    w.writerow(p["header"])
                for r in p["rows"]:
                    w.writerow([p["null"] if v is None else v for v in r])
            """
        let result = try run(TestEnvironment.python, ["-c", script, json.path, url.path])
        guard result.status == 0 else { throw TestFailure("python csv writer failed: \(result.output)") }
    }

    /// Runs Python `code` with `arguments` and returns its stdout (fails the test on error).
    static func python(_ code: String, _ arguments: [String] = []) throws -> String {
        let result = try run(TestEnvironment.python, ["-c", code] + arguments)
        guard result.status == 0 else { throw TestFailure("python failed: \(result.output)") }
        return result.stdout
    }

    /// The special fragments of the shared dataset's `notes` column and the non-ASCII product
    /// names (tools/make_dataset.py), plus NULL, the empty string and the text `NULL`.
    static let awkwardNotes: [String?] = [
        "Leave at door, ring twice",
        "red, green, and blue",
        "Customer said \"ASAP\"",
        "\"Quoted\" at start",
        "He wrote \"\"doubled\"\" quotes",
        "Gift wrap\tred ribbon",
        "SKU-1|SKU-2 swapped",
        "Line one\nLine two",
        "multi\nline\nnote\n",
        "Windows style\r\nline break",
        "old Mac\rline break",
        "path C:\\orders\\2023\\new.txt",
        "literal \\N is not null",
        "O'Brien's order",
        "a;b;c semicolons",
        "Café crème, s’il vous plaît",
        "Thanks! 😀👍",
        "日本語のメモ",
        "  padded with spaces  ",
        "Family 👨\u{200D}👩\u{200D}👧 Frame",
        "Flag 🇯🇵 Pin",
        "Café Mug",  // precomposed U+00E9
        "Cafe\u{301} Mug",  // decomposed e + U+0301
        "",
        "NULL",
        nil,
        "\\N",
        "Customer said \"ASAP\". SKU-1|SKU-2 swapped. Line one\nLine two",
        String(repeating: "lorem ipsum dolor sit amet ", count: 40),
        "Please deliver after 5pm",
    ]
}
