/// A shell-style name pattern for selecting extracts: `*` matches any run of characters, `?`
/// one character; everything else matches itself (case-sensitive).
public struct NamePattern: Sendable, Hashable {
    public let pattern: String
    private let chars: [Character]

    public init(_ pattern: String) {
        self.pattern = pattern
        self.chars = Array(pattern)
    }

    /// Whether the pattern has wildcards.
    public var isGlob: Bool { chars.contains("*") || chars.contains("?") }

    /// Whether `name` matches.
    public func matches(_ name: String) -> Bool {
        let s = Array(name)
        var p = 0, i = 0
        var star = -1, mark = 0
        while i < s.count {
            if p < chars.count && (chars[p] == "?" || chars[p] == s[i]) {
                p += 1; i += 1
            } else if p < chars.count && chars[p] == "*" {
                star = p; mark = i; p += 1
            } else if star >= 0 {
                p = star + 1; mark += 1; i = mark
            } else {
                return false
            }
        }
        while p < chars.count && chars[p] == "*" { p += 1 }
        return p == chars.count
    }
}
