import ArgumentParser
import DescentOptimizers

/// `--schedule`, gradient clipping and gradient noise: the flags shared by `run`,
/// `compare` and `sweep` that shape the learning rate and the gradient.
struct ScheduleOptions: ParsableArguments {
  @Option(
    help: ArgumentHelp(
      "Learning-rate schedule, e.g. cosine:t-max=100 or warmup:steps=10+cosine:t-max=90.",
      discussion: ScheduleSpec.syntaxHelp, valueName: "schedule"))
  var schedule: String?

  @Option(help: "Clip the gradient to global norm ≤ this before each update (torch clip_grad_norm_).")
  var clipNorm: Double?

  @Option(help: "Clamp each gradient component to [−c, c] before each update (torch clip_grad_value_).")
  var clipValue: Double?

  @Option(
    name: .customLong("gradient-noise"),
    help: ArgumentHelp("Add Gaussian noise of standard deviation σ to each gradient component.", valueName: "σ"))
  var gradientNoise: Double?

  @Option(help: "Seed of the gradient noise (xoshiro256**, identical on every platform).")
  var seed: UInt64 = 0

  func validate() throws {
    if let schedule {
      do { _ = try ScheduleSpec(parsing: schedule) } catch { throw ValidationError("--schedule: \(error)") }
    }
    func nonNegative(_ v: Double?, _ flag: String) throws {
      if let v, !(v >= 0 && v.isFinite) { throw ValidationError("\(flag) must be a finite number ≥ 0 (got \(v))") }
    }
    try nonNegative(clipNorm, "--clip-norm")
    try nonNegative(clipValue, "--clip-value")
    try nonNegative(gradientNoise, "--gradient-noise")
  }

  /// The parsed schedule, if any.
  func scheduleSpec() throws -> ScheduleSpec? {
    guard let schedule else { return nil }
    do { return try ScheduleSpec(parsing: schedule) } catch { throw ValidationError("--schedule: \(error)") }
  }

  /// The gradient transform of these flags (`maximize` comes from the optimizer's flags).
  func gradientTransform(maximize: Bool = false) -> GradientTransform {
    GradientTransform(
      noise: gradientNoise.flatMap { $0 > 0 ? $0 : nil }, seed: seed, clipValue: clipValue, clipNorm: clipNorm,
      maximize: maximize)
  }

  /// Sets the schedule and the gradient transform of `options`.
  func apply(to options: inout MinimizeOptions, maximize: Bool = false) throws {
    options.schedule = try scheduleSpec()
    options.gradientTransform = gradientTransform(maximize: maximize)
  }

  /// A one-line summary for table headers, e.g. `cosine:t-max=100, clip-norm 1, noise σ=0.1 (seed 0)`.
  var summary: String? {
    var parts: [String] = []
    if let schedule { parts.append("schedule \(schedule)") }
    if let clipNorm { parts.append("clip-norm \(formatNumber(clipNorm))") }
    if let clipValue { parts.append("clip-value \(formatNumber(clipValue))") }
    if let gradientNoise, gradientNoise > 0 { parts.append("noise σ=\(formatNumber(gradientNoise)) (seed \(seed))") }
    return parts.isEmpty ? nil : parts.joined(separator: ", ")
  }
}
