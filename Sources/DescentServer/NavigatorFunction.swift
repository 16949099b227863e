import DescentCore
import DescentPlot

/// A function as the navigator shows it: the resolved function (the same objective the CLI
/// runs), the view window, the start, and the menu entry it came from.
struct NavigatorFunction: Sendable {
  var resolved: ResolvedFunction
  /// The menu entry, for a named function.
  var preset: Preset?
  /// The window the page opens on.
  var window: [ClosedRange<Double>]
  /// The start the page opens with.
  var start: [Double]
  /// The compiled formula, when the function is one (run through ``SpecializedFormula``).
  var formula: Formula? = nil

  var title: String { preset?.title ?? resolved.formula ?? resolved.displayName }
  var variables: [String] { resolved.variables }

  /// The objective, in double precision: the resolved function's, specialized when it is a
  /// formula.
  func objective() -> any Objective<Double> {
    if let formula { return SpecializedFormula(formula) }
    return resolved.objective(Double.self)
  }

  /// `f` on the grid `xs × ys`, row-major.
  func values(xs: [Double], ys: [Double]) -> [Double] {
    if let formula { return SpecializedFormula(formula).values(xs: xs, ys: ys) }
    let objective = resolved.objective(Double.self)
    var values = [Double](repeating: 0, count: xs.count * ys.count)
    var point = [0.0, 0.0]
    for (j, y) in ys.enumerated() {
      for (i, x) in xs.enumerated() {
        point[0] = x
        point[1] = y
        values[j * xs.count + i] = objective.value(at: point)
      }
    }
    return values
  }

  /// Limits on formulas typed into the page: tighter than the compiler's defaults so that a
  /// pathological formula is rejected in milliseconds (the length limit is
  /// ``ServerLimits/maximumFormulaLength``).
  static let formulaLimits = Formula.Limits(
    length: ServerLimits.maximumFormulaLength, nesting: 100, nodes: 100_000, work: 4_000_000)

  /// Resolves the text of the function box: a menu name (case-insensitive, aliases
  /// accepted) or a formula in one or two variables.
  ///
  /// - Throws: ``APIError`` with the formula's column for a parse error, or a message for
  ///   an empty text, a formula that is too long, or one with more than two variables.
  static func resolve(_ text: String, field: String = "function") throws(APIError) -> NavigatorFunction {
    let trimmed = text.trimmingWhitespace()
    if trimmed.isEmpty {
      throw APIError(.badRequest, "the function is empty: pick a landscape or type a formula such as x^2 + 3*y^2", field: field)
    }
    let length = text.unicodeScalars.count
    if length > ServerLimits.maximumFormulaLength {
      throw APIError(
        .contentTooLarge,
        "the formula is too long (\(length) characters; at most \(ServerLimits.maximumFormulaLength) are accepted)",
        field: field, column: ServerLimits.maximumFormulaLength + 1)
    }
    if let preset = Preset.named(trimmed) {
      // A catalog entry when the catalog knows the name (its hand-written objective and its
      // exact critical points); the preset's formula otherwise.
      if let catalog = try? ResolvedFunction.resolve(preset.name, dimension: 2), catalog.name != nil {
        return NavigatorFunction(resolved: catalog, preset: preset, window: preset.window, start: preset.start)
      }
      var (resolved, formula) = try! makeFormulaFunction(preset.formula, field: field)
      resolved.name = preset.name
      resolved.standardStart = preset.start
      resolved.window = preset.window
      return NavigatorFunction(
        resolved: resolved, preset: preset, window: preset.window, start: preset.start, formula: formula)
    }
    let (resolved, formula) = try makeFormulaFunction(text, field: field)
    return NavigatorFunction(
      resolved: resolved, preset: nil, window: resolved.window, start: resolved.standardStart, formula: formula)
  }

  /// Compiles a formula into a two-variable function. A formula in one variable gets a
  /// second, unused one (`x^4 - 4*x^2` is drawn over the plane with `y` free).
  static func makeFormulaFunction(_ text: String, field: String) throws(APIError) -> (ResolvedFunction, Formula) {
    var formula: Formula
    do {
      formula = try Formula(text, limits: formulaLimits)
    } catch {
      throw APIError(.badRequest, error.message, field: field, column: error.column, length: error.length)
    }
    if formula.dimension == 1 {
      let only = formula.variables[0]
      let pair = only == "y" ? ["x", "y"] : [only, "y"]
      do {
        formula = try Formula(text, variables: pair, limits: formulaLimits)
      } catch {
        throw APIError(.badRequest, error.message, field: field, column: error.column, length: error.length)
      }
    }
    guard formula.dimension == 2 else {
      let names = formula.variables
      throw APIError(
        .badRequest,
        "the navigator draws functions of two variables; this formula has \(names.count) (\(names.joined(separator: ", ")))",
        field: field, column: firstColumn(of: names[2], in: text))
    }
    let compiled = formula
    let resolved = ResolvedFunction(
      name: nil, formula: text, variables: compiled.variables, standardStart: [1, 1], window: [-2...2, -2...2],
      makeDouble: { FormulaObjective<Double>(compiled) }, makeFloat: { FormulaObjective<Float>(compiled) })
    return (resolved, compiled)
  }

  /// The 1-based column where the identifier `name` first appears in `text`, if it does.
  static func firstColumn(of name: String, in text: String) -> Int? {
    let scalars = Array(text.unicodeScalars)
    let target = Array(name.unicodeScalars)
    guard !target.isEmpty, scalars.count >= target.count else { return nil }
    func isIdentifier(_ s: Unicode.Scalar) -> Bool { s.properties.isAlphabetic || ("0"..."9").contains(s) || s == "_" }
    for i in 0...(scalars.count - target.count) where Array(scalars[i..<(i + target.count)]) == target {
      let before = i == 0 || !isIdentifier(scalars[i - 1])
      let after = i + target.count == scalars.count || !isIdentifier(scalars[i + target.count])
      if before && after { return i + 1 }
    }
    return nil
  }
}

extension String {
  func trimmingWhitespace() -> String {
    var scalars = Substring(self).unicodeScalars
    while let first = scalars.first, first.properties.isWhitespace { scalars.removeFirst() }
    while let last = scalars.last, last.properties.isWhitespace { scalars.removeLast() }
    return String(scalars)
  }
}
