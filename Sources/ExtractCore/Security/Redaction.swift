#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// The one function that keeps secrets out of everything swift-extract shows or stores: messages,
/// errors, log lines, `--json` fields and log-table columns pass through ``redact(_:secrets:)``.
///
/// It replaces with `***`:
/// - the password of a URL's user info (`postgresql://user:PASSWORD@host/db`, any scheme);
/// - the value of a `password=…` pair in libpq `key=value` strings (quoted or not, any case,
///   spaces around `=` allowed);
/// - every occurrence of the value of `PGPASSWORD` and of each of `secrets` (values of 3 bytes and
///   more: a shorter one would blank ordinary words).
///
/// Passwords libpq finds by itself (`~/.pgpass`) never reach a message through swift-extract:
/// the PostgreSQL driver passes the password libpq used as one of `secrets` for server messages.
public enum Redaction {
    /// What a secret is replaced with.
    public static let mask = "***"

    /// `text` with every password in it replaced by ``mask``.
    public static func redact(_ text: String, secrets: [String] = []) -> String {
        var result = redactURLPasswords(text)
        result = redactKeyValuePasswords(result)
        var literal = secrets
        if let environment = getenv("PGPASSWORD") { literal.append(String(cString: environment)) }
        for secret in literal where secret.utf8.count >= 3 && result.contains(secret) {
            result = result.replacing(secret, with: mask)
        }
        return result
    }

    /// `scheme://user:password@` → `scheme://user:***@` (up to the first `@` of the authority).
    static func redactURLPasswords(_ text: String) -> String {
        guard text.contains("://") else { return text }
        var out = ""
        var rest = Substring(text)
        while let separator = rest.firstRange(of: "://") {
            out += rest[..<separator.upperBound]
            rest = rest[separator.upperBound...]
            // The authority ends at the first '/', '?', '#' or whitespace; user info before its last '@'.
            let authorityEnd =
                rest.firstIndex(where: { $0 == "/" || $0 == "?" || $0 == "#" || $0.isWhitespace }) ?? rest.endIndex
            let authority = rest[..<authorityEnd]
            if let at = authority.lastIndex(of: "@"), let colon = authority[..<at].firstIndex(of: ":") {
                out += rest[...colon]
                out += mask
                rest = rest[at...]
            }
        }
        return out + rest
    }

    /// `password=secret`, `password = 'se cr\'et'` → `password=***` (case-insensitive key).
    static func redactKeyValuePasswords(_ text: String) -> String {
        guard text.lowercased().contains("password") else { return text }
        let chars = Array(text)
        var out = ""
        var i = 0
        let key = Array("password")
        while i < chars.count {
            let startsKey =
                i + key.count <= chars.count
                && zip(chars[i..<i + key.count], key).allSatisfy { $0.lowercased() == String($1) }
                && (i == 0 || !(chars[i - 1].isLetter || chars[i - 1].isNumber || chars[i - 1] == "_"))
            guard startsKey else {
                out.append(chars[i])
                i += 1
                continue
            }
            var j = i + key.count
            while j < chars.count, chars[j] == " " { j += 1 }
            guard j < chars.count, chars[j] == "=" else {
                out.append(contentsOf: chars[i..<i + key.count])
                i += key.count
                continue
            }
            j += 1
            while j < chars.count, chars[j] == " " { j += 1 }
            out.append(contentsOf: chars[i..<j])
            if j < chars.count, chars[j] == "'" {
                j += 1
                while j < chars.count, chars[j] != "'" { j += chars[j] == "\\" ? 2 : 1 }
                j = min(j + 1, chars.count)
            } else {
                while j < chars.count, !chars[j].isWhitespace, chars[j] != "&", chars[j] != ";" { j += 1 }
            }
            out += mask
            i = j
        }
        return out
    }
}
