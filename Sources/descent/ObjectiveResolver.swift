import Foundation
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

/// Resolves `--function`: a catalog name, else a formula. Errors name the flag, the
/// column and show a caret under the offending character.
func resolveFunctionOrExit(_ text: String, dimension: Int?, flag: String = "--function") throws -> ResolvedFunction {
  try resolveFunction(text, dimension: dimension, flag: flag)
}

func resolveFunction(_ text: String, dimension: Int?, flag: String = "--function") throws -> ResolvedFunction {
  if text.hasPrefix("@") {
    // `--function @FILE`: the formula is the file's text (for formulas too long for a
    // command line).
    let path = String(text.dropFirst())
    guard let data = FileManager.default.contents(atPath: path) else {
      throw InputError("\(flag) @\(path): cannot read the file")
    }
    guard let body = String(data: data, encoding: .utf8) else {
      throw InputError("\(flag) @\(path): the file is not UTF-8 text")
    }
    return try resolveFunction(body.trimmingCharacters(in: .whitespacesAndNewlines), dimension: dimension, flag: "\(flag) @\(path)")
  }
  switch text {
  case "narrow-ravine", "ravine":
    return try formulaFunction("0.5*x^2 + 10*y^2", name: "narrow-ravine", dimension: dimension, flag: flag, start: [1.8, 0.5], window: [-2...2, -1...1], minimum: 0)
  case "himmelblau":
    return try formulaFunction("(x^2 + y - 11)^2 + (x + y^2 - 7)^2", name: "himmelblau", dimension: dimension, flag: flag, start: [-1, 1], window: [-5...5, -5...5], minimum: 0)
  default:
    return try formulaFunction(text, name: nil, dimension: dimension, flag: flag)
  }
}

/// A formula as a resolved function: default start all ones, default window [−2, 2]ⁿ.
func formulaFunction(
  _ text: String, name: String?, dimension: Int?, flag: String, start: [Double]? = nil,
  window: [ClosedRange<Double>]? = nil, minimum: Double? = nil
) throws -> ResolvedFunction {
  let formula: Formula
  do {
    formula = try Formula(text)
  } catch {
    throw InputError(formulaErrorMessage(error, flag: flag))
  }
  if let dimension, dimension != formula.dimension {
    throw InputError(
      "--dimension \(dimension) does not match the formula, which has \(formula.dimension) variable\(formula.dimension == 1 ? "" : "s") (\(formula.variables.joined(separator: ", ")))")
  }
  let n = formula.dimension
  return ResolvedFunction(
    name: name, formula: text, variables: formula.variables,
    standardStart: start ?? [Double](repeating: 1, count: n),
    window: window ?? [ClosedRange<Double>](repeating: -2...2, count: n), criticalPoints: [], minimumValue: minimum,
    makeDouble: { FormulaObjective<Double>(formula) }, makeFloat: { FormulaObjective<Float>(formula) })
}

/// `error at column N of --function`, the formula and a caret line under the culprit.
func formulaErrorMessage(_ error: FormulaError, flag: String) -> String {
  let caretLine = error.diagnostic.split(separator: "\n", omittingEmptySubsequences: false).last.map(String.init) ?? ""
  return "\(error.message) at column \(error.column) of \(flag)\n  \(error.excerpt)\n  \(caretLine)"
}

/// For commands that only need a Double objective.
func resolveObjective(_ text: String, dimension: Int?) throws -> any Objective<Double> {
  try resolveFunction(text, dimension: dimension).makeDouble()
}
