import ArgumentParser
import Descent
import Foundation

/// What the JSON outputs say about the function.
/// `formula` is absent for an MGH problem, which has `leastSquares` instead (its number,
/// title, residual count and published minima).
struct FunctionSummary: Codable {
  var name: String?
  var formula: String?
  var variables: [String]
  var leastSquares: LeastSquaresSummary?
  var minimumValue: Double?
}

extension FunctionSummary {
  /// `name: f(x, y) = formula`, or `mgh:beale: MGH 5, Beale, f = Σ rᵢ², m = 3, n = 2`.
  var displayName: String {
    if let ls = leastSquares { return "\(name ?? ls.title): \(ls.description(dimension: variables.count))" }
    let f = "f(\(variables.joined(separator: ", "))) = \(formula ?? "?")"
    return name.map { "\($0): \(f)" } ?? f
  }
}

extension ResolvedFunction {
  var summary: FunctionSummary {
    FunctionSummary(
      name: name, formula: formula, variables: variables, leastSquares: leastSquares, minimumValue: minimumValue)
  }
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
  do {
    return try ResolvedFunction.resolve(text, dimension: dimension)
  } catch {
    switch error {
    case .formula(let e): throw InputError(formulaErrorMessage(e, flag: flag))
    case .dimensionMismatch, .catalog(.unsupportedDimension), .mgh(.unsupportedDimension):
      throw InputError("--dimension: \(error.description)")
    case .catalog, .mgh, .unknownName: throw InputError("\(flag): \(error.description)")
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
