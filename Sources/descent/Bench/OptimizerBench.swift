import DescentCore
import ArgumentParser
import DescentOptimizers
import Foundation

/// `descent bench optimizers`: milliseconds per optimizer step on large float32 vectors.
///
/// Same definitions as the reference peers (`/work/shared/reference`, "Comparing Descent
/// with them"): float32 parameters, a fixed random gradient, one step = one call that
/// updates parameters and state in place, the median of ≥ 10 timed steps after warm-up,
/// GB/s = bytes an ideal fused pass moves (Adam/AdamW 28 B/param, SGD-momentum and Lion
/// 20 B/param) / median time. Pin one core with `taskset -c 0` for the 1-thread figures.
struct OptimizerBench: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "optimizers",
    abstract: "Time one optimizer step on 1M and 10M float32 parameters (and 1,000 Adam steps on 2-D Rosenbrock).")

  enum Format: String, ExpressibleByArgument, CaseIterable { case table, json }

  @Option(help: "Parameter counts, comma-separated.")
  var sizes: String = "1000000,10000000"

  @Option(help: "Thread counts, comma-separated.")
  var threads: String = "1,2"

  @Option(help: "Optimizers, comma-separated: adam, adamw, sgd-momentum, lion.")
  var optimizers: String = "adam,adamw,sgd-momentum,lion"

  @Option(help: "Timed steps per measurement (at least 10).")
  var repeats: Int = 20

  @Option(help: "Untimed warm-up steps.")
  var warmup: Int = 5

  @Option(help: "table or json.")
  var format: Format = .table

  @Flag(help: "Skip the 1,000-step Adam run on 2-D Rosenbrock.")
  var noRosenbrock = false

  @Option(help: "Instruction set of the fused kernels: baseline, avx2 or avx512 (default: the best the CPU has).")
  var instructionSet: String?

  @Option(help: "Fewest elements per thread before an update splits (default: the library's).")
  var minimumPerThread: Int?

  func validate() throws {
    if let set = instructionSet, !UpdateInstructionSet.allCases.contains(where: { $0.description == set }) {
      throw ValidationError("--instruction-set: unknown '\(set)' (choices: baseline, avx2, avx512)")
    }
    if let m = minimumPerThread, m < 1 { throw ValidationError("--minimum-per-thread must be positive") }
    guard repeats >= 10 else { throw ValidationError("--repeats must be at least 10 (the median of ≥ 10 steps)") }
    guard warmup >= 0 else { throw ValidationError("--warmup must be non-negative") }
    for name in list(optimizers) where Self.bytesPerParameter[name] == nil {
      throw ValidationError("--optimizers: unknown '\(name)' (choices: adam, adamw, sgd-momentum, lion)")
    }
    for s in list(sizes) where (Int(s) ?? 0) <= 0 { throw ValidationError("--sizes: '\(s)' is not a positive integer") }
    for t in list(threads) where (Int(t) ?? 0) <= 0 { throw ValidationError("--threads: '\(t)' is not a positive integer") }
  }

  static let bytesPerParameter: [String: Int] = ["adam": 28, "adamw": 28, "sgd-momentum": 20, "lion": 20]

  struct Measurement: Codable {
    var optimizer: String
    var n: Int
    var threads: Int
    var ms: Double
    var msMin: Double
    var gbps: Double
    var reps: Int
  }

  struct Rosenbrock: Codable {
    var steps: Int
    var msTotal: Double
    var msMin: Double
    var reps: Int
    var finalLoss: Double
  }

  struct Report: Codable {
    var machine: String
    var instructionSet: String
    var minimumElementsPerThread: Int
    var results: [Measurement]
    var rosenbrock2d: Rosenbrock?
  }

  func run() throws {
    var results: [Measurement] = []
    let saved = UpdateParallelism.maximumThreads
    defer { UpdateParallelism.maximumThreads = saved }
    if let set = UpdateInstructionSet.allCases.first(where: { $0.description == instructionSet }) {
      UpdateInstructionSet.current = set
    }
    if let minimumPerThread { UpdateParallelism.minimumElementsPerThread = minimumPerThread }
    for n in list(sizes).compactMap({ Int($0) }) {
      var rng = SplitMix64(state: 0)
      let gradient = (0..<n).map { _ in Float(rng.nextSigned()) }
      let start = (0..<n).map { _ in Float(rng.nextSigned()) }
      for name in list(optimizers) {
        for t in list(threads).compactMap({ Int($0) }) {
          UpdateParallelism.maximumThreads = t
          let times = time(name: name, start: start, gradient: gradient)
          let median = Self.median(times)
          results.append(
            Measurement(
              optimizer: name, n: n, threads: t, ms: median * 1e3, msMin: times.min()! * 1e3,
              gbps: Double(Self.bytesPerParameter[name]! * n) / median * 1e-9, reps: times.count))
        }
      }
    }
    UpdateParallelism.maximumThreads = saved
    let rosen = noRosenbrock ? nil : rosenbrock()
    let report = Report(
      machine: "\(ProcessInfo.processInfo.activeProcessorCount) CPUs",
      instructionSet: UpdateInstructionSet.current.description,
      minimumElementsPerThread: UpdateParallelism.minimumElementsPerThread, results: results,
      rosenbrock2d: rosen)
    switch format {
    case .json:
      let encoder = JSONEncoder()
      encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
      print(String(decoding: try encoder.encode(report), as: UTF8.self))
    case .table:
      print("kernels: \(report.instructionSet); split above \(report.minimumElementsPerThread) elements per thread")
      print("optimizer      n           threads  ms/step (median)  ms min    GB/s")
      for r in results {
        print(
          pad(r.optimizer, 14) + pad(String(r.n), 12) + pad(String(r.threads), 9)
            + pad(fixed(r.ms, 3), 18) + pad(fixed(r.msMin, 3), 10) + fixed(r.gbps, 1))
      }
      if let rosen {
        print("\n1,000 Adam steps on 2-D Rosenbrock (Float, lr 1e-3, analytic gradient): "
              + "\(fixed(rosen.msTotal, 4)) ms in total (min \(fixed(rosen.msMin, 4)) ms), f = \(rosen.finalLoss)")
      }
    }
  }

  /// Seconds per step for `reps` timed steps after `warmup`.
  func time(name: String, start: [Float], gradient: [Float]) -> [Double] {
    switch name {
    case "adam": return time(Adam<Float>(learningRate: 1e-3), start: start, gradient: gradient)
    case "adamw": return time(Adam<Float>.adamW(learningRate: 1e-3, weightDecay: 1e-2), start: start, gradient: gradient)
    case "sgd-momentum": return time(SGD<Float>.momentum(learningRate: 1e-3, momentum: 0.9), start: start, gradient: gradient)
    default: return time(Lion<Float>(learningRate: 1e-4), start: start, gradient: gradient)
    }
  }

  func time<O: GradientOptimizer>(_ optimizer: O, start: [Float], gradient: [Float]) -> [Double]
  where O.Scalar == Float {
    var optimizer = optimizer
    var parameters = start
    optimizer.prepare(dimension: parameters.count)
    let clock = ContinuousClock()
    var times: [Double] = []
    times.reserveCapacity(repeats)
    gradient.withUnsafeBufferPointer { g in
      parameters.withUnsafeMutableBufferPointer { p in
        for k in 0..<(warmup + repeats) {
          let t0 = clock.now
          optimizer.update(parameters: p, gradient: g, learningRate: optimizer.learningRate)
          let d = clock.now - t0
          if k >= warmup { times.append(Self.seconds(d)) }
        }
      }
    }
    precondition(parameters.allSatisfy(\.isFinite), "non-finite parameters after the benchmark")
    return times
  }

  /// 1,000 Adam steps on `(1 − x)² + 100 (y − x²)²` from (−1.2, 1), as the peers' `rosen2d`.
  func rosenbrock() -> Rosenbrock {
    let steps = 1000
    func once() -> (Double, Float) {
      let clock = ContinuousClock()
      let t0 = clock.now
      var adam = Adam<Float>(learningRate: 1e-3)
      adam.prepare(dimension: 2)
      var x: [Float] = [-1.2, 1]
      var g: [Float] = [0, 0]
      x.withUnsafeMutableBufferPointer { xp in
        g.withUnsafeMutableBufferPointer { gp in
          for _ in 0..<steps {
            let a = xp[0], b = xp[1]
            gp[0] = -2 * (1 - a) - 400 * a * (b - a * a)
            gp[1] = 200 * (b - a * a)
            adam.update(parameters: xp, gradient: UnsafeBufferPointer(gp), learningRate: 1e-3)
          }
        }
      }
      let elapsed = Self.seconds(clock.now - t0)
      let f = (1 - x[0]) * (1 - x[0]) + 100 * (x[1] - x[0] * x[0]) * (x[1] - x[0] * x[0])
      return (elapsed, f)
    }
    for _ in 0..<3 { _ = once() }
    var times: [Double] = []
    var loss: Float = 0
    for _ in 0..<max(repeats, 20) {
      let (t, f) = once()
      times.append(t)
      loss = f
    }
    return Rosenbrock(
      steps: steps, msTotal: Self.median(times) * 1e3, msMin: times.min()! * 1e3, reps: times.count,
      finalLoss: Double(loss))
  }

  static func median(_ xs: [Double]) -> Double {
    let s = xs.sorted()
    return 0.5 * (s[(s.count - 1) / 2] + s[s.count / 2])
  }

  static func seconds(_ d: Duration) -> Double {
    Double(d.components.seconds) + Double(d.components.attoseconds) * 1e-18
  }

  private func list(_ s: String) -> [String] {
    s.split(separator: ",").map { String($0).lowercased().filter { $0 != " " } }
  }
  private func pad(_ s: String, _ width: Int) -> String {
    s + String(repeating: " ", count: Swift.max(1, width - s.count))
  }
  private func fixed(_ x: Double, _ digits: Int) -> String { String(format: "%.\(digits)f", x) }
}

extension SplitMix64 {
  /// Uniform in [−1, 1), for benchmark data.
  mutating func nextSigned() -> Double { Double(next() >> 11) * 0x1p-52 - 1 }
}
