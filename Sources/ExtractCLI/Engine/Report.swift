import ExtractCore
import Foundation

/// Text and JSON renderings of plans, results and summaries.
enum Report {
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
        while v >= 1024 && unit < units.count - 1 { v /= 1024; unit += 1 }
        return unit == 0 ? "\(value) B" : fixed(v, 1) + " " + units[unit]
    }

    /// `value` with `digits` digits after the point.
    static func fixed(_ value: Double, _ digits: Int) -> String {
        var scale = 1.0
        for _ in 0..<digits { scale *= 10 }
        let scaled = Int64((value * scale).rounded())
        if digits == 0 { return String(scaled) }
        let sign = scaled < 0 ? "-" : ""
        let magnitude = scaled.magnitude
        let whole = magnitude / UInt64(scale)
        var frac = String(magnitude % UInt64(scale))
        while frac.count < digits { frac = "0" + frac }
        return sign + String(whole) + "." + frac
    }

    /// `1,219,512 rows/s`
    static func rate(_ rows: Int64, _ seconds: Double) -> String {
        seconds > 0 ? grouped(Int64((Double(rows) / seconds).rounded())) + " rows/s" : "-"
    }

    /// The one-line result of an extract.
    static func resultLine(_ r: ExtractResult) -> String {
        if r.status == .success {
            let m = r.metrics
            return
                "✔ \(r.name)  \(r.runType.rawValue)  \(grouped(m.rowsWritten)) rows  \(m.filesGenerated) file\(m.filesGenerated == 1 ? "" : "s")  "
                + "\(bytes(m.bytesWritten))  \(fixed(m.durationSeconds, 3)) s  \(rate(m.rowsWritten, m.durationSeconds))"
        }
        return "✘ \(r.name)  FAILED: \(r.error?.description ?? "unknown error")"
    }

    /// The performance summary block of one extract.
    static func performance(_ r: ExtractResult, root: String) -> [String] {
        let m = r.metrics
        var lines = ["── \(r.name) ── \(r.status.rawValue) (\(r.runType.rawValue))"]
        for f in r.files {
            var line = "   file        \(relative(f.path, root))  \(grouped(f.rows)) rows, \(bytes(f.bytes))"
            if f.uncompressedBytes != f.bytes { line += " (\(bytes(f.uncompressedBytes)) uncompressed)" }
            lines.append(line)
        }
        if let t = r.triggerPath { lines.append("   trigger     \(relative(t, root))") }
        lines.append("   rows        \(grouped(m.rowsExtracted)) read, \(grouped(m.rowsWritten)) written")
        lines.append("   duration    \(fixed(m.durationSeconds, 3)) s")
        lines.append(
            "   throughput  \(rate(m.rowsWritten, m.durationSeconds)), \(fixed(m.megabytesPerSecond, 1)) MiB/s"
        )
        if let before = m.rssBytesBefore, let after = m.rssBytesAfter {
            let delta = Double(after - before) / 1_048_576
            lines.append(
                "   memory      RSS \(fixed(Double(before) / 1_048_576, 1)) MiB → \(fixed(Double(after) / 1_048_576, 1)) MiB (\(delta >= 0 ? "+" : "")\(fixed(delta, 1)) MiB)"
            )
        }
        if let w = r.watermark { lines.append("   watermark   \(w)") }
        if let e = r.error { lines.append("   error       \(e.description)") }
        return lines
    }

    /// The overall summary line.
    static func overall(_ s: RunSummary) -> String {
        var line =
            "Run \(s.runId): \(s.results.count) extract\(s.results.count == 1 ? "" : "s"), \(s.succeeded) succeeded, \(s.failed) failed"
        line +=
            "; \(grouped(s.totalRows)) rows, \(s.totalFiles) file\(s.totalFiles == 1 ? "" : "s"), \(bytes(s.totalBytes))"
        if s.totalUncompressedBytes != s.totalBytes {
            line += " (\(bytes(s.totalUncompressedBytes)) before compression)"
        }
        line += " in \(fixed(s.durationSeconds, 2)) s (\(rate(s.totalRows, s.durationSeconds)))"
        if s.wasCancelled { line += "; CANCELLED" }
        return line
    }

    /// `path` relative to `root` when below it.
    static func relative(_ path: String, _ root: String) -> String {
        let prefix = root.hasSuffix("/") ? root : root + "/"
        return path.hasPrefix(prefix) ? String(path.dropFirst(prefix.count)) : path
    }

    // MARK: JSON

    struct FileJSON: Encodable {
        var path: String
        var rows: Int64
        var bytes: Int64
        var uncompressed_bytes: Int64
        var sha256: String?
    }

    struct ExtractJSON: Encodable {
        var extract_name: String
        var execution_group: String?
        var status: String
        var run_type: String
        var log_id: Int64?
        var rows_extracted: Int64
        var rows_written: Int64
        var files_generated: Int
        var bytes_written: Int64
        var uncompressed_bytes: Int64
        var duration_seconds: Double
        var throughput_rows_per_second: Double
        var rss_mb_before: Double?
        var rss_mb_after: Double?
        var files: [FileJSON]
        var trigger_file_path: String?
        var watermark: String?
        var error: String?
    }

    struct RunJSON: Encodable {
        var run_id: String
        var status: String
        var cancelled: Bool
        var duration_seconds: Double
        var extracts: [ExtractJSON]
        var succeeded: Int
        var failed: Int
        var total_rows: Int64
        var total_files: Int
        var total_bytes: Int64
        var total_uncompressed_bytes: Int64
        var memory_measure = "RSS"
    }

    static func json(_ r: ExtractResult) -> ExtractJSON {
        let m = r.metrics
        return ExtractJSON(
            extract_name: r.name,
            execution_group: r.executionGroup,
            status: r.status.rawValue,
            run_type: r.runType.rawValue,
            log_id: r.logId,
            rows_extracted: m.rowsExtracted,
            rows_written: m.rowsWritten,
            files_generated: m.filesGenerated,
            bytes_written: m.bytesWritten,
            uncompressed_bytes: m.uncompressedBytes,
            duration_seconds: m.durationSeconds,
            throughput_rows_per_second: m.rowsPerSecond,
            rss_mb_before: m.rssBytesBefore.map { Double($0) / 1_048_576 },
            rss_mb_after: m.rssBytesAfter.map { Double($0) / 1_048_576 },
            files: r.files.map {
                FileJSON(
                    path: $0.path,
                    rows: $0.rows,
                    bytes: $0.bytes,
                    uncompressed_bytes: $0.uncompressedBytes,
                    sha256: $0.sha256
                )
            },
            trigger_file_path: r.triggerPath,
            watermark: r.watermark?.description,
            error: r.error?.description
        )
    }

    static func json(_ s: RunSummary) -> RunJSON {
        RunJSON(
            run_id: s.runId,
            status: s.allSucceeded ? "SUCCESS" : "FAILED",
            cancelled: s.wasCancelled,
            duration_seconds: s.durationSeconds,
            extracts: s.results.map(json),
            succeeded: s.succeeded,
            failed: s.failed,
            total_rows: s.totalRows,
            total_files: s.totalFiles,
            total_bytes: s.totalBytes,
            total_uncompressed_bytes: s.totalUncompressedBytes
        )
    }

    /// `value` as pretty, key-sorted JSON text.
    static func encode<T: Encodable>(_ value: T) -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        guard let data = try? encoder.encode(value) else { return "{}" }
        return String(decoding: data, as: UTF8.self)
    }
}
