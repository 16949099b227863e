import ArgumentParser
import Descent

/// A function named on the command line, resolved to an objective with its context.
struct ResolvedFunction {
  var name: String?
  var formula: String
  var variables: [String]
  var standardStart: [Double]
  var window: [ClosedRange<Double>]
  var criticalPoints: [CriticalPoint]
  var minimumValue: Double?
  var makeDouble: @Sendable () -> any Objective<Double>
  var makeFloat: @Sendable () -> any Objective<Float>

  var dimension: Int { variables.count }
  var displayName: String { name.map { "\($0): f(\(variables.joined(separator: ", "))) = \(formula)" } ?? "f(\(variables.joined(separator: ", "))) = \(formula)" }
  var summary: FunctionSummary { FunctionSummary(name: name, formula: formula, variables: variables) }

  func objective<S: DescentScalar>(_: S.Type) -> any Objective<S> {
    if S.self == Double.self { return makeDouble() as! any Objective<S> }
    return makeFloat() as! any Objective<S>
  }
}

/// What the JSON outputs say about the function.
struct FunctionSummary: Codable {
  var name: String?
  var formula: String
  var variables: [String]
}

/// Resolves, printing a formula error with its caret and exiting non-zero.
func resolveFunctionOrExit(_ text: String, dimension: Int?) throws -> ResolvedFunction {
  try resolveFunction(text, dimension: dimension)
}

// TEMPORARY until the catalog and the formula compiler land.
func resolveFunction(_ text: String, dimension: Int?) throws -> ResolvedFunction {
  switch text {
  case "narrow-ravine", "ravine", "0.5*x^2+10*y^2":
    return ResolvedFunction(
      name: "narrow-ravine", formula: "0.5*x^2 + 10*y^2", variables: ["x", "y"], standardStart: [1.8, 0.5],
      window: [-2...2, -1...1], criticalPoints: [], minimumValue: 0,
      makeDouble: { ClosureObjective<Double>(dimension: 2) { x, g in g[0] = x[0]; g[1] = 20 * x[1]; return 0.5 * x[0] * x[0] + 10 * x[1] * x[1] } },
      makeFloat: { ClosureObjective<Float>(dimension: 2) { x, g in g[0] = x[0]; g[1] = 20 * x[1]; return 0.5 * x[0] * x[0] + 10 * x[1] * x[1] } })
  case "x^2":
    return ResolvedFunction(
      name: nil, formula: "x^2", variables: ["x"], standardStart: [1], window: [-2...2], criticalPoints: [], minimumValue: 0,
      makeDouble: { ClosureObjective<Double>(dimension: 1) { x, g in g[0] = 2 * x[0]; return x[0] * x[0] } },
      makeFloat: { ClosureObjective<Float>(dimension: 1) { x, g in g[0] = 2 * x[0]; return x[0] * x[0] } })
  case "5*x^2":  // TEMPORARY (schedules branch): the sweep's second teaching example.
    return ResolvedFunction(
      name: nil, formula: "5*x^2", variables: ["x"], standardStart: [1], window: [-2...2], criticalPoints: [], minimumValue: 0,
      makeDouble: { ClosureObjective<Double>(dimension: 1) { x, g in g[0] = 10 * x[0]; return 5 * x[0] * x[0] } },
      makeFloat: { ClosureObjective<Float>(dimension: 1) { x, g in g[0] = 10 * x[0]; return 5 * x[0] * x[0] } })
  default:
    throw InputError("unknown function '\(text)'")
  }
}

/// For commands that only need a Double objective.
func resolveObjective(_ text: String, dimension: Int?) throws -> any Objective<Double> {
  try resolveFunction(text, dimension: dimension).makeDouble()
}
