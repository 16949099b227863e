import ArgumentParser
import Descent

/// The flags of the line-search and second-order methods for `descent run`
/// (`--optimizer newton|bfgs|lbfgs|cg`), as an option group:
///
/// ```swift
/// @OptionGroup var secondOrder: SecondOrderOptions
/// …
/// let optimizer = try spec.makeSecondOrder(Double.self, settings: secondOrder.settings)
/// ```
struct SecondOrderOptions: ParsableArguments {
  @Option(help: "L-BFGS memory: how many (s, y) pairs to keep (default 10).")
  var memory: Int?

  @Option(help: "Line search: \(LineSearchKind.allCases.map(\.rawValue).joined(separator: ", ")) (default more-thuente for lbfgs, strong-wolfe for bfgs and cg, backtracking for newton).")
  var lineSearch: LineSearchKind?

  @Option(help: "Sufficient-decrease constant c1 of the line search (default 1e-4; 1e-3 for lbfgs with more-thuente).")
  var c1: Double?

  @Option(help: "Curvature constant c2 of the Wolfe searches (default 0.9; 0.1 for cg).")
  var c2: Double?

  @Option(help: "Most function evaluations per line search (default 25 strong Wolfe, 40 backtracking, 20 Moré–Thuente).")
  var maxLineSearch: Int?

  @Option(help: "Conjugate-gradient formula: \(ConjugateGradientVariant.allCases.map(\.rawValue).joined(separator: ", ")) (default pr+).")
  var cgVariant: ConjugateGradientVariant?

  var settings: SecondOrderSettings {
    SecondOrderSettings(
      memory: memory, lineSearch: lineSearch, c1: c1, c2: c2, maxLineSearchEvaluations: maxLineSearch,
      conjugateGradientVariant: cgVariant)
  }
}

extension LineSearchKind: ExpressibleByArgument {}
extension ConjugateGradientVariant: ExpressibleByArgument {}
