import ArgumentParser
import DescentOptimizers

/// The stopping rules of the minimize loop, as flags shared by `run`, `compare` and `sweep`.
struct StoppingOptions: ParsableArguments {
  @Option(name: .customLong("steps"), help: "Most steps to take.")
  var steps: Int?

  @Option(help: "Stop when ‖∇f‖ ≤ this (0 switches it off).")
  var gradientTolerance: Double = 1e-8

  @Option(help: "Stop when the step ‖xₖ − xₖ₋₁‖ ≤ this.")
  var stepTolerance: Double?

  @Option(help: "Stop when |fₖ − fₖ₋₁| ≤ this.")
  var lossTolerance: Double?

  @Option(help: "Stop when |fₖ − fₖ₋₁| ≤ this · max(|fₖ|, |fₖ₋₁|).")
  var relativeLossTolerance: Double?

  @Option(help: "Stop after this many objective evaluations.")
  var maxEvaluations: Int?

  @Option(help: "Stop after this many seconds.")
  var timeLimit: Double?

  @Option(help: "Call the run diverged when f grows past f₀ + this · max(1, |f₀|) (0 switches it off).")
  var divergenceFactor: Double = 1e10

  func validate() throws {
    if let steps, steps < 0 { throw ValidationError("--steps must be 0 or more (got \(steps))") }
    if let steps, steps > 100_000_000 { throw ValidationError("--steps must be at most 100000000 (got \(steps))") }
    func nonNegative(_ v: Double?, _ flag: String) throws {
      if let v, !(v >= 0 && v.isFinite) { throw ValidationError("\(flag) must be a finite number ≥ 0 (got \(v))") }
    }
    try nonNegative(gradientTolerance, "--gradient-tolerance")
    try nonNegative(stepTolerance, "--step-tolerance")
    try nonNegative(lossTolerance, "--loss-tolerance")
    try nonNegative(relativeLossTolerance, "--relative-loss-tolerance")
    try nonNegative(timeLimit, "--time-limit")
    try nonNegative(divergenceFactor, "--divergence-factor")
    if let maxEvaluations, maxEvaluations < 1 {
      throw ValidationError("--max-evaluations must be at least 1 (got \(maxEvaluations))")
    }
  }

  /// The loop's options, with `defaultSteps` when `--steps` is not given.
  func options(defaultSteps: Int) -> MinimizeOptions {
    MinimizeOptions(
      maxSteps: steps ?? defaultSteps,
      gradientTolerance: gradientTolerance > 0 ? gradientTolerance : nil,
      stepTolerance: stepTolerance, lossChangeTolerance: lossTolerance,
      relativeLossChangeTolerance: relativeLossTolerance, maxEvaluations: maxEvaluations,
      timeLimit: timeLimit.map { .milliseconds(Int64(($0 * 1000).rounded())) },
      divergenceFactor: divergenceFactor > 0 ? divergenceFactor : nil)
  }
}
