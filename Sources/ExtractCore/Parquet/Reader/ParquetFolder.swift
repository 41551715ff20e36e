/// A folder of Parquet files read as one table, the layout Spark and pyarrow write: every file
/// under the folder (recursively, sorted by path, byte order), names starting with `_` or `.`
/// ignored (`_SUCCESS`, `_delta_log`, `.crc` files), hive-style `key=value` folders turned into
/// typed partition columns after the file columns, and one schema for all files (a column
/// missing, extra or of another type in one file is refused by name, never merged).
public struct ParquetFolder: Sendable {
    /// One data file: its path under the folder and its partition values (`nil` = NULL), in the
    /// order of ``partitionFields``.
    public struct DataFile: Sendable, Equatable {
        public let relativePath: String
        public let partitionValues: [String?]
    }

    /// The folder.
    public let path: String
    /// The data files, in reading order.
    public let files: [DataFile]
    /// The partition columns (from `key=value` folders), typed by their values: int32, int64,
    /// double, date (`YYYY-MM-DD`) or string, the narrowest that holds every value.
    public let partitionFields: [Field]

    /// The value Hive and Spark write for a NULL partition value.
    public static let nullPartitionValue = "__HIVE_DEFAULT_PARTITION__"

    /// Lists the folder at `path`.
    ///
    /// - Throws: ``ExtractError``: `notFound` for a missing folder, `source` when it holds no
    ///   data file or its files disagree on the partition keys.
    public init(path: String) throws {
        self.path = path
        var found: [(relative: String, partitions: [(key: String, value: String?)])] = []
        func walk(_ dir: String, relative: String, partitions: [(key: String, value: String?)]) throws {
            for entry in try DirectoryListing.entries(of: dir) {
                guard let first = entry.name.first, first != "_", first != "." else { continue }
                let child = dir.hasSuffix("/") ? dir + entry.name : dir + "/" + entry.name
                let childRelative = relative.isEmpty ? entry.name : relative + "/" + entry.name
                switch entry.kind {
                case .directory:
                    var inner = partitions
                    if let pair = Self.hivePair(entry.name) { inner.append(pair) }
                    try walk(child, relative: childRelative, partitions: inner)
                case .file: found.append((childRelative, partitions))
                case .other: continue
                }
            }
        }
        try walk(path, relative: "", partitions: [])
        guard let first = found.first else {
            throw ExtractError(
                .source,
                "the Parquet folder holds no data file (names starting with '_' or '.' are ignored)",
                context: .init(path: path)
            )
        }
        let keys = first.partitions.map(\.key)
        for file in found where file.partitions.map(\.key) != keys {
            throw ExtractError(
                .source,
                "Parquet folder: \(file.relative) has partition folders \(Self.describe(file.partitions.map(\.key))) but \(first.relative) has \(Self.describe(keys)); every file of a folder needs the same key=value levels",
                context: .init(path: path)
            )
        }
        files = found.map { DataFile(relativePath: $0.relative, partitionValues: $0.partitions.map(\.value)) }
        partitionFields = keys.enumerated().map { index, key in
            Field(key, Self.inferType(found.map { $0.partitions[index].value }), nullable: true)
        }
    }

    private static func describe(_ keys: [String]) -> String {
        keys.isEmpty ? "none" : keys.map { "'\($0)'" }.joined(separator: ", ")
    }

    /// `key=value` of a folder name (value percent-decoded; the Hive NULL as `nil`), or `nil`.
    public static func hivePair(_ name: String) -> (key: String, value: String?)? {
        guard let equals = name.firstIndex(of: "="), equals != name.startIndex else { return nil }
        let key = percentDecoded(String(name[..<equals]))
        let raw = String(name[name.index(after: equals)...])
        return (key, raw == nullPartitionValue ? nil : percentDecoded(raw))
    }

    /// Undoes the `%XX` escapes Hive and Spark write in partition folder names.
    static func percentDecoded(_ text: String) -> String {
        guard text.contains("%") else { return text }
        var out: [UInt8] = []
        let bytes = Array(text.utf8)
        var i = 0
        func hex(_ b: UInt8) -> UInt8? {
            switch b {
            case UInt8(ascii: "0")...UInt8(ascii: "9"): b - UInt8(ascii: "0")
            case UInt8(ascii: "a")...UInt8(ascii: "f"): b - UInt8(ascii: "a") + 10
            case UInt8(ascii: "A")...UInt8(ascii: "F"): b - UInt8(ascii: "A") + 10
            default: nil
            }
        }
        while i < bytes.count {
            if bytes[i] == UInt8(ascii: "%"), i + 2 < bytes.count, let h = hex(bytes[i + 1]), let l = hex(bytes[i + 2])
            {
                out.append(h << 4 | l)
                i += 3
            } else {
                out.append(bytes[i])
                i += 1
            }
        }
        return String(decoding: out, as: UTF8.self)
    }

