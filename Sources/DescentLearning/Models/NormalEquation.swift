import DescentCore

/// Linear regression's closed-form least-squares solution, beside gradient descent.
///
/// ```
/// X̃ = [X 1]  (a column of ones for the bias)
/// minimize (1/N)‖X̃θ − y‖² + (λ/2)‖w‖²   ⇔   (X̃ᵀX̃ + (Nλ/2) D) θ = X̃ᵀ y
/// ```
/// with `D` the identity except a 0 for the bias — the same objective as
/// ``Network/linearRegression(features:l2:)``, so gradient descent on that network
/// converges to this `θ`. Solved by Cholesky factorization in `Double` (the Gram matrix is
/// symmetric positive definite when the columns of X̃ are independent).
public enum NormalEquation {
  /// The least-squares parameters in ``Network/linearRegression(features:l2:)`` layout:
  /// the `d` weights, then the bias.
  /// - Throws: ``DataError/invalidArgument(_:)`` when the features are linearly dependent
  ///   (the Gram matrix is singular), with the column that made it so.
  public static func solve<S: DescentScalar>(_ data: Dataset<S>, l2: Double = 0) throws(DataError) -> [Double] {
    let d = data.featureCount
    let p = d + 1
    let n = data.sampleCount
    var gram = [Double](repeating: 0, count: p * p)
    var rhs = [Double](repeating: 0, count: p)
    var row = [Double](repeating: 1, count: p)
    for i in 0..<n {
      for j in 0..<d { row[j] = Double(data.features[i * d + j]) }
      row[d] = 1
      let y = Double(data.targets[i])
      for a in 0..<p {
        rhs[a] += row[a] * y
        let ra = row[a]
        for b in 0...a { gram[a * p + b] += ra * row[b] }
      }
    }
    for a in 0..<p { for b in 0..<a { gram[b * p + a] = gram[a * p + b] } }
    for j in 0..<d { gram[j * p + j] += Double(n) * l2 / 2 }
    // Cholesky: gram = L Lᵀ (lower triangle in place).
    for j in 0..<p {
      var s = gram[j * p + j]
      for k in 0..<j { s -= gram[j * p + k] * gram[j * p + k] }
      guard s > 1e-12 * max(1, gram[j * p + j].magnitude), s.isFinite else {
        let name = j < d ? "'\(data.featureNames[j])'" : "the bias (a constant feature?)"
        throw .invalidArgument(
          "the normal equation is singular: column \(name) is a linear combination of the columns before it")
      }
      let l = s.squareRoot()
      gram[j * p + j] = l
      for i in (j + 1)..<p {
        var t = gram[i * p + j]
        for k in 0..<j { t -= gram[i * p + k] * gram[j * p + k] }
        gram[i * p + j] = t / l
      }
    }
    // Solve L z = rhs, then Lᵀ θ = z.
    var z = rhs
    for i in 0..<p {
      var t = z[i]
      for k in 0..<i { t -= gram[i * p + k] * z[k] }
      z[i] = t / gram[i * p + i]
    }
    for i in stride(from: p - 1, through: 0, by: -1) {
      var t = z[i]
      for k in (i + 1)..<p { t -= gram[k * p + i] * z[k] }
      z[i] = t / gram[i * p + i]
    }
    return z
  }
}
