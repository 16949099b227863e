import Foundation
import Testing

@testable import DescentCore

@Suite("Formula fuzzing: random text never crashes or hangs")
struct FormulaFuzzTests {
  /// Pieces random formulas are glued from: the grammar's alphabet plus near-misses.
  static let pieces: [String] = [
    "x", "y", "z", "w", "x1", "x10", "e", "pi", "2", "0.5", ".5", "1e-3", "2E+4", "3.", "1e", "1.2.3",
    "+", "-", "*", "/", "^", "**", "(", ")", "(", ")", ",", " ", " ", "\t",
    "sin(", "cos(", "tan(", "asin(", "acos(", "atan(", "sinh(", "cosh(", "tanh(", "exp(", "log(",
    "sqrt(", "abs(", "sign(", "min(", "max(", "sigmoid(", "softplus(", "sin", "sinx", "sinh2(", "ln(",
    "#", "²", "é", "_", "$", ".", "e", "E", "0", "9", "00",
  ]

  @Test("20,000 random strings: each parses or fails with an in-range column")
  func randomStrings() throws {
    var g = SeededGenerator(seed: 7)
    var parsed = 0
    let clock = ContinuousClock()
    let start = clock.now
    for _ in 0..<20_000 {
      let count = Int.random(in: 0...12, using: &g)
      var text = ""
      for _ in 0..<count { text += Self.pieces.randomElement(using: &g)! }
      do {
        let f = try FormulaObjective<Double>(text)
        parsed += 1
        let x = randomPoint(f.dimension, -2, 2, using: &g)
        var gradient = [Double](repeating: 0, count: f.dimension)
        _ = f.value(at: x, gradient: &gradient)
        _ = f.hessian(at: x)
      } catch {
        let length = text.unicodeScalars.count
        #expect((1...(length + 1)).contains(error.column), "\(text): column \(error.column)")
        #expect(!error.message.isEmpty)
        #expect(error.diagnostic.split(separator: "\n", omittingEmptySubsequences: false).count == 3)
      }
    }
    #expect(parsed > 100, "the generator should produce some valid formulas")
    #expect(clock.now - start < .seconds(10))
  }

  /// A random formula from the grammar, at most `depth` levels deep.
  static func randomFormula(_ depth: Int, _ g: inout SeededGenerator) -> String {
    let variables = ["x", "y", "z", "x2"]
    if depth == 0 || Int.random(in: 0..<4, using: &g) == 0 {
      switch Int.random(in: 0..<4, using: &g) {
      case 0: return String(format: "%.3g", Double.random(in: 0.1...3, using: &g))
      case 1: return ["pi", "e", "2", "0.5"].randomElement(using: &g)!
      default: return variables.randomElement(using: &g)!
      }
    }
    let a = randomFormula(depth - 1, &g)
    let b = randomFormula(depth - 1, &g)
    switch Int.random(in: 0..<10, using: &g) {
    case 0: return "\(a) + \(b)"
    case 1: return "\(a) - (\(b))"
    case 2: return "(\(a))*(\(b))"
    case 3: return "(\(a))/(2 + (\(b))^2)"
    case 4: return "(\(a))^\(Int.random(in: -3...4, using: &g))"
    case 5: return "-(\(a))"
    case 6: return "\(["min", "max"].randomElement(using: &g)!)(\(a), \(b))"
    case 7: return "(1 + (\(a))^2)^(\(b)/4)"
    default:
      let fn = ["sin", "cos", "atan", "tanh", "sigmoid", "softplus", "exp", "abs", "sinh"].randomElement(using: &g)!
      let arg = fn == "exp" || fn == "sinh" ? "(\(a))/(1 + abs(\(b)))" : a
      return "\(fn)(\(arg))"
    }
  }

  @Test("Random valid formulas compile, and their printed forms evaluate the same")
  func randomValidFormulas() throws {
    var g = SeededGenerator(seed: 8)
    for _ in 0..<200 {
      let text = Self.randomFormula(4, &g)
      let f: FormulaObjective<Double>
      do {
        f = try FormulaObjective<Double>(text)
      } catch {
        // Constant formulas (no variables) are the only expected failure.
        #expect(error.message.hasPrefix("the formula has no variables"), "\(text): \(error)")
        continue
      }
      let again = try FormulaObjective<Double>(f.formula.simplified, variables: f.variables)
      let gradients = try f.gradientFormulas.map { try FormulaObjective<Double>($0, variables: f.variables) }
      for _ in 0..<3 {
        let x = randomPoint(f.dimension, -2, 2, using: &g)
        let value = f.value(at: x)
        let other = again.value(at: x)
        #expect(
          relativeError(value, other, floor: 1e-12) <= 1e-9 || (value.isNaN && other.isNaN),
          "\(text) printed as \(f.formula.simplified): \(value) vs \(other)")
        let gradient = f.gradient(at: x)
        for (i, gi) in gradients.enumerated() {
          let printed = gi.value(at: x)
          #expect(
            relativeError(gradient[i], printed, floor: 1e-12) <= 1e-9 || (gradient[i].isNaN && printed.isNaN),
            "\(text): ∂/∂\(f.variables[i]) printed as \(f.gradientFormulas[i])")
        }
        let h = f.hessian(at: x)
        let n = f.dimension
        for i in 0..<n { for j in 0..<n { #expect(h[i * n + j] == h[j * n + i] || h[i * n + j].isNaN) } }
      }
    }
  }
}
