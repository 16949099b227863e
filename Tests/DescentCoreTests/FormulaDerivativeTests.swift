import Foundation
import Testing

@testable import DescentCore

@Suite("Formula derivatives: gradients, Hessians, printed formulas")
struct FormulaDerivativeTests {
  /// Formulas covering every function and operator, with a box of points where each is
  /// smooth (arguments of asin/acos inside (−1, 1), of log/sqrt positive, no kinks or ties
  /// in practice at random points).
  static let smoothCases: [(String, ClosedRange<Double>)] = [
    ("sin(x)*cos(y) + 0.1*(x^2+y^2)", -2...2),
    ("tan(0.5*x) + x*tan(y/3)", -1.5...1.5),
    ("asin(0.4*x) - acos(0.3*y)*x", -2...2),
    ("atan(x*y) + atan(x - y)^2", -2...2),
    ("sinh(x)*cosh(y) - tanh(x*y)", -1.5...1.5),
    ("exp(-x^2 - y^2)*sqrt(1 + x^2*y^2)", -2...2),
    ("log(1+exp(x-2*y))", -2...2),
    ("log(3 + x) * log(3 + y)", -2...2),
    ("sqrt(5 + x + y^3)", -1...1),
    ("abs(x - 0.123)^3 + abs(y + 0.456)*x", -2...2),
    ("min(x^2, y) + max(x*y, 0.25) - min(x, 1 - y)", -2...2),
    ("sigmoid(x*y) + softplus(x - y)", -3...3),
    ("softplus(3*x)*sigmoid(-2*y)", -3...3),
    ("x^y + y^x", 0.5...2.5),
    ("(x^2 + 1)^(y/3)", -2...2),
    ("x^-2 + y^-3 + (x*y)^(1/3)", 0.5...2),
    ("(x - y)^4/(1 + y^2) - 2^-y + e^x*pi", -2...2),
    ("(x^2+y-11)^2+(x+y^2-7)^2", -4...4),
    ("100*(y-x^2)^2+(1-x)^2", -2...2),
    ("x*y*z + z^2*sin(x) - exp(y*z)/10", -1.5...1.5),
    ("sign(x - 0.31)*y^2 + x^3", -2...2),
    ("(x1 - x2)^2 + x3*x1^3 - cos(x2*x3) + x4/(2 + x1^2)", -1.5...1.5),
  ]

  @Test("Every function's gradient matches central differences at seeded random points")
  func gradientsMatchFiniteDifferences() throws {
    var g = SeededGenerator(seed: 2)
    for (text, box) in Self.smoothCases {
      let f = try FormulaObjective<Double>(text)
      for _ in 0..<20 {
        let x = randomPoint(f.dimension, box.lowerBound, box.upperBound, using: &g)
        let check = f.checkGradient(at: x, tolerance: 1e-6)
        #expect(check.passed, "\(text) at \(x): max relative error \(check.maxRelativeError)")
      }
    }
  }

  @Test("Hessians match central differences of the gradient and are exactly symmetric")
  func hessiansMatchFiniteDifferences() throws {
    var g = SeededGenerator(seed: 3)
    for (text, box) in Self.smoothCases {
      let f = try FormulaObjective<Double>(text)
      let n = f.dimension
      for _ in 0..<10 {
        let x = randomPoint(n, box.lowerBound, box.upperBound, using: &g)
        let exact = f.hessian(at: x)
        var numeric = [Double](repeating: 0, count: n * n)
        x.withUnsafeBufferPointer { xp in
          numeric.withUnsafeMutableBufferPointer { FiniteDifference.hessian(of: f, at: xp, into: $0) }
        }
        let scale = max(1, exact.map(abs).max() ?? 0)
        for i in 0..<n {
          for j in 0..<n {
            #expect(exact[i * n + j] == exact[j * n + i], "\(text): H not symmetric")
            let error = abs(exact[i * n + j] - numeric[i * n + j]) / scale
            #expect(error <= 1e-6, "\(text) at \(x): H[\(i)][\(j)] = \(exact[i * n + j]) vs \(numeric[i * n + j])")
          }
        }
      }
    }
  }

