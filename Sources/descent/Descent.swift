import ArgumentParser
import Descent

@main
struct DescentCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "descent",
    abstract: "Gradient-based optimization and loss-landscape analysis.",
    subcommands: []
  )
}
