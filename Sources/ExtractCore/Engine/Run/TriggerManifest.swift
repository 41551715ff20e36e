import SystemPackage

/// The content of a trigger file: a small JSON manifest of the data files it announces.
///
/// ```json
/// {"extract_name":"SAMPLE_PRODUCTS_SNAPSHOT","run_id":"…","created_at":"2024-07-25T14:25:30.000000Z",
///  "total_rows":10,"files":[{"name":"products_20240725.parquet","rows":10,"bytes":2345,"sha256":"…"}]}
/// ```
/// File names are relative to the trigger file's folder. The trigger is written (atomically)
/// only after every data file is committed.
public struct TriggerManifest: Sendable, Hashable {
    public var extractName: String
    public var runId: String
    public var createdAt: CivilDateTime
    public var files: [OutputFile]

    public init(extractName: String, runId: String, createdAt: CivilDateTime, files: [OutputFile]) {
        self.extractName = extractName
        self.runId = runId
        self.createdAt = createdAt
        self.files = files
    }

    /// The manifest as UTF-8 JSON text, one trailing newline.
    public func json() -> String {
        var out = "{\"extract_name\":" + jsonString(extractName)
        out += ",\"run_id\":" + jsonString(runId)
        out += ",\"created_at\":" + jsonString(createdAt.isoTimestamp)
        out += ",\"total_rows\":" + String(files.reduce(Int64(0)) { $0 + $1.rows })
        out += ",\"files\":["
        for (i, f) in files.enumerated() {
            if i > 0 { out += "," }
            let name = FilePath(f.path).lastComponent?.string ?? f.path
            out += "{\"name\":" + jsonString(name) + ",\"rows\":" + String(f.rows) + ",\"bytes\":" + String(f.bytes)
            out += ",\"sha256\":" + (f.sha256.map(jsonString) ?? "null") + "}"
        }
        out += "]}\n"
        return out
    }

    /// Writes the manifest atomically to `path`.
    public func write(to path: String) throws {
        let file = try AtomicFile(path: FilePath(path))
        do {
            try file.write(Array(json().utf8))
            try file.finish()
        } catch {
            file.abort()
            throw error
        }
    }
}

/// `text` as a JSON string literal.
public func jsonString(_ text: String) -> String {
    var out = "\""
    for scalar in text.unicodeScalars {
        switch scalar {
        case "\"": out += "\\\""
        case "\\": out += "\\\\"
        case "\n": out += "\\n"
        case "\r": out += "\\r"
        case "\t": out += "\\t"
        default:
            if scalar.value < 0x20 {
                let hex = String(scalar.value, radix: 16)
                out += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
            } else {
                out.unicodeScalars.append(scalar)
            }
        }
    }
    return out + "\""
}
