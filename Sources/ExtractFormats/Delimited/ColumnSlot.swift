import ExtractCore

/// What a ``DelimitedWriter`` knows about one column: how to render it (decided once from the
/// schema and the options) and, while a batch is written, raw pointers to its buffers.
struct ColumnSlot {
    /// The rendering to use, from the column type.
    enum Kind {
        case bool, int32, int64, decimal64, decimal128, float, double, date, time, timestamp, string, binary
    }

    /// How a fixed-width (or hex) rendering reaches the output.
    enum Mode {
        /// Written as rendered: its bytes can never need quotes.
        case direct
        /// Written between quote characters (quoting `all`), with nothing to escape.
        case quoted
        /// Rendered aside, then put through the same quoting checks as text (the delimiter, quote
        /// or NULL token could collide with the rendering, e.g. delimiter `.` and a double).
        case checked
    }

    let kind: Kind
    let mode: Mode
    /// Decimal scale.
    let scale: Int
    /// Time and timestamp unit.
    let unit: TimeUnit
    /// Timestamp `isAdjustedToUTC`.
    let utc: Bool

    // Bound for the duration of one batch (see `DelimitedWriter.bind`).
    var validity: UnsafePointer<UInt64>? = nil
    var values: UnsafeRawPointer? = nil
    var offsets: UnsafePointer<Int32>? = nil
    var data: UnsafePointer<UInt8>? = nil
    /// Whether any byte of this batch's text data is special; when not, no value of the batch
    /// needs a per-byte scan.
    var dataHasSpecial = true

    init(type: ColumnType, syntax: DelimitedSyntax) {
        var scale = 0
        var unit = TimeUnit.microseconds
        var utc = false
        switch type {
        case .bool: kind = .bool
        case .int8, .int16, .int32: kind = .int32
        case .int64: kind = .int64
        case .float: kind = .float
        case .double: kind = .double
        case .decimal(let precision, let s):
            kind = precision <= 18 ? .decimal64 : .decimal128
            scale = s
        case .string: kind = .string
        case .binary: kind = .binary
        case .date: kind = .date
        case .time(let u):
            kind = .time
            unit = u
        case .timestamp(let u, let isUTC):
            kind = .timestamp
            unit = u
            utc = isUTC
        }
        self.scale = scale
        self.unit = unit
        self.utc = utc
        let alphabet = Self.alphabet(of: kind)
        switch syntax.policy {
        case .all:
            mode = syntax.hasAny(DelimitedSyntax.escaped, in: alphabet) ? .checked : .quoted
        case .minimal, .none:
            let collides =
                syntax.hasAny(DelimitedSyntax.special, in: alphabet)
                || syntax.nullToken(couldBeSpelledWith: alphabet)
            mode = collides ? .checked : .direct
        }
    }

    /// Every byte a rendering of `kind` can contain (text: all of them).
    static func alphabet(of kind: Kind) -> [UInt8] {
        let digits = Array("0123456789".utf8)
        switch kind {
        case .bool: return Array("truefals".utf8)
        case .int32, .int64: return digits + Array("-".utf8)
        case .decimal64, .decimal128: return digits + Array("-.".utf8)
        case .float, .double: return digits + Array("-+.eNaInfity".utf8)
        case .date: return digits + Array("-".utf8)
        case .time: return digits + Array(":.".utf8)
        case .timestamp: return digits + Array("-:. Z".utf8)
        case .binary: return digits + Array("abcdef".utf8)
        case .string: return Array(0...255)
        }
    }
}
