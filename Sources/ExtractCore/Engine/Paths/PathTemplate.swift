/// A folder or file-name pattern with placeholders, parsed once.
///
/// Placeholders: `{year}` `{month}` `{day}` `{hour}` (run time, UTC, zero-padded),
/// `{timestamp}` (`YYYYMMDD_HHMMSS`), `{date}` (`YYYYMMDD`), `{execution_group}`,
/// `{extract_name}`, `{run_id}`. `{{` and `}}` stand for literal braces. Anything else in braces,
/// or an unbalanced brace, is an error, found when the job is validated.
///
/// ```swift
/// let t = try PathTemplate("{execution_group}/{extract_name}/{year}/{month}")
/// t.render(values)   // "CUSTOMER_EXTRACTS/SAMPLE_CUSTOMERS/2024/07"
/// ```
public struct PathTemplate: Sendable, Hashable {
    /// The placeholders a pattern may use.
    public enum Placeholder: String, Sendable, Hashable, CaseIterable {
        case year, month, day, hour, timestamp, date
        case executionGroup = "execution_group"
        case extractName = "extract_name"
        case runId = "run_id"
    }

    enum Piece: Sendable, Hashable {
        case literal(String)
        case placeholder(Placeholder)
    }

    /// The pattern as configured.
    public let pattern: String
    let pieces: [Piece]

    /// Parses `pattern`; throws ``ExtractError/Code/invalidConfiguration`` for an unknown
    /// placeholder or an unbalanced brace.
    public init(_ pattern: String) throws {
        self.pattern = pattern
        var pieces: [Piece] = []
        var literal = ""
        let chars = Array(pattern)
        var i = 0
        while i < chars.count {
            let c = chars[i]
            if c == "{" {
                if i + 1 < chars.count && chars[i + 1] == "{" { literal.append("{"); i += 2; continue }
                guard let close = chars[(i + 1)...].firstIndex(of: "}") else {
                    throw ExtractError(
                        .invalidConfiguration,
                        "unclosed \"{\" in path pattern; write {{ for a literal brace",
                        context: .init(value: pattern)
                    )
                }
                let name = String(chars[(i + 1)..<close])
                guard let placeholder = Placeholder(rawValue: name) else {
                    let known = Placeholder.allCases.map { "{\($0.rawValue)}" }.joined(separator: " ")
                    throw ExtractError(
                        .invalidConfiguration,
                        "unknown placeholder {\(name)} in path pattern; known: \(known)",
                        context: .init(value: pattern)
                    )
                }
                if !literal.isEmpty { pieces.append(.literal(literal)); literal = "" }
                pieces.append(.placeholder(placeholder))
                i = close + 1
            } else if c == "}" {
                if i + 1 < chars.count && chars[i + 1] == "}" { literal.append("}"); i += 2; continue }
                throw ExtractError(
                    .invalidConfiguration,
                    "unmatched \"}\" in path pattern; write }} for a literal brace",
                    context: .init(value: pattern)
                )
            } else {
                literal.append(c)
                i += 1
            }
        }
        if !literal.isEmpty { pieces.append(.literal(literal)) }
        self.pieces = pieces
    }

    /// The placeholders the pattern uses.
    public var placeholders: [Placeholder] {
        pieces.compactMap { if case .placeholder(let p) = $0 { return p } else { return nil } }
    }

    /// The pattern with every placeholder replaced by its value.
    public func render(_ values: PathValues) -> String {
        var out = ""
        for piece in pieces {
            switch piece {
            case .literal(let text): out += text
            case .placeholder(let p): out += values.value(of: p)
            }
        }
        return out
    }
}

/// The values placeholders take for one extract of one run.
public struct PathValues: Sendable, Hashable {
    /// The run's start time (UTC).
    public var time: CivilDateTime
    public var executionGroup: String
    public var extractName: String
    public var runId: String

    public init(time: CivilDateTime, executionGroup: String?, extractName: String, runId: String) {
        self.time = time
        self.executionGroup = executionGroup ?? ""
        self.extractName = extractName
        self.runId = runId
    }

    /// The text of `placeholder`.
    public func value(of placeholder: PathTemplate.Placeholder) -> String {
        switch placeholder {
        case .year: return pad(time.year, 4)
        case .month: return pad(time.month, 2)
        case .day: return pad(time.day, 2)
        case .hour: return pad(time.hour, 2)
        case .date: return pad(time.year, 4) + pad(time.month, 2) + pad(time.day, 2)
        case .timestamp:
            return pad(time.year, 4) + pad(time.month, 2) + pad(time.day, 2) + "_"
                + pad(time.hour, 2) + pad(time.minute, 2) + pad(time.second, 2)
        case .executionGroup: return executionGroup
        case .extractName: return extractName
        case .runId: return runId
        }
    }
}