  @Test("The Hessian program also returns the value and gradient; HVP is H·v")
  func hessianProgramAndHVP() throws {
    var g = SeededGenerator(seed: 4)
    for (text, box) in Self.smoothCases {
      let f = try FormulaObjective<Double>(text)
      let n = f.dimension
      let x = randomPoint(n, box.lowerBound, box.upperBound, using: &g)
      let v = randomPoint(n, -1, 1, using: &g)
      var gradient = [Double](repeating: 0, count: n)
      let value = f.value(at: x, gradient: &gradient)
      var gradient2 = [Double](repeating: 0, count: n)
      var hessian = [Double](repeating: 0, count: n * n)
      let value2 = x.withUnsafeBufferPointer { xp in
        gradient2.withUnsafeMutableBufferPointer { gp in
          hessian.withUnsafeMutableBufferPointer { f.value(at: xp, gradient: gp, hessian: $0) }
        }
      }
      #expect(value2 == value)
      #expect(gradient2 == gradient)
      #expect(hessian == f.hessian(at: x))
      #expect(f.value(at: x) == value)
      let hv = f.hessianVectorProduct(at: x, direction: v)
      for i in 0..<n {
        let expected = (0..<n).reduce(0.0) { $0 + hessian[i * n + $1] * v[$1] }
        #expect(relativeError(hv[i], expected, floor: 1e-300) <= 1e-15)
      }
      #expect(f.hasExactHessian)
    }
  }

  @Test("Kinks: abs′(0) = 0, min/max pick their branch and average at a tie")
  func kinks() throws {
    let abs = try FormulaObjective<Double>("abs(x) + 3*abs(y)")
    #expect(abs.gradient(at: [0, 0]) == [0, 0])
    #expect(abs.gradient(at: [-2, 1]) == [-1, 3])
    let relu = try FormulaObjective<Double>("max(x, 0)")
    #expect(relu.gradient(at: [2]) == [1])
    #expect(relu.gradient(at: [-2]) == [0])
    #expect(relu.gradient(at: [0]) == [0.5])
    let f = try FormulaObjective<Double>("min(x, y) + 10*max(x, y)")
    #expect(f.gradient(at: [1, 2]) == [1, 10])
    #expect(f.gradient(at: [2, 1]) == [10, 1])
    #expect(f.gradient(at: [1, 1]) == [5.5, 5.5])
    #expect(f.value(at: [1, 2]) == 21)
    let sign = try FormulaObjective<Double>("sign(x)*y")
    #expect(sign.gradient(at: [-3, 5]) == [0, -1])
    #expect(sign.value(at: [0, 5]) == 0)
  }

  @Test("Powers: integer exponents take negative bases; variable exponents use exp(y log x)")
  func powers() throws {
    let cube = try FormulaObjective<Double>("x^3")
    #expect(cube.value(at: [-2]) == -8)
    #expect(cube.gradient(at: [-2]) == [12])
    #expect(cube.hessian(at: [-2]) == [-12])
    let inverse = try FormulaObjective<Double>("x^-2")
    #expect(inverse.value(at: [-2]) == 0.25)
    #expect(inverse.gradient(at: [-2]) == [0.25])
    let seventh = try FormulaObjective<Double>("x^7")
    #expect(seventh.gradient(at: [-1]) == [7])
    let general = try FormulaObjective<Double>("x^y")
    let (x, y) = (1.7, 2.3)
    let g = general.gradient(at: [x, y])
    #expect(relativeError(g[0], y * pow(x, y - 1)) <= 1e-15)
    #expect(relativeError(g[1], pow(x, y) * log(x)) <= 1e-15)
    // A non-integer power of a negative number is not real: NaN, not a wrong number.
    #expect(general.value(at: [-1.7, 2.3]).isNaN)
    let root = try FormulaObjective<Double>("x^1.5")
    #expect(relativeError(root.gradient(at: [4])[0], 3) <= 1e-15)
    let exponential = try FormulaObjective<Double>("2^x")
    #expect(relativeError(exponential.gradient(at: [3])[0], 8 * log(2)) <= 1e-15)
  }

  @Test("sigmoid and softplus stay finite far from 0")
  func stableActivations() throws {
    let f = try FormulaObjective<Double>("softplus(x) + sigmoid(y)")
    #expect(f.value(at: [1000, -1000]) == 1000)
    #expect(f.gradient(at: [1000, -1000]) == [1, 0])
    #expect(f.value(at: [-1000, 1000]) == 1)
    #expect(f.gradient(at: [-1000, 1000]) == [0, 0])
    let small = try FormulaObjective<Double>("softplus(x)")
    #expect(relativeError(small.value(at: [-40]), exp(-40)) <= 1e-15)
    #expect(relativeError(small.gradient(at: [-40])[0], exp(-40)) <= 1e-15)
    let h = small.hessian(at: [-1000])
    #expect(h == [0])
  }

