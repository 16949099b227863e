import DescentCore

/// Hutchinson's stochastic estimator of the trace `tr A` of a matrix-free operator.
///
/// ```
/// tr A ≈ (1/m) Σₚ zₚᵀ A zₚ,   zₚ with independent Rademacher (±1) entries
/// ```
///
/// Each sample is unbiased (`E[zzᵀ] = I`) with variance `2 Σ_{i≠j} Aᵢⱼ²` — the least of any
/// i.i.d. probe distribution (Hutchinson 1990) — so the standard error falls as `1/√m`. For a
/// Hessian, `tr ∇²f` is the sum of the curvatures (PyHessian's `trace`). Probes are drawn from
/// a seeded generator: the same seed gives the same estimate.
public struct HutchinsonTrace: Codable, Sendable, Equatable {
  /// The estimate `(1/m) Σ zₚᵀAzₚ`.
  public var trace: Double
  /// The standard error of the estimate, `s / √m` with `s` the sample standard deviation
  /// of the `zₚᵀAzₚ` (0 when `m = 1`).
  public var standardError: Double
  /// `m`, the number of probes (operator products).
  public var probes: Int

  /// Estimates `tr A` with `probes` Rademacher probes.
  /// - Parameters:
  ///   - op: the operator (for example a ``HessianOperator``).
  ///   - probes: `m`. Default 100 (PyHessian's default `maxIter`).
  ///   - seed: seed of the probes. Default 0.
  /// - Complexity: `m` operator products; no allocation per probe.
  public init<Op: SymmetricLinearOperator>(of op: Op, probes: Int = 100, seed: UInt64 = 0) {
    precondition(probes >= 1, "Hutchinson's estimator needs at least one probe")
    let n = op.dimension
    var random = SeededGenerator(seed: seed)
    var z = [Double](repeating: 0, count: n)
    var az = [Double](repeating: 0, count: n)
    // Welford's running mean and variance.
    var mean = 0.0
    var m2 = 0.0
    for p in 1...probes {
      for i in 0..<n { z[i] = random.rademacher() }
      z.withUnsafeBufferPointer { zp in az.withUnsafeMutableBufferPointer { op.apply(zp, into: $0) } }
      var sample = 0.0
      for i in 0..<n { sample += z[i] * az[i] }
      let delta = sample - mean
      mean += delta / Double(p)
      m2 += delta * (sample - mean)
    }
    trace = mean
    standardError = probes > 1 ? (m2 / Double(probes - 1) / Double(probes)).squareRoot() : 0
    self.probes = probes
  }
}