    /// The narrowest type holding every non-NULL value: int32, int64, double, date, else string.
    public static func inferType(_ values: [String?]) -> ColumnType {
        let present = values.compactMap { $0 }
        guard !present.isEmpty else { return .string }
        if present.allSatisfy({ Int32($0) != nil }) { return .int32 }
        if present.allSatisfy({ Int64($0) != nil }) { return .int64 }
        if present.allSatisfy({ isPlainNumber($0) }) { return .double }
        if present.allSatisfy({ dateDays($0) != nil }) { return .date }
        return .string
    }

    /// Digits with an optional sign, point and exponent (not `nan`, `inf` or hex, which Double accepts).
    private static func isPlainNumber(_ text: String) -> Bool {
        guard Double(text) != nil else { return false }
        return text.utf8.allSatisfy { b in
            (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(b) || b == UInt8(ascii: ".") || b == UInt8(ascii: "-")
                || b == UInt8(ascii: "+") || b == UInt8(ascii: "e") || b == UInt8(ascii: "E")
        }
    }

    /// Days since 1970 of `YYYY-MM-DD`, or `nil`.
    static func dateDays(_ text: String) -> Int32? {
        let parts = text.split(separator: "-", omittingEmptySubsequences: false)
        guard parts.count == 3, parts[0].count == 4, parts[1].count == 2, parts[2].count == 2,
            let year = Int64(parts[0]), let month = Int(parts[1]), let day = Int(parts[2]),
            (1...12).contains(month), day >= 1, day <= CivilDate.daysInMonth(year: year, month: month)
        else { return nil }
        return Int32(CivilDate(year: year, month: month, day: day).daysSinceEpoch)
    }

    /// The folder's table schema: the file columns `columns` (all top-level columns when `nil`)
    /// checked to be the same in every file, then the partition columns. Opens every footer.
    ///
    /// - Throws: ``ExtractError`` (`source`) naming the file and column that differ, or the
    ///   file's own refusal (a nested column, an unknown type, a corrupt footer).
    public func schema(
        columns: [String]? = nil,
        decompressors: any ParquetDecompressorProvider = UncompressedOnlyDecompressors()
    ) throws -> Schema {
        var reference: (file: String, fields: [Field])?
        var nullable: [Bool] = []
        for file in files {
            let parquet = try ParquetFile(path: fullPath(file), decompressors: decompressors)
            let fields = try parquet.schema(columns: columns).fields
            guard let (firstFile, expected) = reference else {
                reference = (file.relativePath, fields)
                nullable = fields.map(\.nullable)
                continue
            }
            try Self.check(fields, of: file.relativePath, against: expected, of: firstFile, folder: path)
            for (i, field) in fields.enumerated() where field.nullable { nullable[i] = true }
        }
        let fileFields = zip(reference!.fields, nullable).map { Field($0.name, $0.type, nullable: $1) }
        for partition in partitionFields where fileFields.contains(where: { $0.name == partition.name }) {
            throw ExtractError(
                .source,
                "Parquet folder: partition folder key '\(partition.name)' is also a column of \(reference!.file); rename the folders or the column",
                context: .init(column: partition.name, path: path)
            )
        }
        return Schema(fileFields + partitionFields)
    }

    private static func check(
        _ fields: [Field],
        of file: String,
        against expected: [Field],
        of firstFile: String,
        folder: String
    ) throws {
        func refuse(_ column: String, _ what: String) -> ExtractError {
            ExtractError(
                .source,
                "Parquet folder: \(what); Parquet folders must share one schema (rewrite the files with one schema, or read them one by one)",
                context: .init(column: column, path: folder)
            )
        }
        for field in fields where !expected.contains(where: { $0.name == field.name }) {
            throw refuse(field.name, "\(file) has column '\(field.name)' (\(field.type)) that \(firstFile) lacks")
        }
        for field in expected {
            guard let other = fields.first(where: { $0.name == field.name }) else {
                throw refuse(field.name, "\(file) lacks column '\(field.name)' (\(field.type)) that \(firstFile) has")
            }
            guard other.type == field.type else {
                throw refuse(
                    field.name,
                    "column '\(field.name)' is \(field.type) in \(firstFile) but \(other.type) in \(file)"
                )
            }
        }
    }

    func fullPath(_ file: DataFile) -> String {
        path.hasSuffix("/") ? path + file.relativePath : path + "/" + file.relativePath
    }
}
