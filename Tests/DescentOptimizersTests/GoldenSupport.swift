import DescentCore
import Foundation
import Testing

@testable import DescentOptimizers

/// One reference trajectory written by `scripts/golden_optimizers.py`.
struct GoldenCase: Decodable, Sendable, CustomTestStringConvertible {
  var id: String
  var function: String
  var start: [Double]
  var spec: OptimizerSpec
  /// −1: the test feeds −∇f (used with `maximize`, so the run still descends f).
  var gradientSign: Double
  var reference: String
  /// Step 0 (the start) to step 200, every coordinate.
  var trajectory: [[Double]]
  /// The same run in float32 (PyTorch float32 tensors; gradients computed in float64 at the
  /// float32 point and rounded). Absent for the convention cases.
  var trajectoryFloat32: [[Double]]?
  /// Schedule-free AdamW only: the averaged point x at every step.
  var evaluationTrajectory: [[Double]]?

  var testDescription: String { id }
}

struct GoldenFile: Decodable {
  var optimizer: String
  var cases: [GoldenCase]
}

enum Golden {
  static let optimizerFiles = [
    "gd", "momentum", "nesterov", "adagrad", "rmsprop", "adam", "adamw", "amsgrad", "nadam",
    "nadamw", "adamax", "radam", "adadelta", "lion", "muon", "schedule-free-adamw",
  ]

  static func load(_ name: String) -> [GoldenCase] {
    guard
      let url = Bundle.module.url(
        forResource: name, withExtension: "json", subdirectory: "Fixtures/optimizers"),
      let data = try? Data(contentsOf: url)
    else { fatalError("missing fixture Fixtures/optimizers/\(name).json") }
    do {
      return try JSONDecoder().decode(GoldenFile.self, from: data).cases
    } catch {
      fatalError("cannot decode \(name).json: \(error)")
    }
  }

  static let pytorchCases: [GoldenCase] = optimizerFiles.flatMap(load)
  static let conventionCases: [GoldenCase] = load("conventions")

  /// The test functions' gradients, written in the same order of operations as the script's.
  static func gradient<S: DescentScalar>(_ function: String, at p: [S], into g: inout [S]) {
    switch function {
    case "ravine":
      g[0] = p[0]
      g[1] = 20 * p[1]
    case "rosenbrock":
      let x = p[0], y = p[1]
      g[0] = -2 * (1 - x) - 400 * x * (y - x * x)
      g[1] = 200 * (y - x * x)
    case "nonseparable":
      // f = log(1 + exp(x − 2y)) + ½(x + y)² + 0.1 x²y²
      let x = p[0], y = p[1]
      let s = 1 / (1 + S.exp(-(x - 2 * y)))
      g[0] = s + (x + y) + S(0.2) * x * y * y
      g[1] = -2 * s + (x + y) + S(0.2) * x * x * y
    case "regression":
      // f = ½ Σₖ ‖W aₖ + b − tₖ‖², W = p[0..<4] (2×2 row-major), b = p[4..<6]
      let a: [(S, S)] = [(1, 2), (-1, 0.5), (0.3, -0.7)]
      let t: [(S, S)] = [(0.5, -1), (1, 0.25), (-0.2, 0.4)]
      for i in 0..<6 { g[i] = 0 }
      for k in 0..<3 {
        let r0 = p[0] * a[k].0 + p[1] * a[k].1 + p[4] - t[k].0
        let r1 = p[2] * a[k].0 + p[3] * a[k].1 + p[5] - t[k].1
        g[0] += r0 * a[k].0
        g[1] += r0 * a[k].1
        g[2] += r1 * a[k].0
        g[3] += r1 * a[k].1
        g[4] += r0
        g[5] += r1
      }
    default:
      fatalError("unknown test function \(function)")
    }
  }

  static func value(_ function: String, at p: [Double]) -> Double {
    let x = p[0], y = p.count > 1 ? p[1] : 0
    switch function {
    case "ravine": return 0.5 * x * x + 10 * y * y
    case "rosenbrock": return (1 - x) * (1 - x) + 100 * (y - x * x) * (y - x * x)
    case "nonseparable": return Double.log(1 + Double.exp(x - 2 * y)) + 0.5 * (x + y) * (x + y) + 0.1 * x * x * y * y
    default:
      let a: [(Double, Double)] = [(1, 2), (-1, 0.5), (0.3, -0.7)]
      let t: [(Double, Double)] = [(0.5, -1), (1, 0.25), (-0.2, 0.4)]
      var f = 0.0
      for k in 0..<3 {
        let r0 = p[0] * a[k].0 + p[1] * a[k].1 + p[4] - t[k].0
        let r1 = p[2] * a[k].0 + p[3] * a[k].1 + p[5] - t[k].1
        f += 0.5 * (r0 * r0 + r1 * r1)
      }
      return f
    }
  }

  /// Runs the case's optimizer (built from its spec) for as many steps as the fixture has.
  /// Returns every step's parameters, and for schedule-free AdamW the averaged points.
  static func run<S: DescentScalar>(_ c: GoldenCase, as: S.Type) throws -> (path: [[S]], averaged: [[S]]) {
    let n = c.start.count
    let built = try c.spec.make(S.self, dimension: n)
    var optimizer = built as! any GradientOptimizer<S>
    optimizer.prepare(dimension: n)
    var x = c.start.map { S($0) }
    var g = [S](repeating: 0, count: n)
    var path = [x], averaged = [x]
    let sign = S(c.gradientSign)
    var xd = [Double](repeating: 0, count: n), gd = xd
    for _ in 1..<c.trajectory.count {
      if S.self == Double.self {
        gradient(c.function, at: x, into: &g)
      } else {
        // As the script does for float32: the gradient in float64 at the point, rounded.
        for i in 0..<n { xd[i] = Double(x[i]) }
        gradient(c.function, at: xd, into: &gd)
        for i in 0..<n { g[i] = S(gd[i]) }
      }
      for i in 0..<n { g[i] = sign * g[i] }
      let rate = optimizer.learningRate
      x.withUnsafeMutableBufferPointer { xp in
        g.withUnsafeBufferPointer { gp in
          optimizer.update(parameters: xp, gradient: gp, learningRate: rate)
        }
      }
      path.append(x)
      if let sf = optimizer as? ScheduleFreeAdamW<S> { averaged.append(sf.evaluationPoint(parameters: x)) }
    }
    return (path, averaged)
  }

  /// The largest error of `path` against `expected`, relative to `max(|expected|, floor)`.
  static func worstRelativeError<S: DescentScalar>(
    _ path: [[S]], _ expected: [[Double]], floor: Double
  ) -> (error: Double, step: Int) {
    var worst = (error: 0.0, step: 0)
    for (k, (row, want)) in zip(path, expected).enumerated() {
      for (a, b) in zip(row, want) {
        let e = abs(Double(a) - b) / Swift.max(abs(b), floor)
        if !(e <= worst.error) { worst = (e.isNaN ? .infinity : e, k) }
      }
    }
    return worst
  }

  /// The scale below which errors are measured absolutely: the trajectory's largest
  /// coordinate times `fraction`.
  static func scale(_ c: GoldenCase, fraction: Double = 1e-4) -> Double {
    fraction * c.trajectory.joined().reduce(0) { Swift.max($0, abs($1)) }
  }
}
