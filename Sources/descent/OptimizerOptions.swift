import ArgumentParser
import DescentOptimizers

// TEMPORARY: the optimizer-family branch replaces this file with every flag.
struct OptimizerOptions: ParsableArguments {
  @Option(help: "The optimizer: \(OptimizerSpec.names.joined(separator: ", ")).")
  var optimizer: String = "gd"

  @Option(help: "Learning rate η (default: the optimizer's PyTorch default).")
  var lr: Double?

  @Flag(help: "Maximize instead of minimize (ascend the gradient).")
  var maximize: Bool = false

  func spec() throws -> OptimizerSpec {
    OptimizerSpec(name: optimizer, learningRate: lr)
  }
}
