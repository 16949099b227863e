import DescentCore
import RealModule

/// Learning rates to sweep: `lo:hi:logN` (N rates evenly spaced in log scale, both ends
/// included) or `lo:hi:linN` (evenly spaced).
///
/// ```swift
/// try LearningRateGrid(parsing: "0.01:2:log50").rates.count  // 50
/// ```
public struct LearningRateGrid: Codable, Sendable, Equatable, CustomStringConvertible {
  public enum Spacing: String, Codable, Sendable { case log, lin }
  public var low: Double
  public var high: Double
  public var count: Int
  public var spacing: Spacing

  public init(low: Double, high: Double, count: Int, spacing: Spacing) {
    precondition(low > 0 || spacing == .lin, "a log grid needs a positive low end")
    precondition(low <= high && count >= 1, "need low ≤ high and at least one rate")
    self.low = low
    self.high = high
    self.count = count
    self.spacing = spacing
  }

  /// Parses `lo:hi:logN` or `lo:hi:linN`.
  /// - Throws: ``LearningRateGridError`` naming the bad part.
  public init(parsing text: String) throws(LearningRateGridError) {
    let parts = text.split(separator: ":", omittingEmptySubsequences: false).map(String.init)
    guard parts.count == 3 else {
      throw LearningRateGridError("expected lo:hi:logN or lo:hi:linN (e.g. 0.01:2:log50), found '\(text)'")
    }
    guard let low = Double(parts[0]), low.isFinite else {
      throw LearningRateGridError("the low end '\(parts[0])' is not a number (in '\(text)')")
    }
    guard let high = Double(parts[1]), high.isFinite else {
      throw LearningRateGridError("the high end '\(parts[1])' is not a number (in '\(text)')")
    }
    let kind = parts[2].lowercased()
    let spacing: Spacing
    if kind.hasPrefix("log") { spacing = .log } else if kind.hasPrefix("lin") { spacing = .lin } else {
      throw LearningRateGridError("the third part '\(parts[2])' must be logN or linN, e.g. log50 (in '\(text)')")
    }
    guard let count = Int(kind.dropFirst(3)), count >= 1, count <= 100_000 else {
      throw LearningRateGridError("the count in '\(parts[2])' must be a whole number from 1 to 100000 (in '\(text)')")
    }
    guard low >= 0 else { throw LearningRateGridError("learning rates must be ≥ 0; the low end is \(low)") }
    guard low <= high else { throw LearningRateGridError("the low end \(low) is above the high end \(high)") }
    if spacing == .log && low == 0 {
      throw LearningRateGridError("a log grid needs a positive low end (0 has no logarithm); use lin or a low end like 1e-4")
    }
    if count == 1 && low != high {
      throw LearningRateGridError("one rate cannot span \(low) to \(high); give a count of 2 or more")
    }
    self.init(low: low, high: high, count: count, spacing: spacing)
  }

  /// The rates, increasing; the ends are exactly `low` and `high`.
  public var rates: [Double] {
    if count == 1 { return [low] }
    return (0..<count).map { i in
      if i == 0 { return low }
      if i == count - 1 { return high }
      let f = Double(i) / Double(count - 1)
      return spacing == .log ? Double.exp(Double.log(low) + f * (Double.log(high) - Double.log(low))) : (low * Double(count - 1 - i) + high * Double(i)) / Double(count - 1)
    }
  }

  public var description: String {
    func n(_ v: Double) -> String { v == v.rounded() && abs(v) < 1e15 ? String(Int(v)) : "\(v)" }
    return "\(n(low)):\(n(high)):\(spacing.rawValue)\(count)"
  }
}

/// A malformed learning-rate grid.
public struct LearningRateGridError: Error, Equatable, CustomStringConvertible {
  public var description: String
  public init(_ description: String) { self.description = description }
}

/// How a run with one learning rate behaved: the regimes of gradient descent on a
/// quadratic, `x ← (1 − ηλ) x`.
public enum LearningRateRegime: String, Codable, Sendable, CaseIterable {
  /// The loss fell and the iterates approached the minimum from one side (`0 < ηλ ≤ 1`).
  case monotoneDecay = "monotone-decay"
  /// The loss fell while the iterates overshot back and forth (`1 < ηλ < 2`), or the loss
  /// itself went up and down on its way down.
  case oscillatingDecay = "oscillating-decay"
  /// The loss grew: past the edge of stability (`ηλ > 2`).
  case divergence
  /// The loss did not change: a rate too small to move, or a cycle exactly at the edge
  /// (`ηλ = 2`).
  case noProgress = "no-progress"

