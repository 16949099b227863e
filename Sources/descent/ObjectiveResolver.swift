import ArgumentParser
import Descent
import Foundation

/// What the JSON outputs say about the function.
struct FunctionSummary: Codable {
  var name: String?
  var formula: String
  var variables: [String]
}

extension ResolvedFunction {
  var summary: FunctionSummary { FunctionSummary(name: name, formula: formula, variables: variables) }
}

/// Resolves `--function`: a catalog name, else a formula; `@FILE` reads the text from a
/// file (for formulas too long for a command line). Errors name the flag and the column
/// and show a caret under the offending character.
func resolveFunctionOrExit(_ text: String, dimension: Int?, flag: String = "--function") throws -> ResolvedFunction {
  try resolveFunction(text, dimension: dimension, flag: flag)
}

func resolveFunction(_ text: String, dimension: Int?, flag: String = "--function") throws -> ResolvedFunction {
  if text.hasPrefix("@") {
    let path = String(text.dropFirst())
    guard let data = FileManager.default.contents(atPath: path) else {
      throw InputError("\(flag) @\(path): cannot read the file")
    }
    guard let body = String(data: data, encoding: .utf8) else {
      throw InputError("\(flag) @\(path): the file is not UTF-8 text")
    }
    return try resolveFunction(body.trimmingCharacters(in: .whitespacesAndNewlines), dimension: dimension, flag: "\(flag) @\(path)")
  }
  // TEMPORARY names until the catalog lands.
  var named: (String, String, [Double], [ClosedRange<Double>])?
  switch text.lowercased() {
  case "narrow-ravine", "ravine": named = ("narrow-ravine", "0.5*x^2 + 10*y^2", [1.8, 0.5], [-2...2, -1...1])
  case "himmelblau": named = ("himmelblau", "(x^2 + y - 11)^2 + (x + y^2 - 7)^2", [-1, 1], [-5...5, -5...5])
  default: break
  }
  do {
    var r = try ResolvedFunction.resolve(named?.1 ?? text, dimension: dimension)
    if let named {
      r.name = named.0
      r.standardStart = named.2
      r.window = named.3
      r.minimumValue = 0
    }
    return r
  } catch {
    switch error {
    case .formula(let e): throw InputError(formulaErrorMessage(e, flag: flag))
    case .dimensionMismatch: throw InputError("--dimension: \(error.description)")
    }
  }
}

/// `… at column N of --function`, the formula, and a caret line under the culprit.
func formulaErrorMessage(_ error: FormulaError, flag: String) -> String {
  let caretLine = error.diagnostic.split(separator: "\n", omittingEmptySubsequences: false).last.map(String.init) ?? ""
  return "\(error.message) at column \(error.column) of \(flag)\n  \(error.excerpt)\n  \(caretLine)"
}

/// For commands that only need a Double objective.
func resolveObjective(_ text: String, dimension: Int?) throws -> any Objective<Double> {
  try resolveFunction(text, dimension: dimension).objective(Double.self)
}
