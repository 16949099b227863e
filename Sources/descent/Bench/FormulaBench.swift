import ArgumentParser
import Descent
import Foundation

/// `descent bench formula`: nanoseconds per evaluation of a formula compiled from text,
/// against the same function written by hand in Swift.
///
/// The hand-written reference is 2-D Rosenbrock, `100*(y-x^2)^2+(1-x)^2`, so the comparison
/// is meaningful for the default formula; other formulas are timed alone. Both objectives
/// are called through the same generic `Objective` entry points, at a point that moves
/// every call (so nothing is hoisted out of the loop); each repetition times
/// `--evaluations` calls and the report gives the median and the fastest repetition.
/// Build in release mode (`swift build -c release`) for meaningful numbers.
struct FormulaBench: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "formula",
    abstract: "Time a formula compiled from text against hand-written Swift (ns per evaluation).")

  static let rosenbrock = "100*(y-x^2)^2+(1-x)^2"

  @Option(help: "The formula to time (the hand-written comparison is Rosenbrock's).")
  var formula: String = FormulaBench.rosenbrock

  @Option(help: "Evaluations per repetition.")
  var evaluations: Int = 200_000

  @Option(help: "Repetitions; the median is reported.")
  var repetitions: Int = 101

  @Option(help: "Output format: table or json.")
  var format: OutputFormat = .table

  @Flag(inversion: .prefixedNo, help: "Also time the formula compiled to native code (rows 'native …').")
  var native: Bool = true

  private var json: Bool { format == .json }

  func validate() throws {
    if format == .csv { throw ValidationError("--format csv is not available here; use table or json") }
    guard evaluations > 0 else { throw ValidationError("--evaluations must be positive") }
    guard repetitions > 0 else { throw ValidationError("--repetitions must be positive") }
  }

  func run() throws {
    let clock = ContinuousClock()
    let compiled: FormulaObjective<Double>
    let start = clock.now
    do {
      compiled = try FormulaObjective<Double>(formula)
    } catch {
      throw ValidationError(error.diagnostic)
    }
    let compileTime = clock.now - start
    var nativeObjective: NativeFormulaObjective<Double>? = nil
    if native {
      do {
        nativeObjective = try compiled.compiledNative()
      } catch {
        FileHandle.standardError.write(Data("warning: \(error.message); native rows skipped\n".utf8))
      }
    }
    let point = (0..<compiled.dimension).map { _ in 0.5 }
    let isRosenbrock = formula == Self.rosenbrock
    var rows: [(String, [Double])] = []
    var formulaGradient: [Double] = []
    var handGradient: [Double] = []
    var formulaValue: [Double] = []
    var formulaHessian: [Double] = []
    var nativeGradient: [Double] = [], nativeValue: [Double] = [], nativeHessian: [Double] = []
    for _ in 0..<repetitions {
      if let nativeObjective {
        nativeGradient.append(Self.timeValueAndGradient(nativeObjective, at: point, evaluations))
        nativeValue.append(Self.timeValue(nativeObjective, at: point, evaluations))
        nativeHessian.append(Self.timeHessian(nativeObjective, at: point, Swift.max(1, evaluations / 4)))
      }
      formulaGradient.append(Self.timeValueAndGradient(compiled, at: point, evaluations))
      if isRosenbrock {
        handGradient.append(Self.timeValueAndGradient(HandWrittenRosenbrock(), at: point, evaluations))
      }
      formulaValue.append(Self.timeValue(compiled, at: point, evaluations))
      formulaHessian.append(Self.timeHessian(compiled, at: point, Swift.max(1, evaluations / 4)))
    }
    rows.append(("formula value+gradient", formulaGradient))
    if isRosenbrock { rows.append(("hand-written value+gradient", handGradient)) }
    rows.append(("formula value", formulaValue))
    rows.append(("formula Hessian", formulaHessian))
    if nativeObjective != nil {
      rows.append(("native value+gradient", nativeGradient))
      rows.append(("native value", nativeValue))
      rows.append(("native Hessian", nativeHessian))
    }
    let median = { (t: [Double]) in t.sorted()[t.count / 2] }
    let ratio = isRosenbrock ? median(formulaGradient) / median(handGradient) : nil
    let program = compiled.formula.gradientProgram
    if json {
      var fields = [
        "\"formula\": \"\(formula)\"", "\"evaluations\": \(evaluations)", "\"repetitions\": \(repetitions)",
        "\"compileMicroseconds\": \(Self.microseconds(compileTime))",
        "\"gradientInstructions\": \(program.instructionCount)",
        "\"nanosecondsPerEvaluation\": {"
          + rows.map { "\"\(Self.key($0.0))\": \(Self.format(median($0.1)))" }.joined(separator: ", ") + "}",
      ]
      if let ratio { fields.append("\"ratio\": \(Self.format(ratio))") }
      print("{" + fields.joined(separator: ", ") + "}")
      return
    }
    print("formula: \(formula)")
    print(
      "compiled in \(Self.format(Self.microseconds(compileTime))) µs; value+gradient program: "
        + "\(program.instructionCount) instructions, \(program.registers) registers")
    print("\(repetitions) repetitions × \(evaluations) evaluations (Hessian: \(Swift.max(1, evaluations / 4)))")
    print("what".rightPadded(30) + "median ns   fastest ns")
    for (name, times) in rows {
      print(
        name.rightPadded(30)
          + Self.format(median(times)).leftPadded(9) + Self.format(times.min()!).leftPadded(13))
    }
    if let ratio { print("formula / hand-written: \(Self.format(ratio))×") }
  }

  // MARK: - Timing loops

  /// Sink for results, so the optimizer cannot drop the evaluations.
  nonisolated(unsafe) static var sink = 0.0

  /// ns per `value(at:gradient:)`.
  @inline(never)
  static func timeValueAndGradient<O: Objective>(_ f: O, at point: [O.Scalar], _ count: Int) -> Double {
    var x = point
    var g = [O.Scalar](repeating: 0, count: f.dimension)
    var total: O.Scalar = 0
    let step = O.Scalar(1e-9)
    let clock = ContinuousClock()
    let start = clock.now
    x.withUnsafeMutableBufferPointer { xp in
      g.withUnsafeMutableBufferPointer { gp in
        for _ in 0..<count {
          total += f.value(at: UnsafeBufferPointer(xp), gradient: gp) + gp[0]
          xp[0] += step
        }
      }
    }
    let elapsed = clock.now - start
    sink += Double(total)
    return nanoseconds(elapsed) / Double(count)
  }

  /// ns per `value(at:)`.
  @inline(never)
  static func timeValue<O: Objective>(_ f: O, at point: [O.Scalar], _ count: Int) -> Double {
    var x = point
    var total: O.Scalar = 0
    let step = O.Scalar(1e-9)
    let clock = ContinuousClock()
    let start = clock.now
    x.withUnsafeMutableBufferPointer { xp in
      for _ in 0..<count {
        total += f.value(at: UnsafeBufferPointer(xp))
        xp[0] += step
      }
    }
    let elapsed = clock.now - start
    sink += Double(total)
    return nanoseconds(elapsed) / Double(count)
  }

  /// ns per `hessian(at:into:)`.
  @inline(never)
  static func timeHessian<O: Objective>(_ f: O, at point: [O.Scalar], _ count: Int) -> Double {
    var x = point
    var h = [O.Scalar](repeating: 0, count: f.dimension * f.dimension)
    var total: O.Scalar = 0
    let step = O.Scalar(1e-9)
    let clock = ContinuousClock()
    let start = clock.now
    x.withUnsafeMutableBufferPointer { xp in
      h.withUnsafeMutableBufferPointer { hp in
        for _ in 0..<count {
          f.hessian(at: UnsafeBufferPointer(xp), into: hp)
          total += hp[0]
          xp[0] += step
        }
      }
    }
    let elapsed = clock.now - start
    sink += Double(total)
    return nanoseconds(elapsed) / Double(count)
  }

  static func nanoseconds(_ d: Duration) -> Double {
    Double(d.components.seconds) * 1e9 + Double(d.components.attoseconds) / 1e9
  }

  static func microseconds(_ d: Duration) -> Double { nanoseconds(d) / 1e3 }

  static func format(_ v: Double) -> String {
    let rounded = (v * 10).rounded() / 10
    return rounded.description
  }

  static func key(_ name: String) -> String {
    let words = name.split(whereSeparator: { $0 == " " || $0 == "+" || $0 == "-" })
    return words.enumerated().map { $0 == 0 ? $1.lowercased() : $1.prefix(1).uppercased() + $1.dropFirst() }
      .joined()
  }
}

