import ArgumentParser
import Descent

@main
struct DescentCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "descent",
    abstract: "Gradient-based optimization and loss-landscape analysis.",
    discussion: """
      Start with `descent run` (gradient descent on the narrow ravine), then try
      `descent functions` for the test functions (the catalog and the MGH problems) and `descent run --help` for every option.
      """,
    subcommands: [RunCommand.self, FunctionsCommand.self, CompareCommand.self, SweepCommand.self, AnalyzeCommand.self, CheckCommand.self, TrainCommand.self, LandscapeCommand.self, ServeCommand.self, BenchCommand.self],
    defaultSubcommand: nil
  )
}
