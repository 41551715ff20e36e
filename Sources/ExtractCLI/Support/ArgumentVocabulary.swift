import ArgumentParser
import ExtractCore

// The option vocabulary of ExtractCore as argument types: each value parses with the library's
// own parser (the one config rows use), so a value means the same on every path, and `--help`
// lists the values.

extension OutputFormat: ExpressibleByArgument {
    public init?(argument: String) {
        guard let format = try? OutputFormat(parsing: argument) else { return nil }
        self = format
    }
}

extension OutputCompression.Kind: ExpressibleByArgument {
    public init?(argument: String) {
        guard let kind = try? OutputCompression.Kind(parsing: argument) else { return nil }
        self = kind
    }
    public static var allValueStrings: [String] { allCases.map(\.name) }
    public var defaultValueDescription: String { name }
}

extension CompressionLevel: ExpressibleByArgument {
    public init?(argument: String) {
        guard let level = try? CompressionLevel(parsing: argument) else { return nil }
        self = level
    }
}

extension RowDelimiter: ExpressibleByArgument {
    public init?(argument: String) {
        guard let value = try? RowDelimiter(name: argument) else { return nil }
        self = value
    }
}

extension TextEncoding: ExpressibleByArgument {
    public init?(argument: String) {
        guard let value = try? TextEncoding(name: argument) else { return nil }
        self = value
    }
}

extension QuotingPolicy: ExpressibleByArgument {
    public init?(argument: String) {
        guard let value = try? QuotingPolicy(name: argument) else { return nil }
        self = value
    }
}

extension TypeMismatchPolicy: ExpressibleByArgument {
    public init?(argument: String) {
        guard let value = TypeMismatchPolicy(rawValue: argument.lowercased()) else { return nil }
        self = value
    }
}

extension RunType: ExpressibleByArgument {
    public init?(argument: String) {
        guard let value = RunType(rawValue: argument.uppercased()) else { return nil }
        self = value
    }
}
