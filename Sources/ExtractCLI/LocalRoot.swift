import ArgumentParser

@main
struct LocalRoot: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "extract",
        subcommands: [InitCommand.self, CompileCommand.self, RunCommand.self, ListCommand.self, HistoryCommand.self, ValidateCommand.self])
}