  /// True for the two decaying regimes.
  public var decays: Bool { self == .monotoneDecay || self == .oscillatingDecay }
}

/// One learning rate's run in a sweep.
public struct SweepPoint: Codable, Sendable, Equatable {
  public var learningRate: Double
  public var regime: LearningRateRegime
  public var initialLoss: Double
  public var finalLoss: Double
  public var steps: Int
  public var stopReason: StopReason
}

/// A sweep's result: each rate's regime and the empirical edge of stability.
public struct LearningRateSweep: Codable, Sendable, Equatable {
  public var points: [SweepPoint]
  /// The largest swept rate whose run decayed (see ``divergenceThreshold``).
  public var largestDecaying: Double?
  /// The smallest swept rate above ``largestDecaying`` whose run did not decay.
  public var smallestFailing: Double?

  /// The empirical divergence threshold: the boundary between the largest rate that still
  /// decays and the next larger rate, which diverges (or cycles without progress, as
  /// `η = 2/λ` does on a quadratic). The true threshold lies in
  /// `[largestDecaying, smallestFailing]`; this is their geometric mean (the midpoint of a
  /// log grid's cell). `nil` when every rate decays or none does.
  public var divergenceThreshold: Double? {
    guard let a = largestDecaying, let b = smallestFailing else { return nil }
    return (a * b).squareRoot()
  }
}

/// Classifies a run from its recorded points (the loss sequence and the iterates).
///
/// ```
/// divergence      the run stopped as divergent, or f_N > f_0
/// no-progress     |f_N − f_0| ≤ 1e-12 · max(|f_0|, 1e-300)
/// oscillating     some coordinate's step changes sign in at least half of the
///                 consecutive pairs of non-zero steps, or the loss rose at some step
/// monotone        otherwise
/// ```
public func classifyRun<S: DescentScalar>(_ result: MinimizationResult<S>) -> LearningRateRegime {
  let points = result.trajectory
  guard let first = points.first, let last = points.last else { return .noProgress }
  let f0 = Double(first.loss)
  let fN = Double(last.loss)
  if result.stopReason.isDivergence || !(fN <= f0) { return .divergence }
  if abs(fN - f0) <= 1e-12 * Swift.max(abs(f0), 1e-300) { return .noProgress }
  var lossRose = false
  for (a, b) in zip(points, points.dropFirst()) where b.loss > a.loss { lossRose = true }
  if lossRose { return .oscillatingDecay }
  let n = first.x.count
  for i in 0..<n {
    var previousSign: Bool?
    var pairs = 0
    var flips = 0
    for (a, b) in zip(points, points.dropFirst()) {
      let d = b.x[i] - a.x[i]
      if d == 0 { continue }
      let sign = d > 0
      if let previousSign {
        pairs += 1
        if sign != previousSign { flips += 1 }
      }
      previousSign = sign
    }
    if pairs > 0 && 2 * flips >= pairs { return .oscillatingDecay }
  }
  return .monotoneDecay
}

/// Runs `makeOptimizer(η)` from `start` for every rate and classifies each run
/// (``classifyRun(_:)``), then brackets the divergence threshold.
///
/// `options` sets the step budget (default 1,000; a sweep usually wants 100) and the
/// divergence rule; trajectories are recorded every step for the classification, and the
/// gradient tolerance is kept (a run that reaches the minimum exactly still decays).
public func sweepLearningRates<O: Objective>(
  _ objective: O, from start: [O.Scalar], rates: [Double],
  options: MinimizeOptions = MinimizeOptions(),
  makeOptimizer: (Double) throws -> any Optimizer<O.Scalar>
) rethrows -> LearningRateSweep {
  var options = options
  options.recordTrajectory = true
  options.recordEvery = 1
  var points: [SweepPoint] = []
  for rate in rates.sorted() {
    var optimizer = try makeOptimizer(rate)
    let result = minimize(dynamic: objective, from: start, using: &optimizer, options: options)
    points.append(
      SweepPoint(
        learningRate: rate, regime: classifyRun(result), initialLoss: Double(result.trajectory.first!.loss),
        finalLoss: Double(result.loss), steps: result.steps, stopReason: result.stopReason))
  }
  var largestDecaying: Double?
  var smallestFailing: Double?
  if let index = points.lastIndex(where: { $0.regime.decays }) {
    largestDecaying = points[index].learningRate
    if index + 1 < points.count { smallestFailing = points[index + 1].learningRate }
  }
  return LearningRateSweep(points: points, largestDecaying: largestDecaying, smallestFailing: smallestFailing)
}
