import CExtractLibPQ
import ExtractCore

/// A libpq connection string, either a URL (`postgresql://user@host:port/db?sslmode=disable`) or
/// `key=value` pairs (`host=127.0.0.1 port=5432 dbname=db user=me`), that never shows its password.
///
/// Anything the string leaves out comes from libpq itself: the `PG*` environment variables
/// (`PGHOST`, `PGPORT`, `PGDATABASE`, `PGUSER`, `PGPASSWORD`, …), `~/.pgpass` and its compiled-in
/// defaults. An empty string means "everything from the environment".
///
/// `description`, `debugDescription` and reflection (`dump`, `print`) all give ``redacted``.
public struct PostgresConnectionString: Sendable, Hashable, CustomStringConvertible,
    CustomDebugStringConvertible, CustomReflectable
{
    /// The string exactly as given, password included: only ever handed to libpq.
    let raw: String
    /// A URL without password, for messages: `postgresql://user@host:port/db`.
    public let redacted: String
    /// The password written in the string, if any (to scrub it from server messages).
    let password: String?

    /// Parses `string` with libpq's own parser (so both spellings are accepted exactly as libpq
    /// accepts them). Throws `invalidArgument` when libpq rejects it; the message never quotes
    /// the string itself.
    public init(_ string: String) throws {
        raw = string
        var errorMessage: UnsafeMutablePointer<CChar>? = nil
        guard let options = PQconninfoParse(string, &errorMessage) else {
            var reason = "libpq could not parse it"
            if let errorMessage {
                reason = String(cString: errorMessage).trimmingWhitespace()
                PQfreemem(errorMessage)
            }
            // libpq quotes fragments of the input in some messages: drop anything after a password key.
            if reason.contains("password") { reason = "malformed password option" }
            throw ExtractError(
                .invalidArgument,
                "invalid PostgreSQL connection string (\(reason)); use postgresql://USER@HOST:PORT/DB or key=value pairs"
            )
        }
        defer { PQconninfoFree(options) }
        var values: [String: String] = [:]
        var option = options
        while let keyword = option.pointee.keyword {
            if let value = option.pointee.val {
                values[String(cString: keyword)] = String(cString: value)
            }
            option += 1
        }
        password = values["password"].flatMap { $0.isEmpty ? nil : $0 }
        var text = "postgresql://"
        if let user = values["user"], !user.isEmpty { text += user + "@" }
        text += values["host"] ?? values["hostaddr"] ?? ""
        if let port = values["port"], !port.isEmpty { text += ":" + port }
        if let db = values["dbname"], !db.isEmpty { text += "/" + db }
        redacted = text
    }

    /// Whether `text` is meant as a PostgreSQL connection string rather than, say, a file path:
    /// a `postgresql://` or `postgres://` URL, or libpq `key=value` pairs naming a host, database
    /// or service (for CLI options such as `--store` and `--source`).
    public static func looksLikeConnectionString(_ text: String) -> Bool {
        if text.hasPrefix("postgresql://") || text.hasPrefix("postgres://") { return true }
        let keys = text.split(separator: " ").compactMap {
            $0.split(separator: "=", maxSplits: 1).first.map(String.init)
        }
        return keys.contains { ["host", "hostaddr", "dbname", "service"].contains($0) }
    }

    /// ``redacted``.
    public var description: String { redacted }
    /// `PostgresConnectionString(` ``redacted`` `)`.
    public var debugDescription: String { "PostgresConnectionString(\(redacted))" }
    /// Shows only ``redacted`` to `dump` and debuggers.
    public var customMirror: Mirror { Mirror(self, children: ["redacted": redacted]) }

    /// `text` through ``ExtractCore/Redaction/redact(_:secrets:)`` with `secrets` (the passwords
    /// this connection knows). Also joins libpq's continuation lines ("\n\t") into one line.
    static func scrub(_ text: String, secrets: [String]) -> String {
        let result = text.split(whereSeparator: { $0 == "\n" || $0 == "\t" || $0 == "\r" })
            .map { String($0).trimmingWhitespace() }.filter { !$0.isEmpty }.joined(separator: " ")
        return Redaction.redact(result, secrets: secrets)
    }
}

extension String {
    /// Without leading and trailing spaces and newlines (libpq messages end with "\n").
    func trimmingWhitespace() -> String {
        var scalars = Substring(self)
        while let first = scalars.first, first.isWhitespace { scalars.removeFirst() }
        while let last = scalars.last, last.isWhitespace { scalars.removeLast() }
        return String(scalars)
    }

    /// Every occurrence of `target` replaced by `replacement` (no Foundation).
    func replacingAll(_ target: String, with replacement: String) -> String {
        guard !target.isEmpty else { return self }
        var result = ""
        var rest = Substring(self)
        while let range = rest.firstRange(of: target) {
            result += rest[..<range.lowerBound]
            result += replacement
            rest = rest[range.upperBound...]
        }
        result += rest
        return result
    }
}
