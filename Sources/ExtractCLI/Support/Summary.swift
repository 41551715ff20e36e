/// The one-line summary `extract export` prints.
enum Summary {
    /// `exported 100,000 rows, 11.0 MiB to orders.csv in 0.21 s (476,190 rows/s)`
    static func line(rows: Int64, bytes: Int64, seconds: Double, path: String) -> String {
        let rate = seconds > 0 ? Int64((Double(rows) / seconds).rounded()) : rows
        return "exported \(Report.grouped(rows)) rows, \(Report.bytes(bytes)) to \(path) in "
            + "\(Report.fixed(seconds, 2)) s (\(Report.grouped(rate)) rows/s)"
    }
}

extension Duration {
    /// The duration in seconds.
    var seconds: Double {
        let (s, attoseconds) = components
        return Double(s) + Double(attoseconds) / 1e18
    }
}
