import DescentCore

/// The eigendecomposition `A = QΛQᵀ` of a small symmetric matrix by the cyclic Jacobi
/// method: Newton's eigenvalue modification and negative-curvature direction.
///
/// ```
/// repeat until the off-diagonal mass ≤ (ε‖A‖_F)²:
///   for each p < q:  θ = (a_qq − a_pp)/(2a_pq),  t = sgn θ/(|θ| + √(θ² + 1)),
///                    c = 1/√(t² + 1),  s = tc,   A ← JᵀAJ,  V ← VJ
/// ```
///
/// Golub & Van Loan, *Matrix Computations*, §8.5 (Numerical Recipes' formulation of the
/// rotation). Accurate to a few ulps of `‖A‖` for the eigenvalue. Internal to Newton's
/// method; the library's general eigensolver lives in DescentCore's linear algebra.
///
/// - Complexity: `O(n³)` per sweep, typically 6–10 sweeps; no allocation (the caller
///   passes the matrix `a` and `vectors`, both `n²` row-major).
@usableFromInline
enum SymmetricEigendecomposition {
  /// Diagonalizes `a` in place: on return `a`'s diagonal holds the eigenvalues `λⱼ = a[j·n + j]`
  /// (unordered) and column `j` of `vectors` the unit eigenvector `qⱼ`. Writes the eigenvector of
  /// the smallest eigenvalue into `vector` and returns that eigenvalue (NaN when the
  /// iteration did not converge; `a` and `vectors` are then unusable).
  @inlinable
  static func compute<S: DescentScalar>(
    _ a: UnsafeMutableBufferPointer<S>, dimension n: Int, vectors v: UnsafeMutableBufferPointer<S>,
    into vector: UnsafeMutableBufferPointer<S>
  ) -> S {
    for k in 0..<(n * n) { v[k] = 0 }
    for i in 0..<n { v[i * n + i] = 1 }
    var frobeniusSquared: S = 0
    for k in 0..<(n * n) { frobeniusSquared += a[k] * a[k] }
    let target = S.ulpOfOne * S.ulpOfOne * frobeniusSquared
    var converged = false
    for _ in 0..<60 {
      var off: S = 0
      for p in 0..<n { for q in (p + 1)..<Swift.max(p + 1, n) { off += a[p * n + q] * a[p * n + q] } }
      if off <= target || off == 0 {
        converged = true
        break
      }
      for p in 0..<n {
        for q in (p + 1)..<Swift.max(p + 1, n) {
          let apq = a[p * n + q]
          if apq == 0 { continue }
          let theta = (a[q * n + q] - a[p * n + p]) / (2 * apq)
          let t = (theta >= 0 ? 1 : -1) / (theta.magnitude + (theta * theta + 1).squareRoot())
          let c = 1 / (t * t + 1).squareRoot()
          let s = t * c
          for k in 0..<n {  // A ← A J
            let akp = a[k * n + p]
            let akq = a[k * n + q]
            a[k * n + p] = c * akp - s * akq
            a[k * n + q] = s * akp + c * akq
          }
          for k in 0..<n {  // A ← Jᵀ A
            let apk = a[p * n + k]
            let aqk = a[q * n + k]
            a[p * n + k] = c * apk - s * aqk
            a[q * n + k] = s * apk + c * aqk
          }
          a[p * n + q] = 0
          a[q * n + p] = 0
          for k in 0..<n {  // V ← V J
            let vkp = v[k * n + p]
            let vkq = v[k * n + q]
            v[k * n + p] = c * vkp - s * vkq
            v[k * n + q] = s * vkp + c * vkq
          }
        }
      }
    }
    guard converged else { return .nan }
    var smallest = 0
    for i in 1..<Swift.max(1, n) where a[i * n + i] < a[smallest * n + smallest] { smallest = i }
    for k in 0..<n { vector[k] = v[k * n + smallest] }
    return a[smallest * n + smallest]
  }
}
