import DescentCore

/// The Lanczos process with full reorthogonalization, and the extreme eigenpairs it finds.
///
/// From a unit start vector `q₁`, `k` steps build an orthonormal basis `Q = [q₁ … qₖ]` of the
/// Krylov space `span{q₁, Aq₁, …, Aᵏ⁻¹q₁}` and the tridiagonal `T = QᵀAQ`:
///
/// ```
/// w = A qⱼ − βⱼ₋₁ qⱼ₋₁,   αⱼ = qⱼ·w,   w ← w − αⱼ qⱼ
/// w ← w − Q(Qᵀw)   (twice: full reorthogonalization, "twice is enough")
/// βⱼ = ‖w‖,   qⱼ₊₁ = w / βⱼ
/// ```
///
/// The eigenvalues `θ` of `T` (Ritz values) approach both ends of `A`'s spectrum first, so a
/// few dozen products find `λmax` and `λmin` — the most negative eigenvalue near a saddle, not
/// the largest in magnitude as power iteration would. A Ritz pair `(θ, y = Qs)` has residual
/// `‖Ay − θy‖ = βₖ |sₖ|` (the last component of `s`), which is the stopping test.
///
/// Full reorthogonalization costs `O(nk)` per step and `nk` memory, and keeps `Q` orthonormal
/// to working precision, so no spurious copies of converged eigenvalues appear (Paige 1971;
/// Golub & Van Loan §10.3). This is what PyHessian's `eigenvalues` (power iteration) and
/// `density` (Lanczos) compute, with both ends of the spectrum.
public enum Lanczos {
  /// `k` Lanczos steps: the tridiagonal `T` and, optionally, the basis.
  public struct Decomposition: Sendable {
    /// `α₁ … αₖ`, the diagonal of `T`.
    public var alpha: [Double]
    /// `β₁ … βₖ₋₁`, the off-diagonal of `T`.
    public var beta: [Double]
    /// `βₖ = ‖Aqₖ − …‖`, the residual norm after the last step (0 when the Krylov space
    /// became invariant).
    public var residualNorm: Double
    /// The basis vectors `q₁ … qₖ`, row `j` at `basis[j*n ..< (j+1)*n]` (empty unless kept).
    public var basis: [Double]
    /// `k`, the steps taken (fewer than asked when the Krylov space became invariant).
    public var steps: Int { alpha.count }
  }

  /// Runs up to `steps` Lanczos steps with full reorthogonalization from `start` (any nonzero
  /// vector; it is normalized). Stops early when the Krylov space becomes invariant
  /// (`βⱼ ≤ 1e-14·‖T‖`), which happens at the latest after `n` steps.
  ///
  /// - Complexity: `steps` operator products, `O(n·steps²)` arithmetic, `n·steps` memory.
  public static func tridiagonalize<Op: SymmetricLinearOperator>(
    _ op: Op, start: [Double], steps: Int
  ) -> Decomposition {
    var run = Run(op, start: start)
    while run.alpha.count < steps && !run.finished { run.step() }
    return Decomposition(alpha: run.alpha, beta: Array(run.beta.dropLast()), residualNorm: run.beta.last ?? 0, basis: run.basis)
  }

  /// An approximate eigenpair `(θ, y)` of the operator.
  public struct RitzPair: Codable, Sendable, Equatable {
    /// `θ`, the Ritz value.
    public var value: Double
    /// `y`, the unit Ritz vector.
    public var vector: [Double]
    /// `‖Ay − θy‖`, the residual norm: `θ` is within this distance of an eigenvalue.
    public var residualNorm: Double
  }

  /// The extreme eigenpairs and how the run went.
  public struct ExtremeEigenpairs: Codable, Sendable, Equatable {
    /// The smallest eigenvalue `λmin` (most negative) and its vector.
    public var smallest: RitzPair
    /// The largest eigenvalue `λmax` and its vector.
    public var largest: RitzPair
    /// Operator products used.
    public var iterations: Int
    /// True when both residuals met the tolerance (or the Krylov space became invariant).
    public var converged: Bool
  }

