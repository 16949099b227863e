import Testing

@testable import DescentCore

/// The error `Formula(text)` throws.
private func formulaError(_ text: String) -> FormulaError? {
  do {
    _ = try Formula(text)
    return nil
  } catch {
    return error
  }
}

@Suite("Formula errors: one clear message with a position")
struct FormulaErrorTests {
  static let cases: [(String, String, Int)] = [
      ("0.5*x^^2", "expected a number, variable, function or '(' after '^', found '^'", 7),
      ("sin(x", "missing ')' to match 'sin(' (column 4)", 6),
      ("(x + 1", "missing ')' to match '(' (column 1)", 7),
      ("sinh2(x)", "unknown function 'sinh2'; did you mean 'sinh'?", 1),
      ("x^2 +", "expected a number, variable, function or '(' after '+', found the end of the formula", 6),
      ("2*sinx", "unknown name 'sinx'; did you mean 'sin(x)'?", 3),
      ("", "the formula is empty; write an expression such as x^2 + y^2", 1),
      ("  \t ", "the formula is empty; write an expression such as x^2 + y^2", 1),
      ("x)", "unmatched ')'", 2),
      ("(x))*2", "unmatched ')'", 4),
      ("2x", "expected an operator between '2' and 'x'; did you mean 2*x?", 2),
      ("x y", "expected an operator between 'x' and 'y'; did you mean x*y?", 3),
      ("2(x+1)", "expected an operator between '2' and '('; did you mean 2*(…)?", 2),
      ("(x)(y)", "expected an operator between ')' and '('; write '*' to multiply", 4),
      ("x # y", "unexpected character '#'", 3),
      ("x²", "unexpected character '²'; write '^2' instead", 2),
      ("x × y", "unexpected character '×'; write '*' instead", 3),
      ("x + é", "unexpected character 'é'; formulas use ASCII characters only", 5),
      ("x\u{0}", "unexpected character U+0000", 2),
      ("sin x", "function 'sin' needs its argument in parentheses, as in sin(x)", 1),
      ("x + exp", "function 'exp' needs its argument in parentheses, as in exp(x)", 5),
      ("max(x)", "function 'max' takes 2 arguments, found 1", 1),
      ("sin(x, y)", "function 'sin' takes 1 argument, found 2", 1),
      ("min(x,)", "expected a number, variable, function or '(' after ',', found ')'", 7),
      ("x**2", "'**' is not an operator; write powers with '^', as in x^2", 2),
      ("(x, y)", "',' separates a function's arguments and cannot appear inside plain parentheses", 3),
      ("x, y", "',' separates a function's arguments and cannot appear here", 2),
      ("1.2.3*x", "malformed number '1.2.3'", 1),
      ("x + .", "malformed number '.'", 5),
      ("1e999*x", "number '1e999' is too large (the largest is about 1.8e308)", 1),
      ("xy + 1", "unknown name 'xy'; did you mean 'x*y'?", 1),
      ("pix", "unknown name 'pix'; did you mean 'pi*x'?", 1),
      ("PI*x", "unknown name 'PI'; did you mean 'pi'?", 1),
      ("Sin(x)", "unknown function 'Sin'; did you mean 'sin'?", 1),
      ("ln(x)", "unknown function 'ln'; did you mean 'log'?", 1),
      ("quux(x)", "unknown function 'quux'; the functions are sin, cos, tan, asin, acos, atan, sinh, cosh, tanh, exp, log, sqrt, abs, sign, min, max, sigmoid, softplus", 1),
      ("x + x_1", "unknown name 'x_1'; variables are one letter optionally followed by digits (x, y, x1, …)", 5),
      ("pi(x)", "'pi' is a constant, not a function; did you mean pi*(…)?", 1),
      ("x(y + 1)", "'x' is a variable, not a function; did you mean x*(…)?", 1),
      ("()", "empty parentheses; write an expression between '(' and ')'", 2),
      ("*x", "expected a number, variable, function or '(' at the start, found '*'", 1),
      ("x + ^2", "expected a number, variable, function or '(' after '+', found '^'", 5),
      ("2 + 3", "the formula has no variables; use x, y, z, … (for example x^2 + y^2)", 1),
  ]

  @Test("Each bad formula gets its message and column", arguments: cases)
  func message(text: String, message: String, column: Int) throws {
    let error = try #require(formulaError(text), "\(text) should not parse")
    #expect(error.message == message)
    #expect(error.column == column)
    #expect(error.description == "error: \(message) at column \(column)")
  }

