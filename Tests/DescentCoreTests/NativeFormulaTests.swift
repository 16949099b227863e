import Foundation
import Testing

@testable import DescentCore

/// Native formula code (``FormulaCSource``, ``NativeFormula``,
/// ``NativeFormulaObjective``): the compiled C must compute exactly the
/// interpreter's bits, be cached, and fail cleanly.
///
/// These tests need a C compiler (clang ships with every Swift toolchain; CI has one). Where
/// none is found they record why and stop, rather than pass silently.
@Suite("Native formula code")
struct NativeFormulaTests {
  /// A fresh cache directory for one test.
  static func temporaryCache() -> String {
    FileManager.default.temporaryDirectory.appendingPathComponent("descent-native-\(UUID().uuidString)").path
  }

  static var compilerAvailable: Bool {
    (try? NativeFormulaLibrary.resolveCompiler(
      ProcessInfo.processInfo.environment["DESCENT_CC"], ProcessInfo.processInfo.environment)) != nil
  }

  /// Formulas that reach every plain opcode, the NaN branches of `pow`, and `Float`'s split
  /// of an integer exponent beyond 2²⁴.
  static let functionFormulas = [
    "sin(x) + cos(y) + tan(z) + asin(x/4) + acos(y/4) + atan(z) + sinh(x) + cosh(y) + tanh(z)",
    "exp(x) + log(y^2 + 1) + sqrt(z^2 + 1) + abs(x) + sign(y) + sigmoid(z) + softplus(x) + sigmoid(-x*y)",
    "min(x, y) + max(y, z) + x^y + abs(x)^2.5 + y^(-3) + 1/x - z^3 - (-x) + log(x) + sqrt(y)",
    "x^33554433 + y^-16777219 + 0.1*x - 1e-30*y + 3.7e38*z/1e10",
  ]

