import ExtractCore

/// A possibly schema-qualified SQLite object name (`[schema.]name`), and the quoting that puts
/// identifiers into SQL safely: every identifier is wrapped in `"` with inner `"` doubled, never
/// pasted as is.
///
/// ```swift
/// try SQLiteIdentifier.quote("main.orders")            // "main"."orders"
/// try SQLiteIdentifier.quote(#"main."weird ""name""#)   // "main"."weird ""name"
/// SQLiteIdentifier(schema: nil, name: "a.b").quoted    // "a.b"   (a dot inside the name)
/// SQLiteIdentifier.quoteName(#"x"y"#)                   // "x""y"
/// ```
public struct SQLiteIdentifier: Sendable, Hashable, CustomStringConvertible {
    /// The database (`main`, `temp` or an attached name), or `nil` to let SQLite search
    /// `temp`, `main`, then the attached databases.
    public var schema: String?
    /// The table, view or column name, exactly (no quotes).
    public var name: String

    /// An identifier from its parts, taken literally: dots and quotes inside `name` are part of the name.
    public init(schema: String? = nil, name: String) {
        self.schema = schema
        self.name = name
    }

    /// Parses `[schema.]name` where each part is either bare (no `.`, no leading `"`) or
    /// double-quoted with `""` standing for one `"` (as in SQL): `orders`, `main.orders`,
    /// `"my table"`, `aux."a.b"`.
    ///
    /// - Throws: ``ExtractError/Code/invalidArgument`` for an empty part, an unterminated
    ///   quote, or more than two parts. Use ``init(schema:name:)`` for names that cannot be
    ///   spelled this way.
    public init(parsing text: String) throws {
        var parts: [String] = []
        var chars = Substring(text)
        func fail(_ why: String) -> ExtractError {
            ExtractError(
                .invalidArgument,
                "cannot read the SQLite object name: \(why); write [schema.]name, double-quoting a part that holds a dot (\"a.b\") with \"\" for a quote",
                context: .init(value: text)
            )
        }
        while true {
            if chars.first == "\"" {
                chars = chars.dropFirst()
                var part = ""
                var closed = false
                while let c = chars.first {
                    chars = chars.dropFirst()
                    if c == "\"" {
                        if chars.first == "\"" {
                            part.append("\"")
                            chars = chars.dropFirst()
                        } else {
                            closed = true
                            break
                        }
                    } else {
                        part.append(c)
                    }
                }
                guard closed else { throw fail("unterminated quote") }
                guard !part.isEmpty else { throw fail("empty name") }
                parts.append(part)
            } else {
                let end = chars.firstIndex(of: ".") ?? chars.endIndex
                let part = String(chars[..<end])
                guard !part.isEmpty else { throw fail("empty name") }
                parts.append(part)
                chars = chars[end...]
            }
            if chars.isEmpty { break }
            guard chars.first == "." else { throw fail("unexpected text after a quoted name") }
            chars = chars.dropFirst()
        }
        guard parts.count <= 2 else { throw fail("more than two dot-separated parts") }
        if parts.count == 2 {
            self.init(schema: parts[0], name: parts[1])
        } else {
            self.init(schema: nil, name: parts[0])
        }
    }

    /// The SQL spelling: `"schema"."name"` or `"name"`.
    public var quoted: String {
        if let schema { return SQLiteIdentifier.quoteName(schema) + "." + SQLiteIdentifier.quoteName(name) }
        return SQLiteIdentifier.quoteName(name)
    }

    /// The readable spelling used in messages: `schema.name` or `name`.
    public var description: String {
        if let schema { return schema + "." + name }
        return name
    }

    /// Quotes one identifier: `"` around it, inner `"` doubled. Any text is a valid name this way.
    public static func quoteName(_ name: String) -> String {
        "\"" + name.replacingAll("\"", with: "\"\"") + "\""
    }

    /// Parses `[schema.]name` (see ``init(parsing:)``) and returns its SQL spelling.
    public static func quote(_ qualifiedName: String) throws -> String {
        try SQLiteIdentifier(parsing: qualifiedName).quoted
    }

    /// The SQL spelling of `schema.name` taken literally (dots and quotes belong to the parts).
    public static func quote(schema: String?, name: String) -> String {
        SQLiteIdentifier(schema: schema, name: name).quoted
    }

    /// Quotes `text` as an SQL string literal: `'` around it, inner `'` doubled.
    public static func quoteLiteral(_ text: String) -> String {
        "'" + text.replacingAll("'", with: "''") + "'"
    }
}

extension String {
    /// `self` with every `target` character replaced by `replacement` (no Foundation).
    func replacingAll(_ target: Character, with replacement: String) -> String {
        guard contains(target) else { return self }
        var result = ""
        result.reserveCapacity(count + 8)
        for c in self {
            if c == target { result += replacement } else { result.append(c) }
        }
        return result
    }
}
