/// Human-readable numbers for terminal output.
enum Summary {
    /// `12,345,678`
    static func grouped(_ value: Int64) -> String {
        let digits = String(value.magnitude)
        var out = ""
        for (i, ch) in digits.enumerated() {
            if i > 0 && (digits.count - i) % 3 == 0 { out.append(",") }
            out.append(ch)
        }
        return value < 0 ? "-" + out : out
    }

    /// `1.5 MiB`
    static func bytes(_ value: Int64) -> String {
        let units = ["B", "KiB", "MiB", "GiB", "TiB"]
        var v = Double(value)
        var unit = 0
        while v >= 1024 && unit < units.count - 1 {
            v /= 1024
            unit += 1
        }
        return unit == 0 ? "\(value) B" : String(format1: v) + " " + units[unit]
    }

    /// The one-line summary of an export.
    static func line(rows: Int64, bytes: Int64, seconds: Double, path: String) -> String {
        let rate = seconds > 0 ? Int64((Double(rows) / seconds).rounded()) : rows
        return "exported \(grouped(rows)) rows, \(Summary.bytes(bytes)) to \(path) in \(String(format2: seconds)) s (\(grouped(rate)) rows/s)"
    }
}

extension String {
    /// One digit after the point.
    init(format1 value: Double) {
        let scaled = (value * 10).rounded()
        self = "\(Int64(scaled) / 10).\(Int64(abs(scaled)) % 10)"
    }

    /// Two digits after the point.
    init(format2 value: Double) {
        let scaled = Int64((value * 100).rounded())
        let frac = scaled % 100
        self = "\(scaled / 100)." + (frac < 10 ? "0" : "") + "\(frac)"
    }
}

extension Duration {
    /// The duration in seconds.
    var seconds: Double {
        let (s, attoseconds) = components
        return Double(s) + Double(attoseconds) / 1e18
    }
}
