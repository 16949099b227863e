import Foundation
import Testing

@testable import DescentCore

/// `f(point)` of formula `text`.
private func eval(_ text: String, _ point: [Double]) throws -> Double {
  try FormulaObjective<Double>(text).value(at: point)
}

@Suite("Formula grammar, precedence and variables")
struct FormulaParsingTests {
  static let precedenceCases: [(String, [Double], Double)] = [
      ("-x^2", [3], -9.0),  // ^ binds tighter than unary minus
      ("2^3^2*x", [1], 512),  // ^ is right-associative
      ("(2^3)^2*x", [1], 64),
      ("x^-1", [4], 0.25),  // the exponent may carry a sign
      ("x^-y^2", [2, 3], 1.0 / 512),
      ("-2^2 + x", [0], -4),
      ("(-2)^2 + x", [0], 4),
      ("x - y - z", [10, 3, 2], 5),  // left-associative
      ("x/y/z", [24, 3, 2], 4),
      ("x - (y - z)", [10, 3, 2], 9),
      ("x/(y*z)", [24, 3, 2], 4),
      ("x*y^2", [2, 3], 18),
      ("-x*y", [2, 3], -6),
      ("x*-y", [2, 3], -6),
      ("x + -y", [2, 3], -1),
      ("--x", [2], 2),
      ("+x", [2], 2),
      ("-+-x", [2], 2),
      ("1 - x^2/2 + x^4/24", [0.5], 1 - 0.125 + 0.0625 / 24),
      ("2*x + 3*y*x - 4/y", [1.5, 2], 3 + 9 - 2),
      ("((((x))))", [7], 7),
      ("  x  *\t2 \n+ y\r", [1, 2], 4),
  ]

  @Test("Precedence and associativity follow the grammar", arguments: precedenceCases)
  func precedence(text: String, point: [Double], expected: Double) throws {
    let value = try eval(text, point)
    #expect(relativeError(value, expected) <= 1e-15, "\(text) = \(value), expected \(expected)")
  }

  static let numberCases: [(String, Double)] = [
      ("3*x", 3.0), ("0.5*x", 0.5), (".5*x", 0.5), ("3.*x", 3), ("1e-3*x", 1e-3),
      ("2E+4*x", 2e4), ("1.5e2*x", 150), ("2.5E-1*x", 0.25), ("007*x", 7), ("1e308*x", 1e308),
      ("pi*x", Double.pi), ("e*x", M_E),
  ]

  @Test("Number literals", arguments: numberCases)
  func numbers(text: String, expected: Double) throws {
    #expect(try eval(text, [1]) == expected)
  }

  @Test("Variables are ordered x, y, z, then the rest by letter, then by number")
  func variableOrder() throws {
    let cases: [(String, [String])] = [
      ("x + y", ["x", "y"]),
      ("y + x", ["x", "y"]),
      ("w + x + y", ["x", "y", "w"]),
      ("z + a + y", ["y", "z", "a"]),
      ("x10 + x2 + x1", ["x1", "x2", "x10"]),
      ("x1 + x + y", ["x", "y", "x1"]),
      ("x100 + x99 + x0 + x9", ["x0", "x9", "x99", "x100"]),
      ("B + b + a + A + z", ["z", "a", "A", "b", "B"]),
      ("y2 + x2 + z + a3", ["z", "a3", "x2", "y2"]),
      ("e*x + pi", ["x"]),
      ("e2 + x", ["x", "e2"]),
    ]
    for (text, expected) in cases {
      #expect(try Formula(text).variables == expected, "\(text)")
    }
    // The parameter vector follows that order.
    let f = try FormulaObjective<Double>("100*w + 10*x1 + x10")
    #expect(f.variables == ["w", "x1", "x10"])
    #expect(f.value(at: [1, 2, 3]) == 123)
    #expect(f.gradient(at: [0, 0, 0]) == [100, 10, 1])
  }

  @Test("An explicit variable list fixes the order and may add variables")
  func explicitVariables() throws {
    let f = try FormulaObjective<Double>("x + 2*y", variables: ["y", "x", "z"])
    #expect(f.dimension == 3)
    #expect(f.value(at: [1, 10, 100]) == 12)
    #expect(f.gradient(at: [1, 10, 100]) == [2, 1, 0])
    #expect(throws: FormulaError.self) { try Formula("x + q", variables: ["x"]) }
    let error = try #require(throws: FormulaError.self) { try Formula("x + q", variables: ["x"]) }
    #expect(error.message == "'q' is not one of the declared variables")
    #expect(error.column == 5)
    #expect(throws: FormulaError.self) { try Formula("x", variables: ["x", "x"]) }
    #expect(throws: FormulaError.self) { try Formula("x", variables: ["x", "sin"]) }
  }

