import ExtractCore
import ExtractFormats

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

// Reads a Parquet file (or folder) fully on the calling thread, the way `parquet:` sources are
// read (ColumnBatches of 64K rows, every column), and prints one JSON line: rows, wall seconds,
// CPU seconds (user + system of the whole process) around the read only, CPU-s per 1M rows and
// the peak RSS in MiB. Usage: ParquetReadBench FILE [REPEATS]
let arguments = CommandLine.arguments
guard arguments.count >= 2 else {
    print("usage: ParquetReadBench FILE [REPEATS]")
    exit(2)
}
let path = arguments[1]
let repeats = arguments.count > 2 ? Int(arguments[2]) ?? 1 : 1

func cpuSeconds() -> Double {
    var usage = rusage()
    getrusage(RUSAGE_SELF.rawValue, &usage)
    func s(_ t: timeval) -> Double { Double(t.tv_sec) + Double(t.tv_usec) / 1e6 }
    return s(usage.ru_utime) + s(usage.ru_stime)
}

func wallSeconds() -> Double {
    var t = timespec()
    clock_gettime(CLOCK_MONOTONIC, &t)
    return Double(t.tv_sec) + Double(t.tv_nsec) / 1e9
}

func peakRSSMiB() -> Double {
    var usage = rusage()
    getrusage(RUSAGE_SELF.rawValue, &usage)
    return Double(usage.ru_maxrss) / 1024
}

for run in 0..<repeats {
    let cpu0 = cpuSeconds(), wall0 = wallSeconds()
    let source: any DataSource =
        DirectoryListing.kind(of: path) == .directory
        ? ParquetFolderSource(path: path, decompressors: BlockCodecs.decompressors)
        : ParquetFileSource(path: path, decompressors: BlockCodecs.decompressors)
    let reader = try source.makeReader()
    var rows = 0
    var checksum = 0
    while let batch = try reader.next() {
        rows += batch.rowCount
        checksum &+= batch.columns.count
    }
    reader.close()
    let cpu = cpuSeconds() - cpu0, wall = wallSeconds() - wall0
    let perMillion = cpu / (Double(rows) / 1e6)
    print(
        #"{"run": \#(run), "rows": \#(rows), "wall_s": \#(wall), "cpu_s": \#(cpu), "cpu_s_per_1m": \#(perMillion), "peak_rss_mib": \#(peakRSSMiB()), "check": \#(checksum)}"#
    )
}
