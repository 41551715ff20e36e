import ExtractCore

/// A `[schema.]name` reference from configuration, split into its parts and quoted as SQL.
///
/// Each part is taken literally (no case folding). A part may be written in double quotes to hold
/// a dot: `"my.schema"."Orders"`; inside quotes `""` is one quote.
struct PostgresObjectName: Sendable, Hashable, CustomStringConvertible {
    var schema: String?
    var name: String

    init(parsing text: String) throws {
        var parts: [String] = []
        var current = ""
        var quoted = false
        let chars = Array(text)
        var i = 0
        while i < chars.count {
            let c = chars[i]
            if quoted {
                if c == "\"" {
                    if i + 1 < chars.count && chars[i + 1] == "\"" {
                        current.append("\""); i += 1
                    } else {
                        quoted = false
                    }
                } else {
                    current.append(c)
                }
            } else if c == "\"" {
                quoted = true
            } else if c == "." {
                parts.append(current)
                current = ""
            } else {
                current.append(c)
            }
            i += 1
        }
        parts.append(current)
        guard !quoted, (1...2).contains(parts.count), parts.allSatisfy({ !$0.isEmpty }) else {
            throw ExtractError(
                .invalidArgument,
                "invalid object name \(text.debugDescription); write NAME or SCHEMA.NAME (double-quote a part that contains a dot)"
            )
        }
        schema = parts.count == 2 ? parts[0] : nil
        name = parts[parts.count - 1]
    }

    /// `schema.name` for messages.
    var description: String { schema.map { "\($0).\(name)" } ?? name }

    /// The quoted SQL reference: `"schema"."name"`.
    func quoted(on connection: PostgresConnection) throws -> String {
        let quotedName = try connection.quoteIdentifier(name)
        guard let schema else { return quotedName }
        return try connection.quoteIdentifier(schema) + "." + quotedName
    }
}

extension PostgresRoutine {
    /// `"schema"."name"('arg', NULL, …)` with extra trailing `NULL`s for output parameters.
    func callExpression(on connection: PostgresConnection, trailingNulls: Int = 0) throws -> String {
        let target = try PostgresObjectName(parsing: name).quoted(on: connection)
        var arguments = try self.arguments.map { try $0.map { try connection.quoteLiteral($0) } ?? "NULL" }
        arguments += Array(repeating: "NULL", count: trailingNulls)
        return target + "(" + arguments.joined(separator: ", ") + ")"
    }
}