  @Test("The diagnostic shows the formula and a caret under the problem")
  func diagnostic() throws {
    let error = try #require(formulaError("0.5*x^^2"))
    #expect(
      error.diagnostic == """
        error: expected a number, variable, function or '(' after '^', found '^' at column 7
        0.5*x^^2
              ^
        """)
    let unknown = try #require(formulaError("x + sinh2(x)"))
    #expect(unknown.diagnostic.split(separator: "\n").last == "    ^~~~~")
    let end = try #require(formulaError("x^2 +"))
    #expect(end.diagnostic.split(separator: "\n").last == "     ^")
  }

  @Test("A long formula shows a window around the problem")
  func window() throws {
    let text = String(repeating: "x + ", count: 100) + "#" + String(repeating: " + y", count: 100)
    let error = try #require(formulaError(text))
    #expect(error.column == 401)
    let lines = error.diagnostic.split(separator: "\n", omittingEmptySubsequences: false)
    #expect(lines.count == 3)
    #expect(lines[1].count <= FormulaError.excerptWidth + 2)
    #expect(lines[1].hasPrefix("…") && lines[1].hasSuffix("…"))
    // The caret sits under the '#'.
    let caret = lines[2].count - 1
    #expect(Array(lines[1])[caret] == "#")
  }

  @Test("5,000 nested parentheses stop at the nesting limit")
  func deepNesting() throws {
    let text = String(repeating: "(", count: 5000) + "x" + String(repeating: ")", count: 5000)
    let error = try #require(formulaError(text))
    #expect(error.column == Formula.maximumNesting + 1)
    #expect(error.message.hasPrefix("the formula is nested too deeply (more than 256 levels"))
    // Signs, calls and exponents count too, so none of them can exhaust the stack.
    for deep in [
      String(repeating: "-", count: 5000) + "x",
      String(repeating: "sin(", count: 5000) + "x" + String(repeating: ")", count: 5000),
      String(repeating: "x^", count: 5000) + "x",
    ] {
      let error = try #require(formulaError(deep))
      #expect(error.message.hasPrefix("the formula is nested too deeply"))
    }
    // Exactly at the limit is fine.
    let limit = String(repeating: "(", count: 255) + "x" + String(repeating: ")", count: 255)
    #expect(try Formula(limit).simplified == "x")
  }

  @Test("A 1 MB formula is rejected by length before parsing")
  func tooLong() throws {
    let text = String(repeating: "x + ", count: 250_000)
    let clock = ContinuousClock()
    var caught: FormulaError?
    let elapsed = clock.measure { caught = formulaError(text) }
    let error = try #require(caught)
    #expect(error.message == "the formula is too long (1000000 characters; at most 100000 are accepted)")
    #expect(error.column == 100_001)
    #expect(elapsed < .seconds(1))
    // Just under the limit parses.
    let long = String(repeating: "x + ", count: 24_999) + "y"
    #expect(try Formula(long).variables == ["x", "y"])
  }

  @Test("Derivative blow-up is bounded: an error, not exhausted memory")
  func tooComplex() throws {
    // A product of n distinct variables has a dense n × n Hessian of products: about n²/2
    // nodes. Smaller limits than the standard ones keep the test fast in debug builds; the
    // mechanism is the same.
    let product = (1...300).map { "x\($0)" }.joined(separator: "*")
    var limits = Formula.Limits.standard
    limits.nodes = 20_000
    let error = try #require(throws: FormulaError.self) { try Formula(product, limits: limits) }
    #expect(error.message == "the formula is too complex to differentiate (its derivatives need more than 20000 operations)")
    #expect(error.column == 1)
    // The work limit catches formulas whose derivatives share nodes but take long to build.
    limits = .standard
    limits.work = 50_000
    let sum = "(" + (1...300).map { "x\($0)" }.joined(separator: "+") + ")^2"
    let work = try #require(throws: FormulaError.self) { try Formula(sum, limits: limits) }
    #expect(work.message.hasPrefix("the formula is too complex to differentiate"))
    // Within the standard limits the same formulas compile.
    #expect(try Formula(sum).dimension == 300)
  }

  @Test("Deep compositions differentiate within the limits")
  func deepCompositions() throws {
    let exps = String(repeating: "exp(", count: 200) + "x*1e-3" + String(repeating: ")", count: 200)
    let towers = String(repeating: "x^", count: 120) + "x"
    for text in [exps, towers] {
      do {
        let f = try FormulaObjective<Double>(text)
        _ = f.gradient(at: [0.5])
      } catch {
        #expect(error.message.hasPrefix("the formula is too complex to differentiate"))
      }
    }
  }
}
