import DescentCore

/// The eigenvalue density of a symmetric operator by stochastic Lanczos quadrature (SLQ).
///
/// For a unit probe `v`, `k` Lanczos steps give the tridiagonal `T` with eigenvalues `θⱼ` and
/// eigenvector first components `τⱼ`; the Gauss quadrature `Σⱼ τⱼ² g(θⱼ)` approximates
/// `vᵀ g(A) v` (Golub & Welsch 1969). With random probes, `E[vᵀ g(A) v] = (1/n) tr g(A)`, so the
/// nodes and weights averaged over `m` probes approximate the spectral measure
/// `(1/n) Σᵢ δ(t − λᵢ)`. Broadening each node by a Gaussian of width `σ` gives a density:
///
/// ```
/// ρ(t) = (1/m) Σₚ Σⱼ τₚⱼ² · exp(−(t − θₚⱼ)² / 2σ²) / (σ√(2π))
/// ```
///
/// which integrates to 1 (each probe's weights sum to 1). This is PyHessian's `density`
/// (Yao et al. 2020; Ghorbani, Krishnan & Xiao 2019; Lin, Saad & Yang 2016), with Rademacher
/// probes and full reorthogonalization.
public struct SpectralDensity: Codable, Sendable, Equatable {
  /// `θₚⱼ`: the quadrature nodes of each probe (Ritz values, ascending).
  public var nodes: [[Double]]
  /// `τₚⱼ²`: the quadrature weights of each probe (each row sums to 1).
  public var weights: [[Double]]
  /// `σ`, the Gaussian broadening.
  public var bandwidth: Double
  /// The evaluation grid `t`, ascending, from the smallest node `− 5σ` to the largest `+ 5σ`.
  public var grid: [Double]
  /// `ρ(t)` on ``grid``.
  public var density: [Double]

  /// Estimates the spectral density of `op`.
  /// - Parameters:
  ///   - op: the operator (for example a ``HessianOperator``).
  ///   - probes: `m`, the random probes. Default 10.
  ///   - lanczosSteps: `k`, Lanczos steps per probe (capped at `n`). Default 80 (PyHessian: 100).
  ///   - bandwidth: `σ`. Default 1% of the span of the nodes (`max θ − min θ`; 1e-3 · max(1,
  ///     |θ|) when all nodes coincide).
  ///   - gridPoints: points of the evaluation grid. Default 1,000.
  ///   - seed: seed of the probes. Default 0.
  /// - Complexity: `m·k` operator products and `O(m·n·k²)` reorthogonalization.
  public init<Op: SymmetricLinearOperator>(
    of op: Op, probes: Int = 10, lanczosSteps: Int = 80, bandwidth: Double? = nil,
    gridPoints: Int = 1000, seed: UInt64 = 0
  ) {
    precondition(probes >= 1, "SLQ needs at least one probe")
    precondition(lanczosSteps >= 1, "SLQ needs at least one Lanczos step")
    precondition(gridPoints >= 2, "the density grid needs at least two points")
    precondition(bandwidth.map { $0 > 0 && $0.isFinite } ?? true, "the bandwidth must be positive and finite")
    let n = op.dimension
    var random = SeededGenerator(seed: seed)
    var nodes: [[Double]] = []
    var weights: [[Double]] = []
    for _ in 0..<probes {
      let v = (0..<n).map { _ in random.rademacher() }
      let t = Lanczos.tridiagonalize(op, start: v, steps: Swift.min(lanczosSteps, n))
      let eig = SymmetricTridiagonalEigen(diagonal: t.alpha, offDiagonal: t.beta)
      nodes.append(eig.eigenvalues)
      weights.append(eig.firstComponents.map { $0 * $0 })
    }
    let all = nodes.joined()
    let lo = all.min() ?? 0
    let hi = all.max() ?? 0
    let span = hi - lo
    let sigma = bandwidth ?? (span > 0 ? 0.01 * span : 1e-3 * Swift.max(1, lo.magnitude))
    let start = lo - 5 * sigma
    let step = (hi - lo + 10 * sigma) / Double(gridPoints - 1)
    let grid = (0..<gridPoints).map { start + Double($0) * step }
    var density = [Double](repeating: 0, count: gridPoints)
    let normalization = 1 / (sigma * (2 * Double.pi).squareRoot() * Double(probes))
    for (theta, w) in zip(nodes, weights) {
      for (node, weight) in zip(theta, w) {
        for g in 0..<gridPoints {
          let z = (grid[g] - node) / sigma
          if z.magnitude < 40 { density[g] += weight * Double.exp(-0.5 * z * z) * normalization }
        }
      }
    }
    self.nodes = nodes
    self.weights = weights
    self.bandwidth = sigma
    self.grid = grid
    self.density = density
  }

  /// `∫ ρ` over the grid by the trapezoid rule (≈ 1; the grid extends `5σ` past the nodes).
  public var integral: Double {
    var s = 0.0
    for i in 1..<grid.count { s += (grid[i] - grid[i - 1]) * (density[i] + density[i - 1]) / 2 }
    return s
  }

  /// The estimated fraction of eigenvalues in `range`, from the quadrature directly (no
  /// broadening): `(1/m) Σₚ Σ_{θₚⱼ ∈ range} τₚⱼ²`.
  public func fraction(in range: ClosedRange<Double>) -> Double {
    var s = 0.0
    for (theta, w) in zip(nodes, weights) {
      for (node, weight) in zip(theta, w) where range.contains(node) { s += weight }
    }
    return s / Double(nodes.count)
  }

  /// The estimated spectral moment `(1/n) tr Aᵖ ≈ (1/m) Σₚ Σⱼ τₚⱼ² θₚⱼᵖ` (exact in
  /// expectation for `p < 2k`).
  public func moment(_ p: Int) -> Double {
    var s = 0.0
    for (theta, w) in zip(nodes, weights) {
      for (node, weight) in zip(theta, w) { s += weight * Double.pow(node, p) }
    }
    return s / Double(nodes.count)
  }
}