  /// `λmin` and `λmax` with their eigenvectors, matrix-free.
  ///
  /// - Parameters:
  ///   - op: the symmetric operator (for example a ``HessianOperator``).
  ///   - maxIterations: most operator products. Default `min(n, 300)`.
  ///   - tolerance: stop when both Ritz residuals are `≤ tolerance · max|θ|`. Default `1e-10`
  ///     (use about `1e-6` with finite-difference HVPs, whose own error is about `1e-8`).
  ///   - seed: seed of the random start vector (Gaussian). Default 0.
  public static func extremeEigenpairs<Op: SymmetricLinearOperator>(
    of op: Op, maxIterations: Int? = nil, tolerance: Double = 1e-10, seed: UInt64 = 0
  ) -> ExtremeEigenpairs {
    let n = op.dimension
    let limit = Swift.max(1, Swift.min(maxIterations ?? Swift.min(n, 300), n))
    var random = SeededGenerator(seed: seed)
    let start = (0..<n).map { _ in random.normal() }
    var run = Run(op, start: start)
    var converged = false
    while true {
      run.step()
      let k = run.alpha.count
      // The residual of Ritz pair j is βₖ|sₖⱼ|: the last components of T's eigenvectors are
      // the first components of the reversed matrix's, which cost O(k²) rather than O(k³).
      let reversed = SymmetricTridiagonalEigen(
        diagonal: run.alpha.reversed(), offDiagonal: run.beta.dropLast().reversed())
      let residual = run.beta.last ?? 0
      let scale = Swift.max(reversed.eigenvalues[0].magnitude, reversed.eigenvalues[k - 1].magnitude)
      let rSmall = residual * reversed.firstComponents[0].magnitude
      let rLarge = residual * reversed.firstComponents[k - 1].magnitude
      if run.invariant || (k >= 2 && rSmall <= tolerance * scale && rLarge <= tolerance * scale) {
        converged = true
        break
      }
      if k >= limit || run.finished { break }
    }
    let k = run.alpha.count
    let residual = run.beta.last ?? 0
    let eig = SymmetricTridiagonalEigen(diagonal: run.alpha, offDiagonal: Array(run.beta.dropLast()), vectors: .all)
    func pair(_ j: Int) -> RitzPair {
      var y = [Double](repeating: 0, count: n)
      for i in 0..<k {
        let s = eig.eigenvectors[i * k + j]
        for t in 0..<n { y[t] += s * run.basis[i * n + t] }
      }
      return RitzPair(
        value: eig.eigenvalues[j], vector: y, residualNorm: residual * eig.eigenvectors[(k - 1) * k + j].magnitude)
    }
    return ExtremeEigenpairs(smallest: pair(0), largest: pair(k - 1), iterations: k, converged: converged)
  }

  /// The state of one Lanczos run.
  struct Run<Op: SymmetricLinearOperator> {
    let op: Op
    let n: Int
    var alpha: [Double] = []
    /// `β₁ … βⱼ` (the last one is the current residual norm).
    var beta: [Double] = []
    var basis: [Double] = []
    var w: [Double]
    /// The Krylov space is invariant (exhausted): the Ritz values are exact eigenvalues.
    var invariant = false
    /// No further step can be taken (invariant, or the operator returned NaN/∞).
    var finished = false
    var normEstimate = 0.0

    init(_ op: Op, start: [Double]) {
      precondition(start.count == op.dimension, "start vector has \(start.count) entries, operator has dimension \(op.dimension)")
      self.op = op
      n = op.dimension
      let norm = VectorMath.norm(start)
      precondition(norm > 0 && norm.isFinite, "the Lanczos start vector must be nonzero and finite")
      basis = start.map { $0 / norm }
      w = [Double](repeating: 0, count: n)
    }

    mutating func step() {
      let j = alpha.count
      let n = self.n
      let op = self.op
      let previousBeta = j > 0 ? beta[j - 1] : 0
      var w: [Double] = []
      swap(&w, &self.w)  // borrow the work vector without a copy
      let a = basis.withUnsafeBufferPointer { q in
        w.withUnsafeMutableBufferPointer { w in
          op.apply(UnsafeBufferPointer(rebasing: q[(j * n)..<((j + 1) * n)]), into: w)
          var a = 0.0
          for t in 0..<n { a += q[j * n + t] * w[t] }
          for t in 0..<n { w[t] -= a * q[j * n + t] }
          if j > 0 {
            for t in 0..<n { w[t] -= previousBeta * q[(j - 1) * n + t] }
          }
          // Full reorthogonalization, twice.
          for _ in 0..<2 {
            for i in 0...j {
              var c = 0.0
              for t in 0..<n { c += q[i * n + t] * w[t] }
              for t in 0..<n { w[t] -= c * q[i * n + t] }
              if i == j { a += c }
            }
          }
          return a
        }
      }
      alpha.append(a)
      self.w = w
      let b = VectorMath.norm(w)
      beta.append(b)
      normEstimate = Swift.max(normEstimate, alpha[j].magnitude + b + (j > 0 ? beta[j - 1] : 0))
      if !b.isFinite {
        finished = true  // NaN or ∞ from the operator: no further step is meaningful
        return
      }
      if b <= 1e-14 * normEstimate || j + 1 >= n {
        finished = true
        invariant = true
        return
      }
      basis.reserveCapacity((j + 2) * n)
      for t in 0..<n { basis.append(w[t] / b) }
    }
  }
}