  @Test("Printed gradient and Hessian formulas parse back to the same values")
  func printedFormulasReparse() throws {
    var g = SeededGenerator(seed: 5)
    for (text, box) in Self.smoothCases {
      let f = try FormulaObjective<Double>(text)
      let n = f.dimension
      let gradientTexts = f.gradientFormulas
      let hessianTexts = f.hessianFormulas
      let reparsedGradient = try gradientTexts.map {
        try FormulaObjective<Double>($0, variables: f.variables)
      }
      let reparsedHessian = try hessianTexts.map { row in
        try row.map { try FormulaObjective<Double>($0, variables: f.variables) }
      }
      let simplified = try FormulaObjective<Double>(f.formula.simplified, variables: f.variables)
      for _ in 0..<5 {
        let x = randomPoint(n, box.lowerBound, box.upperBound, using: &g)
        let gradient = f.gradient(at: x)
        let hessian = f.hessian(at: x)
        #expect(relativeError(simplified.value(at: x), f.value(at: x), floor: 1e-300) <= 1e-14)
        for i in 0..<n {
          let again = reparsedGradient[i].value(at: x)
          #expect(
            relativeError(again, gradient[i], floor: 1e-300) <= 1e-14,
            "\(text): ∂/∂\(f.variables[i]) printed as \(gradientTexts[i])")
          for j in 0..<n {
            let again = reparsedHessian[i][j].value(at: x)
            #expect(
              relativeError(again, hessian[i * n + j], floor: 1e-300) <= 1e-14,
              "\(text): H[\(i)][\(j)] printed as \(hessianTexts[i][j])")
          }
        }
      }
    }
  }

  @Test("Gradient formulas of the design examples read naturally")
  func gradientFormulaText() throws {
    #expect(try Formula("0.5*x^2 + 10*y^2").gradientFormulas == ["x", "20*y"])
    #expect(try Formula("100*(y-x^2)^2+(1-x)^2").gradientFormulas == ["-2*(1 - x) - 400*((y - x^2)*x)", "200*(y - x^2)"])
    #expect(try Formula("100*(y-x^2)^2+(1-x)^2").hessianFormulas == [["2 - 400*(y - x^2) + 800*x^2", "-400*x"], ["-400*x", "200"]])
    #expect(try Formula("sin(x)*cos(y)").gradientFormulas == ["cos(y)*cos(x)", "-sin(x)*sin(y)"])
    #expect(try Formula("abs(x) + max(y, 0)").gradientFormulas == ["sign(x)", "0.5*(1 + sign(y))"])
  }

  @Test("Float evaluation agrees with Double")
  func float() throws {
    var g = SeededGenerator(seed: 6)
    for (text, box) in Self.smoothCases {
      let d = try FormulaObjective<Double>(text)
      let f = FormulaObjective<Float>(d.formula)
      let n = d.dimension
      for _ in 0..<5 {
        let x = randomPoint(n, box.lowerBound, box.upperBound, using: &g).map { Double(Float($0)) }
        let xf = x.map { Float($0) }
        let value = d.value(at: x)
        #expect(relativeError(Double(f.value(at: xf)), value, floor: 1) <= 1e-4, "\(text)")
        let gd = d.gradient(at: x)
        let gf = f.gradient(at: xf)
        let scale = max(1, gd.map(abs).max()!)
        for i in 0..<n { #expect(abs(Double(gf[i]) - gd[i]) / scale <= 1e-4, "\(text)") }
        let hd = d.hessian(at: x)
        let hf = f.hessian(at: xf)
        let hscale = max(1, hd.map(abs).max()!)
        for k in 0..<(n * n) { #expect(abs(Double(hf[k]) - hd[k]) / hscale <= 1e-3, "\(text)") }
      }
    }
    let ravine = try FormulaObjective<Float>("0.5*x^2 + 10*y^2")
    #expect(ravine.value(at: [1.8, 0.5]) == 4.12)
    #expect(ravine.gradient(at: [1.8, 0.5]) == [1.8, 10])
    #expect(ravine.checkGradient(at: [0.3, -0.2]).passed)
  }
}