/// Rosenbrock's function written by hand: the reference the compiled formula is timed
/// against.
///
/// ```
/// f(x, y) = 100 (y − x²)² + (1 − x)²
/// ∂f/∂x = −400 x (y − x²) − 2 (1 − x)
/// ∂f/∂y = 200 (y − x²)
/// ```
struct HandWrittenRosenbrock: Objective {
  typealias Scalar = Double
  var dimension: Int { 2 }

  @inlinable
  func value(at p: UnsafeBufferPointer<Double>) -> Double {
    let x = p[0]
    let y = p[1]
    let a = y - x * x
    let b = 1 - x
    return 100 * a * a + b * b
  }

  @inlinable
  func value(at p: UnsafeBufferPointer<Double>, gradient g: UnsafeMutableBufferPointer<Double>) -> Double {
    let x = p[0]
    let y = p[1]
    let a = y - x * x
    let b = 1 - x
    g[0] = -400 * x * a - 2 * b
    g[1] = 200 * a
    return 100 * a * a + b * b
  }
}

extension String {
  fileprivate func rightPadded(_ width: Int) -> String {
    count >= width ? self : self + String(repeating: " ", count: width - count)
  }

  fileprivate func leftPadded(_ width: Int) -> String {
    count >= width ? self : String(repeating: " ", count: width - count) + self
  }
}
