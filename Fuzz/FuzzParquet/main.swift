import ExtractCore
import ExtractFormats

/// libFuzzer's entry point: one input is one Parquet file.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzParquet(_ data: UnsafePointer<UInt8>?, _ size: Int) -> Int32 {
    let bytes = size == 0 ? [] : Array(UnsafeBufferPointer(start: data, count: size))
    readEverything(bytes)
    return 0
}

/// SwiftPM links an executable with its `main` renamed to `<target>_main`; with
/// `-parse-as-library` there is none, so this one hands control to libFuzzer's driver.
@_cdecl("FuzzParquet_main")
public func fuzzerMain(
    _ argc: Int32,
    _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?
) -> Int32 {
    var count = argc
    var arguments = argv
    return LLVMFuzzerRunDriver(&count, &arguments, fuzzParquet)
}

@_silgen_name("LLVMFuzzerRunDriver")
func LLVMFuzzerRunDriver(
    _ argc: UnsafeMutablePointer<Int32>,
    _ argv: UnsafeMutablePointer<UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?>,
    _ callback: @convention(c) (UnsafePointer<UInt8>?, Int) -> Int32
) -> Int32

/// Opens the footer and decodes everything a caller can ask for; errors are expected and ignored.
func readEverything(_ bytes: [UInt8]) {
    guard
        let file = try? ParquetFile(
            input: MemoryInput(bytes),
            displayPath: "fuzz.parquet",
            decompressors: BlockCodecs.decompressors
        )
    else { return }
    let names = file.root.children.map(\.name)
    for group in file.rowGroups {
        for name in names { _ = group.statistics(for: name) }
    }
    let flat = names.filter { (try? file.schema(columns: [$0])) != nil }
    if let reader = try? file.makeBatchReader(columns: flat, batchRowCount: 1000) {
        while let batch = try? reader.next() { _ = batch.rowCount }
    }
    if let records = try? file.makeRecordReader(columns: names) {
        while let row = try? records.next() { _ = row.count }
    }
}