  @Test("Native code gives the interpreter's bits in Float and Double (value, gradient, Hessian; 400+ formulas)")
  func bitIdenticalOnCorpus() throws {
    guard Self.compilerAvailable else {
      Issue.record("no C compiler (clang or cc on PATH, or DESCENT_CC): native formula code untested")
      return
    }
    // The corpus of FormulaFusionTests (same seed, same formulas) and the function formulas.
    var g = SeededGenerator(seed: 31)
    var texts = [
      "100*(y-x^2)^2+(1-x)^2", "(x^2 + y - 11)^2 + (x + y^2 - 7)^2", "x*y*z + 3*x*y - 2*y*z",
      "(1.5 - x + x*y)^2 + (2.25 - x + x*y^2)^2 + (2.625 - x + x*y^3)^2",
    ]
    for _ in 0..<400 { texts.append(FormulaFuzzTests.randomFormula(4, &g)) }
    texts += Self.functionFormulas
    let formulas = texts.compactMap { try? Formula($0) }
    #expect(formulas.count > 320)
    for text in Self.functionFormulas { #expect(throws: Never.self, "\(text)") { try Formula(text) } }

    // One translation unit for all of them (one compiler run).
    var source = FormulaCSource.preamble
    var opcodes = Set<FormulaOpcode>()
    for (i, formula) in formulas.enumerated() {
      for precision in [FormulaCSource.Precision.double, .float] {
        let p = precision.suffix
        source += FormulaCSource.function("v\(i)\(p)", formula.valueProgram, .value, precision)
        source += FormulaCSource.function("g\(i)\(p)", formula.gradientProgram, .gradient, precision)
        source += FormulaCSource.function("h\(i)\(p)", formula.hessianProgram, .hessian, precision)
      }
      for program in [formula.valueProgram, formula.gradientProgram, formula.hessianProgram] {
        opcodes.formUnion(program.instructions.map(\.opcode))
      }
    }
    #expect(opcodes == Set(FormulaOpcode.allCases), "not exercised: \(Set(FormulaOpcode.allCases).subtracting(opcodes))")
    let cache = Self.temporaryCache()
    defer { try? FileManager.default.removeItem(atPath: cache) }
    let library = try NativeFormulaLibrary.load(source: source, options: NativeFormulaOptions(cacheDirectory: cache))

    var compared = 0
    for (i, formula) in formulas.enumerated() {
      let n = formula.dimension
      for trial in 0..<3 {
        // Mostly inside [-3, 3]; the last trial reaches domain edges (log, sqrt of negatives).
        let x = randomPoint(n, trial == 2 ? -40 : -3, trial == 2 ? 40 : 3, using: &g)
        try compare(library, i, formula, x, Double.self, "")
        try compare(library, i, formula, x.map { Float($0) }, Float.self, "f")
        compared += 1
      }
    }
    #expect(compared > 900)
  }

  /// Runs formula `i`'s three native functions at `x` and expects the interpreter's bits.
  func compare<S: DescentScalar>(
    _ library: NativeFormulaLibrary, _ i: Int, _ formula: Formula, _ x: [S], _: S.Type, _ suffix: String
  ) throws {
    let n = formula.dimension
    let objective = FormulaObjective<S>(formula)
    let value = try library.symbol("v\(i)\(suffix)")
    let gradient = try library.symbol("g\(i)\(suffix)")
    let hessian = try library.symbol("h\(i)\(suffix)")
    x.withUnsafeBufferPointer { xp in
      var expectedG = [S](repeating: 0, count: n), expectedH = [S](repeating: 0, count: n * n)
      var nativeG = [S](repeating: 0, count: n), nativeH = [S](repeating: 0, count: n * n)
      let expectedValue = objective.value(at: xp)
      let nativeValue = NativeFormulaObjective<S>.callValue(value, xp.baseAddress!)
      #expect(Self.same(expectedValue, nativeValue), "\(formula.text) value at \(x)")
      let expectedF = expectedG.withUnsafeMutableBufferPointer { objective.value(at: xp, gradient: $0) }
      let nativeF = nativeG.withUnsafeMutableBufferPointer {
        NativeFormulaObjective<S>.callGradient(gradient, xp.baseAddress!, $0.baseAddress!)
      }
      #expect(Self.same(expectedF, nativeF), "\(formula.text) gradient program's value at \(x)")
      for k in 0..<n {
        #expect(Self.same(expectedG[k], nativeG[k]), "\(formula.text) ∂\(k) at \(x): \(expectedG[k]) vs \(nativeG[k])")
      }
      var hg = [S](repeating: 0, count: n)
      _ = expectedG.withUnsafeMutableBufferPointer { g in
        expectedH.withUnsafeMutableBufferPointer { objective.value(at: xp, gradient: g, hessian: $0) }
      }
      _ = hg.withUnsafeMutableBufferPointer { g in
        nativeH.withUnsafeMutableBufferPointer {
          NativeFormulaObjective<S>.callHessian(hessian, xp.baseAddress!, g.baseAddress!, $0.baseAddress!)
        }
      }
      for k in 0..<n * n {
        #expect(Self.same(expectedH[k], nativeH[k]), "\(formula.text) H[\(k)] at \(x): \(expectedH[k]) vs \(nativeH[k])")
      }
    }
  }

  /// Identical bit patterns, or both NaN. (Which NaN an operation with two NaN operands
  /// returns depends on operand order, which LLVM may commute in either compiler: NaN
  /// payloads are not part of the contract, as in FormulaFusionTests.)
  static func same<S: BinaryFloatingPoint>(_ a: S, _ b: S) -> Bool {
    if a.isNaN || b.isNaN { return a.isNaN && b.isNaN }
    return a.significandBitPattern == b.significandBitPattern && a.exponentBitPattern == b.exponentBitPattern
      && a.sign == b.sign
  }

  @Test("compiledNative: same numbers as the interpreter, compiled once, then loaded from the cache")
  func objectiveUsesCache() throws {
    guard Self.compilerAvailable else {
      Issue.record("no C compiler (clang or cc on PATH, or DESCENT_CC): native formula code untested")
      return
    }
    let cache = Self.temporaryCache()
    defer { try? FileManager.default.removeItem(atPath: cache) }
    let options = NativeFormulaOptions(cacheDirectory: cache)
    let interpreted = try FormulaObjective<Float>("100*(y-x^2)^2+(1-x)^2 + 0.25*sin(x*y)")
    let first = try interpreted.compiledNative(options: options)
    #expect(first.wasCompiled)
    let second = try FormulaObjective<Float>("100*(y-x^2)^2+(1-x)^2 + 0.25*sin(x*y)").compiledNative(options: options)
    #expect(!second.wasCompiled, "the second construction recompiled")
    #expect(second.libraryPath == first.libraryPath)
    let objects = try FileManager.default.contentsOfDirectory(atPath: cache)
    #expect(objects.count == 1 && objects[0].hasSuffix(".so"), "\(objects)")
    // The Double program is different source, so a second object.
    let double = try FormulaObjective<Double>("100*(y-x^2)^2+(1-x)^2 + 0.25*sin(x*y)").compiledNative(options: options)
    #expect(double.wasCompiled)

    let x: [Float] = [-1.2, 1]
    var g1: [Float] = [0, 0], g2: [Float] = [0, 0]
    let f1 = interpreted.value(at: x, gradient: &g1)
    let f2 = second.value(at: x, gradient: &g2)
    #expect(f1.bitPattern == f2.bitPattern && g1 == g2)
    #expect(interpreted.value(at: x).bitPattern == second.value(at: x).bitPattern)
    #expect(interpreted.hessian(at: x) == second.hessian(at: x))
    // An independent check of the native numbers: f(−1.2, 1) = 24.2 + 0.25 sin(−1.2).
    let expected = 24.2 + 0.25 * Foundation.sin(-1.2)
    #expect(Swift.abs(Double(f2) - expected) <= 1e-6 * expected)
  }

  @Test("A missing compiler throws a one-line error naming it; the objective stays interpreted")
  func missingCompiler() throws {
    let cache = Self.temporaryCache()
    defer { try? FileManager.default.removeItem(atPath: cache) }
    let objective = try FormulaObjective<Double>("x^2 + y^2")
    do {
      _ = try objective.compiledNative(options: NativeFormulaOptions(compiler: "/nonexistent", cacheDirectory: cache))
      Issue.record("compiling with /nonexistent did not throw")
    } catch {
      #expect(error.message.contains("/nonexistent") && !error.message.contains("\n"), "\(error.message)")
    }
    #expect(objective.value(at: [3, 4]) == 25)
  }

  @Test("A compiler that fails reports its exit status and first diagnostics")
  func failingCompiler() throws {
    let cache = Self.temporaryCache()
    defer { try? FileManager.default.removeItem(atPath: cache) }
    let objective = try FormulaObjective<Double>("x^2")
    do {
      _ = try objective.compiledNative(
        options: NativeFormulaOptions(compiler: "/bin/false", cacheDirectory: cache))
      Issue.record("compiling with /bin/false did not throw")
    } catch {
      #expect(error.message.contains("failed (exit 1)"), "\(error.message)")
    }
    // Nothing half-written was left in the cache.
    #expect((try? FileManager.default.contentsOfDirectory(atPath: cache))?.isEmpty ?? true)
  }
}
