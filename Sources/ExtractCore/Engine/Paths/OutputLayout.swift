/// The resolved file names of one extract in one run: folder, base name, parts, archive and
/// trigger. Built from a job's ``FileNaming`` by ``resolve(job:rootDirectory:values:)``, which
/// refuses any path that would leave its root.
///
/// Names: `<base>[_partNNNN].<ext>[<codec suffix>]`, where base = file-name pattern
/// [+ `_` + timestamp format]. Parts are numbered from `_part0001` whenever max rows per file is
/// set. A ZIP archive `<base>.<ext>.zip` (or `compressed_file_name` + `.zip`) holds the files as
/// entries. The trigger file is `<data file><trigger extension>`, where data file is the single
/// output file, or the part-less name when there are parts.
public struct OutputLayout: Sendable, Hashable {
    /// The absolute folder that receives the files.
    public var directory: String
    /// The folder relative to the root, for messages.
    public var relativeDirectory: String
    /// The file name without part suffix and extension.
    public var baseName: String
    /// The data extension without dot (`csv`).
    public var fileExtension: String
    /// The whole-file codec suffix (`.gz`), `nil` for none, Parquet or ZIP.
    public var codecSuffix: String?
    /// The ZIP archive's file name, when the output is zipped.
    public var archiveName: String?
    /// Parts of at most this many rows, or `nil` for one file.
    public var maxRowsPerFile: Int?
    /// The trigger extension (with dot), or `nil`.
    public var triggerExtension: String?

    public init(
        directory: String,
        relativeDirectory: String,
        baseName: String,
        fileExtension: String,
        codecSuffix: String?,
        archiveName: String?,
        maxRowsPerFile: Int?,
        triggerExtension: String?
    ) {
        self.directory = directory
        self.relativeDirectory = relativeDirectory
        self.baseName = baseName
        self.fileExtension = fileExtension
        self.codecSuffix = codecSuffix
        self.archiveName = archiveName
        self.maxRowsPerFile = maxRowsPerFile
        self.triggerExtension = triggerExtension
    }

    /// The name of data file `part` (1-based) as written inside the folder or archive, without
    /// the codec suffix: `orders_20240725_part0001.csv`. `part` is ignored when not splitting.
    public func entryName(part: Int) -> String {
        var name = baseName
        if maxRowsPerFile != nil { name += "_part" + pad(part, 4) }
        return name + "." + fileExtension
    }

    /// The file name of data file `part` on disk: ``entryName(part:)`` plus the codec suffix.
    public func fileName(part: Int) -> String {
        entryName(part: part) + (codecSuffix ?? "")
    }

    /// The ZIP archive's file name: ``archiveName``, or `<base>.<ext>.zip` for a layout built by
    /// hand without one.
    public var archiveFileName: String {
        archiveName ?? baseName + "." + fileExtension + ".zip"
    }

    /// `directory/name`.
    public func path(_ name: String) -> String {
        directory.hasSuffix("/") ? directory + name : directory + "/" + name
    }

    /// The name the trigger file is derived from: the archive, the single data file, or the
    /// part-less data name.
    public var triggerBaseName: String {
        if let archiveName { return archiveName }
        return baseName + "." + fileExtension + (codecSuffix ?? "")
    }

    /// The trigger file's name, when the job writes one.
    public var triggerName: String? {
        triggerExtension.map { triggerBaseName + $0 }
    }

    /// Resolves `job`'s naming for one run.
    /// - Parameters:
    ///   - rootDirectory: the absolute target root (the output root or a registered target root).
    ///   - values: the placeholder values of this run and extract.
    /// - Throws: ``ExtractError/Code/invalidConfiguration`` when a folder or name would leave the
    ///   root (`..`, an absolute path) or is not a valid file name.
    public static func resolve(job: ExtractJob, rootDirectory: String, values: PathValues) throws -> OutputLayout {
        let naming = job.naming
        var segments: [String] = []
        for (column, template) in [
            ("target_file_root_path", naming.rootPath), ("extract_container", naming.container),
            ("extract_directory", naming.directory),
        ] {
            let rendered = template.render(values)
            if rendered.hasPrefix("/") {
                throw ExtractError(
                    .invalidConfiguration,
                    "\(column) resolves to an absolute path, which would leave the target root; use a relative folder",
                    context: .init(job: job.name, column: column, value: rendered)
                )
            }
            for part in rendered.split(separator: "/", omittingEmptySubsequences: true) {
                if part == "." { continue }
                if part == ".." {
                    throw ExtractError(
                        .invalidConfiguration,
                        "\(column) contains \"..\", which would leave the target root; use a folder below it",
                        context: .init(job: job.name, column: column, value: rendered)
                    )
                }
                if part.contains("\0") {
                    throw ExtractError(
                        .invalidConfiguration,
                        "\(column) contains a NUL character",
                        context: .init(job: job.name, column: column, value: rendered)
                    )
                }
                segments.append(String(part))
            }
        }
        var base = naming.fileName.render(values)
        if let format = naming.timestampFormat {
            let stampTime = naming.periodEndDay.map { periodEndDate(day: $0, onOrBefore: values.time) } ?? values.time
            base += "_" + format.format(stampTime)
        }
        let ext = naming.fileExtension
        if base.hasSuffix("." + ext) { base.removeLast(ext.count + 1) }
        try checkFileName(base, column: "extract_file_name", job: job.name)
        var archive: String? = nil
        var codecSuffix: String? = nil
        if job.compression.kind == .zip {
            let suffix = job.compression.suffix(for: job.format) ?? ".zip"
            var name = naming.archiveName.map { $0.render(values) } ?? (base + "." + ext)
            if !name.hasSuffix(suffix) { name += suffix }
            try checkFileName(name, column: "compressed_file_name", job: job.name)
            archive = name
        } else {
            codecSuffix = job.compression.suffix(for: job.format)
        }
        let relative = segments.joined(separator: "/")
        var directory = rootDirectory
        while directory.count > 1 && directory.hasSuffix("/") { directory.removeLast() }
        if !relative.isEmpty { directory += (directory == "/" ? "" : "/") + relative }
        return OutputLayout(
            directory: directory,
            relativeDirectory: relative,
            baseName: base,
            fileExtension: ext,
            codecSuffix: codecSuffix,
            archiveName: archive,
            maxRowsPerFile: job.maxRowsPerFile,
            triggerExtension: job.triggerExtension
        )
    }

    static func checkFileName(_ name: String, column: String, job: String) throws {
        if name.isEmpty || name == "." || name == ".." {
            throw ExtractError(
                .invalidConfiguration,
                "\(column) resolves to an empty or invalid file name",
                context: .init(job: job, column: column, value: name)
            )
        }
        if name.contains("/") {
            throw ExtractError(
                .invalidConfiguration,
                "\(column) resolves to a name with \"/\"; put folders in extract_directory",
                context: .init(job: job, column: column, value: name)
            )
        }
        if name.contains("\0") {
            throw ExtractError(
                .invalidConfiguration,
                "\(column) contains a NUL character",
                context: .init(job: job, column: column, value: name)
            )
        }
    }
}
