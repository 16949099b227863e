import DescentCore

extension Lanczos {
  /// The largest eigenvalues of an operator found by one Lanczos run, with their residuals.
  public struct LargestEigenvalues: Codable, Sendable, Equatable {
    /// The `count` largest Ritz values, descending (`values[0]` is `λmax`).
    public var values: [Double]
    /// `‖Ayⱼ − θⱼyⱼ‖` for each of ``values``: each `θⱼ` is within this distance of an
    /// eigenvalue of the operator.
    public var residualNorms: [Double]
    /// The smallest Ritz value (an upper bound on `λmin`, and close to it once the run is
    /// long enough; the ends of the spectrum converge first).
    public var smallest: Double
    /// Its residual norm.
    public var smallestResidualNorm: Double
    /// Operator products used.
    public var iterations: Int
    /// True when every residual of ``values`` met the tolerance (or the Krylov space
    /// became invariant, where the Ritz values are exact).
    public var converged: Bool
  }

  /// The `count` largest eigenvalues of a symmetric operator, matrix-free: one Lanczos run
  /// with full reorthogonalization from a seeded Gaussian start, stopped when the top
  /// `count` Ritz pairs `(θⱼ, yⱼ)` all have residual
  ///
  /// ```
  /// ‖A yⱼ − θⱼ yⱼ‖ = βₖ |sₖⱼ| ≤ tolerance · max|θ|
  /// ```
  ///
  /// Lanczos from one start vector sees each eigenvalue once: a repeated eigenvalue shows
  /// up once, and the next entry is the next distinct eigenvalue (PyHessian's deflated power
  /// iteration lists repeats). Eigenvalues that are close but distinct are separated.
  ///
  /// - Parameters:
  ///   - count: how many (at least 1; at most `n`).
  ///   - maxIterations: most operator products. Default `min(n, max(100, 20·count))`.
  ///   - tolerance: relative residual tolerance. Default `1e-8` (use about `1e-5` with
  ///     finite-difference or `Float` products).
  ///   - seed: seed of the start vector. Default 0.
  /// - Complexity: `iterations` products, `O(n·iterations²)` arithmetic, `n·iterations` memory.
  public static func largestEigenvalues<Op: SymmetricLinearOperator>(
    of op: Op, count: Int, maxIterations: Int? = nil, tolerance: Double = 1e-8, seed: UInt64 = 0
  ) -> LargestEigenvalues {
    let n = op.dimension
    precondition(count >= 1 && count <= n, "count must be between 1 and the dimension \(n) (got \(count))")
    precondition(tolerance > 0, "tolerance must be positive")
    let limit = Swift.max(count, Swift.min(maxIterations ?? Swift.min(n, Swift.max(100, 20 * count)), n))
    var random = SeededGenerator(seed: seed)
    let start = (0..<n).map { _ in random.normal() }
    var run = Run(op, start: start)
    var converged = false
    var eig = SymmetricTridiagonalEigen(diagonal: [0], offDiagonal: [])
    var lastComponents: [Double] = [1]
    while true {
      run.step()
      let k = run.alpha.count
      // Last components of T's eigenvectors = first components of the reversed matrix's.
      let reversed = SymmetricTridiagonalEigen(diagonal: run.alpha.reversed(), offDiagonal: run.beta.dropLast().reversed())
      eig = reversed
      lastComponents = reversed.firstComponents
      let residual = run.beta.last ?? 0
      let scale = Swift.max(reversed.eigenvalues[0].magnitude, reversed.eigenvalues[k - 1].magnitude)
      if run.invariant {
        converged = true
        break
      }
      if k >= count {
        let top = (k - count)..<k
        if top.allSatisfy({ residual * lastComponents[$0].magnitude <= tolerance * scale }) {
          converged = true
          break
        }
      }
      if k >= limit || run.finished { break }
    }
    let k = eig.dimension
    let residual = run.invariant ? 0 : (run.beta.last ?? 0)
    let shown = Swift.min(count, k)
    let indices = (0..<shown).map { k - 1 - $0 }
    return LargestEigenvalues(
      values: indices.map { eig.eigenvalues[$0] },
      residualNorms: indices.map { residual * lastComponents[$0].magnitude },
      smallest: eig.eigenvalues[0], smallestResidualNorm: residual * lastComponents[0].magnitude,
      iterations: run.alpha.count, converged: converged && shown == count)
  }
}
