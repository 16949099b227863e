/// Cholesky factorization `A = L Lᵀ` of a symmetric matrix, in place, with a failure flag
/// instead of a trap: the test Newton's method uses to decide whether a (shifted) Hessian
/// is positive definite.
///
/// ```
/// for j in 0..<n:
///   d = A[j][j] − Σₖ<ⱼ L[j][k]²          (fail when d ≤ 0 or d is not finite)
///   L[j][j] = √d
///   L[i][j] = (A[i][j] − Σₖ<ⱼ L[i][k] L[j][k]) / L[j][j]     for i > j
/// ```
///
/// Matrices are row-major `n × n`. Only the lower triangle of the input is read; on
/// success the lower triangle holds `L` and the strict upper triangle is zeroed.
///
/// Golub & Van Loan, *Matrix Computations*, Algorithm 4.2.1 (the column-oriented
/// "gaxpy" form).
public enum Cholesky {
  /// Factors `matrix` (row-major `n × n`) in place.
  ///
  /// - Returns: `true` when the matrix is numerically positive definite (every pivot
  ///   positive and finite); `false` otherwise, with the matrix left partially overwritten.
  /// - Complexity: `n³/3` multiply-adds, no allocation.
  @inlinable
  public static func factor<S: DescentScalar>(_ matrix: UnsafeMutableBufferPointer<S>, dimension n: Int) -> Bool {
    precondition(matrix.count >= n * n, "Cholesky.factor: buffer has \(matrix.count) entries, need \(n * n)")
    for j in 0..<n {
      var d = matrix[j * n + j]
      for k in 0..<j { d -= matrix[j * n + k] * matrix[j * n + k] }
      guard d > 0, d.isFinite else { return false }
      let ljj = d.squareRoot()
      matrix[j * n + j] = ljj
      for i in (j + 1)..<Swift.max(j + 1, n) {
        var s = matrix[i * n + j]
        for k in 0..<j { s -= matrix[i * n + k] * matrix[j * n + k] }
        matrix[i * n + j] = s / ljj
      }
    }
    for i in 0..<n {
      for j in (i + 1)..<Swift.max(i + 1, n) { matrix[i * n + j] = 0 }
    }
    return true
  }

  /// Solves `L Lᵀ x = b` with the factor written by ``factor(_:dimension:)``, overwriting
  /// `rhs` with `x` (forward then back substitution).
  /// - Complexity: `n²` multiply-adds, no allocation.
  @inlinable
  public static func solve<S: DescentScalar>(
    factor l: UnsafeBufferPointer<S>, dimension n: Int, rhs b: UnsafeMutableBufferPointer<S>
  ) {
    precondition(l.count >= n * n && b.count >= n, "Cholesky.solve: buffer sizes do not match n = \(n)")
    for i in 0..<n {  // L y = b
      var s = b[i]
      for k in 0..<i { s -= l[i * n + k] * b[k] }
      b[i] = s / l[i * n + i]
    }
    for i in stride(from: n - 1, through: 0, by: -1) {  // Lᵀ x = y
      var s = b[i]
      for k in (i + 1)..<Swift.max(i + 1, n) { s -= l[k * n + i] * b[k] }
      b[i] = s / l[i * n + i]
    }
  }

  /// Array convenience: the factor `L` (row-major, zeros above the diagonal), or `nil`
  /// when `matrix` is not numerically positive definite.
  public static func factor<S: DescentScalar>(_ matrix: [S], dimension n: Int) -> [S]? {
    var a = matrix
    let ok = a.withUnsafeMutableBufferPointer { factor($0, dimension: n) }
    return ok ? a : nil
  }
}
