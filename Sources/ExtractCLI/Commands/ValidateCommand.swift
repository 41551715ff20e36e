import ArgumentParser
import ExtractCore
import ExtractStandard
import Foundation

/// `extract validate`: checks every active job and writes nothing.
struct ValidateCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "validate",
        abstract: "Check every active extract job (columns, formats, paths, placeholders) without writing anything.",
        discussion: "Exit status: 0 when every job is valid (warnings allowed), 2 when any has an error."
    )

    @OptionGroup var storeOptions: StoreOptions

    func run() async throws {
        let context = try await storeOptions.openEngine()
        let report = await ConfigValidation(sources: context.sources)
            .validate(context.snapshot, outputRoot: FileManager.default.currentDirectoryPath, runTime: try runTime())
        for issue in report.issues { print(issue.description) }
        print(report.summary)
        if !report.isValid {
            let invalid = report.invalidJobs.count
            throw usageFailure("\(invalid) extract\(invalid == 1 ? " is" : "s are") invalid")
        }
    }
}
