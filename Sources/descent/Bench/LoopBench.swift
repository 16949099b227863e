import ArgumentParser
import Descent
import Foundation

/// `descent bench loop`: the per-step overhead of the minimize loop — 1,000 Adam steps on a
/// 2-D formula, timed as a whole run.
///
/// Same problem as the reference peers' `rosen2d` (`/work/shared/reference`, section 2d):
/// `f(x, y) = 100 (y − x²)² + (1 − x)²` from (−1.2, 1), Adam with lr 1e-2 (β 0.9/0.999,
/// ε 1e-8), exactly 1,000 steps, fresh optimizer state every repetition; the figure is the
/// time of the whole run (median over repetitions). The formula is compiled once by
/// ``FormulaObjective`` (text → program, outside the timing), like JAX's `jit` compiles
/// once. Rows:
/// - `minimize`: the public loop, trajectory recording and final-point classification off,
///   no gradient tolerance (so all 1,000 steps run) — what a user's `descent run` does;
/// - `update loop`: the same 1,000 evaluations and Adam updates called directly, without
///   the loop's bookkeeping (the floor for the loop);
/// - `hand-written`: the gradient written in Swift and the update called directly;
/// - `minimize (native formula)`, `update loop (native formula)`: the first two with the
///   formula compiled to machine code (``FormulaObjective/compiledNative(options:)``; the
///   C compiler runs once, outside the timing, or the cached object is loaded). Skipped
///   with a warning when no C compiler is available, or with `--no-native`.
struct LoopBench: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "loop",
    abstract: "Time 1,000 Adam steps on the 2-D Rosenbrock formula through minimize (ms per run).")

  enum Format: String, ExpressibleByArgument, CaseIterable { case table, json }

  @Option(help: "The formula (2-D; the start point is (-1.2, 1)).")
  var formula: String = "100*(y-x^2)^2+(1-x)^2"

  @Option(help: "Steps per run.")
  var steps: Int = 1000

  @Option(help: "Timed runs (the median is reported; at least 10).")
  var repeats: Int = 200

  @Option(help: "table or json.")
  var format: Format = .table

  @Flag(inversion: .prefixedNo, help: "Also time the formula compiled to native code.")
  var native: Bool = true

  func validate() throws {
    guard steps > 0 else { throw ValidationError("--steps must be positive") }
    guard repeats >= 10 else { throw ValidationError("--repeats must be at least 10") }
  }

  struct Row: Codable {
    var scalar: String
    var variant: String
    var msTotal: Double
    var msMin: Double
    var nsPerStep: Double
    var reps: Int
    var finalLoss: Double
  }

  struct Report: Codable {
    var formula: String
    var steps: Int
    var learningRate: Double
    var rows: [Row]
  }

  static let learningRate = 1e-2

  func run() throws {
    let rows = try measure(Float.self) + measure(Double.self)
    let report = Report(formula: formula, steps: steps, learningRate: Self.learningRate, rows: rows)
    switch format {
    case .json:
      let encoder = JSONEncoder()
      encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
      print(String(decoding: try encoder.encode(report), as: UTF8.self))
    case .table:
      print("\(steps) Adam steps (lr \(Self.learningRate)) on \(formula) from (-1.2, 1); whole run, median of \(repeats)")
      print("scalar  variant                        ms total  ms min    ns/step  final f")
      for r in rows {
        print(
          pad(r.scalar, 8) + pad(r.variant, 31) + pad(fixed(r.msTotal, 4), 10) + pad(fixed(r.msMin, 4), 10)
            + pad(fixed(r.nsPerStep, 1), 9) + "\(r.finalLoss)")
      }
    }
  }

  func measure<S: DescentScalar>(_: S.Type) throws -> [Row] {
    let objective: FormulaObjective<S>
    do {
      objective = try FormulaObjective<S>(formula)
    } catch {
      throw ValidationError(error.diagnostic)
    }
    guard objective.dimension == 2 else {
      throw ValidationError("--formula must have two variables (it has \(objective.dimension))")
    }
    let start: [S] = [-1.2, 1]
    let lr = S(Self.learningRate)
    // Everything the timed closures use is a `let` copied out of `self` first. (Capturing
    // the `var` options and reading `self.steps` inside the closure miscompiled in a
    // release build with Swift 6.3.1: the options' stack slot was reused for the
    // property-wrapper temporary while still live.)
    let steps = self.steps
    let options: MinimizeOptions = {
      var options = MinimizeOptions(maxSteps: steps, gradientTolerance: nil, recordTrajectory: false)
      options.classifyFinalPoint = false
      return options
    }()

    let name = S.self == Float.self ? "Float" : "Double"
    var rows = [Row]()
    rows += try measure(objective, name, "", start: start, lr: lr, steps: steps, options: options)
    if let native = nativeObjective(objective) {
      rows += try measure(native, name, " (native formula)", start: start, lr: lr, steps: steps, options: options)
    }
    let hand = timeRuns {
      var adam = Adam<S>(learningRate: lr)
      adam.prepare(dimension: 2)
      var x = start
      var g: [S] = [0, 0]
      x.withUnsafeMutableBufferPointer { xp in
        g.withUnsafeMutableBufferPointer { gp in
          for _ in 0..<steps {
            let a = xp[0], b = xp[1]
            gp[0] = -400 * a * (b - a * a) - 2 * (1 - a)
            gp[1] = 200 * (b - a * a)
            adam.update(parameters: xp, gradient: UnsafeBufferPointer(gp), learningRate: lr)
          }
        }
      }
      return Double(100 * (x[1] - x[0] * x[0]) * (x[1] - x[0] * x[0]) + (1 - x[0]) * (1 - x[0]))
    }
    rows.insert(row(name, "hand-written", hand), at: 2)
    return rows
  }

  /// The native objective, unless `--no-native` or it cannot be compiled (then a one-line
  /// warning).
  func nativeObjective<S: DescentScalar>(_ interpreted: FormulaObjective<S>) -> NativeFormulaObjective<S>? {
    guard native else { return nil }
    do {
      return try interpreted.compiledNative()
    } catch {
      FileHandle.standardError.write(Data("warning: \(error.message); native rows skipped\n".utf8))
      return nil
    }
  }

  /// The `minimize` and `update loop` rows for one objective.
  func measure<S: DescentScalar, O: Objective<S>>(
    _ objective: O, _ name: String, _ label: String, start: [S], lr: S, steps: Int,
    options: MinimizeOptions
  ) throws -> [Row] {
    let viaMinimize = timeRuns {
      let result = minimize(objective, from: start, using: Adam<S>(learningRate: lr), options: options)
      if result.steps != steps {
        FileHandle.standardError.write(Data("the run stopped early: \(result.stopReason) after \(result.steps) steps, f = \(result.loss)\n".utf8))
        Foundation.exit(1)
      }
      return Double(result.loss)
    }
    let direct = timeRuns {
      var adam = Adam<S>(learningRate: lr)
      adam.prepare(dimension: 2)
      var x = start
      var g: [S] = [0, 0]
      var f: S = 0
      x.withUnsafeMutableBufferPointer { xp in
        g.withUnsafeMutableBufferPointer { gp in
          for _ in 0..<steps {
            _ = objective.value(at: UnsafeBufferPointer(xp), gradient: gp)
            adam.update(parameters: xp, gradient: UnsafeBufferPointer(gp), learningRate: lr)
          }
          f = objective.value(at: UnsafeBufferPointer(xp))
        }
      }
      return Double(f)
    }
    return [row(name, "minimize" + label, viaMinimize), row(name, "update loop" + label, direct)]
  }

  func row(_ scalar: String, _ variant: String, _ t: (times: [Double], loss: Double)) -> Row {
    let median = OptimizerBench.median(t.times)
    return Row(
      scalar: scalar, variant: variant, msTotal: median * 1e3, msMin: t.times.min()! * 1e3,
      nsPerStep: median / Double(steps) * 1e9, reps: t.times.count, finalLoss: t.loss)
  }

  /// Seconds per run for `repeats` runs after a few warm-up runs, and the last run's loss.
  func timeRuns(_ body: () -> Double) -> (times: [Double], loss: Double) {
    var loss = 0.0
    for _ in 0..<5 { loss = body() }
    let clock = ContinuousClock()
    var times: [Double] = []
    times.reserveCapacity(repeats)
    for _ in 0..<repeats {
      let t0 = clock.now
      loss = body()
      times.append(OptimizerBench.seconds(clock.now - t0))
    }
    return (times, loss)
  }

  private func pad(_ s: String, _ width: Int) -> String {
    s + String(repeating: " ", count: Swift.max(1, width - s.count))
  }
  private func fixed(_ x: Double, _ digits: Int) -> String { String(format: "%.\(digits)f", x) }
}