  @Test("Evaluation matches direct Swift computation at seeded random points")
  func evaluationMatchesSwift() throws {
    let cases: [(String, ([Double]) -> Double)] = [
      ("0.5*x^2 + 10*y^2", { 0.5 * $0[0] * $0[0] + 10 * $0[1] * $0[1] }),
      ("(x^2+y-11)^2+(x+y^2-7)^2", {
        let (x, y) = ($0[0], $0[1])
        return pow(x * x + y - 11, 2) + pow(x + y * y - 7, 2)
      }),
      ("sin(x)*cos(y) + 0.1*(x^2+y^2)", { sin($0[0]) * cos($0[1]) + 0.1 * ($0[0] * $0[0] + $0[1] * $0[1]) }),
      ("log(1+exp(x-2*y))", { log(1 + exp($0[0] - 2 * $0[1])) }),
      ("100*(y-x^2)^2+(1-x)^2", { 100 * pow($0[1] - $0[0] * $0[0], 2) + pow(1 - $0[0], 2) }),
      ("tan(x/2) - atan(y) + asin(x/3)*acos(y/3)", {
        tan($0[0] / 2) - atan($0[1]) + asin($0[0] / 3) * acos($0[1] / 3)
      }),
      ("sinh(x)*cosh(y) + tanh(x - y)", { sinh($0[0]) * cosh($0[1]) + tanh($0[0] - $0[1]) }),
      ("sqrt(1 + x^2) + abs(y) - exp(-x*y)", { sqrt(1 + $0[0] * $0[0]) + abs($0[1]) - exp(-$0[0] * $0[1]) }),
      ("min(x, y) + 2*max(x^2, y)", { min($0[0], $0[1]) + 2 * max($0[0] * $0[0], $0[1]) }),
      ("sigmoid(x*y) + softplus(x - y)", {
        1 / (1 + exp(-$0[0] * $0[1])) + log(1 + exp($0[0] - $0[1]))
      }),
      ("sign(x)*y + x^3 - y^-2", { ($0[0] > 0 ? 1 : -1) * $0[1] + pow($0[0], 3) - pow($0[1], -2) }),
      ("abs(x)^y", { pow(abs($0[0]), $0[1]) }),
      ("e^x - pi*y/7", { exp($0[0]) - Double.pi * $0[1] / 7 }),
      ("(x - y)^4/(1 + y^2)", { pow($0[0] - $0[1], 4) / (1 + $0[1] * $0[1]) }),
    ]
    var g = SeededGenerator(seed: 1)
    for (text, direct) in cases {
      let f = try FormulaObjective<Double>(text)
      for _ in 0..<50 {
        let x = randomPoint(f.dimension, -2, 2, using: &g)
        let expected = direct(x)
        let value = f.value(at: x)
        var gradient = [Double](repeating: 0, count: f.dimension)
        let valueWithGradient = f.value(at: x, gradient: &gradient)
        #expect(relativeError(value, expected, floor: 1e-300) <= 1e-13, "\(text) at \(x): \(value) vs \(expected)")
        #expect(valueWithGradient == value || relativeError(valueWithGradient, value) <= 1e-15)
      }
    }
  }

  @Test("Simplification folds constants and removes identities")
  func simplification() throws {
    let cases: [(String, String)] = [
      ("x + 0", "x"), ("0 + x", "x"), ("x - 0", "x"), ("0 - x", "-x"), ("x*1", "x"), ("1*x", "x"),
      ("x*0 + y", "y"), ("0/x + y", "y"), ("x/1", "x"), ("x^1", "x"), ("x^0 + y", "1 + y"),
      ("-(-x)", "x"), ("2*(3*x)", "6*x"), ("x*2", "2*x"), ("x*x", "x^2"), ("x + x", "2*x"),
      ("x - x + y", "y"), ("x/x + y", "1 + y"), ("2^10*x", "1024*x"), ("x/4", "0.25*x"),
      ("sin(0) + cos(0)*x", "x"), ("x + -y", "x - y"), ("x - -y", "x + y"), ("x - (-2)*y", "x + 2*y"),
      ("-(x - y)", "y - x"), ("e^x", "exp(x)"), ("x^0.5", "sqrt(x)"), ("abs(-x)", "abs(x)"),
      ("(-x)*(-y)", "x*y"), ("-x*y", "-x*y"), ("max(x, x)", "x"), ("2*pi*x", "6.283185307179586*x"),
      ("pi*x", "pi*x"), ("x*(y*z)", "x*(y*z)"), ("x - (y - z)", "x - (y - z)"), ("(x^2)^3", "(x^2)^3"),
      ("x^y^z", "x^y^z"), ("(-2)^x", "(-2)^x"), ("x^-2", "x^-2"), ("-x^2", "-x^2"), ("(-x)^2", "(-x)^2"),
    ]
    for (text, expected) in cases {
      #expect(try Formula(text).simplified == expected, "\(text)")
    }
  }

  @Test("Common subexpressions are computed once (hash-consing)")
  func sharing() throws {
    func count(_ op: FormulaOpcode, _ p: FormulaProgram) -> Int {
      p.instructions.filter { $0.opcode == op }.count
    }
    // exp(x^2) and its derivative 2x·exp(x^2) share the exponential.
    let f = try Formula("exp(x^2) + exp(x^2)*y")
    #expect(count(.exp, f.gradientProgram) == 1)
    #expect(count(.exp, f.hessianProgram) == 1)
    // Rosenbrock: value in 3 (fused) instructions, value and gradient in 5, Hessian
    // program in at most 12 (7, 12 and 17 plain; see FormulaFusionTests).
    let r = try Formula("100*(y-x^2)^2+(1-x)^2")
    #expect(r.valueProgram.instructionCount == 3)
    #expect(r.gradientProgram.instructionCount == 5)
    #expect(r.hessianProgram.instructionCount <= 12)
    // sin and cos of the same argument appear once each across gradient and Hessian.
    let t = try Formula("sin(x*y)")
    #expect(count(.sin, t.hessianProgram) == 1)
    #expect(count(.cos, t.hessianProgram) == 1)
    #expect(count(.multiply, t.valueProgram) == 1)
  }
}
