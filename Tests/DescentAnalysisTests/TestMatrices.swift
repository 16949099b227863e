import DescentCore

@testable import DescentAnalysis

/// A random orthogonal matrix (row-major): modified Gram–Schmidt on a seeded Gaussian matrix.
func randomOrthogonal(_ n: Int, random: inout SeededGenerator) -> [Double] {
  var q = (0..<(n * n)).map { _ in random.normal() }
  for j in 0..<n {  // columns
    for _ in 0..<2 {
      for k in 0..<j {
        var d = 0.0
        for i in 0..<n { d += q[i * n + k] * q[i * n + j] }
        for i in 0..<n { q[i * n + j] -= d * q[i * n + k] }
      }
    }
    var norm = 0.0
    for i in 0..<n { norm += q[i * n + j] * q[i * n + j] }
    norm = norm.squareRoot()
    for i in 0..<n { q[i * n + j] /= norm }
  }
  return q
}

/// `Q diag(spectrum) Qᵀ` with a seeded random rotation `Q`.
func matrixWithSpectrum(_ spectrum: [Double], seed: UInt64) -> DenseSymmetricMatrix {
  let n = spectrum.count
  var random = SeededGenerator(seed: seed)
  let q = randomOrthogonal(n, random: &random)
  var a = [Double](repeating: 0, count: n * n)
  for i in 0..<n {
    for j in 0...i {
      var s = 0.0
      for k in 0..<n { s += q[i * n + k] * spectrum[k] * q[j * n + k] }
      a[i * n + j] = s
      a[j * n + i] = s
    }
  }
  return DenseSymmetricMatrix(dimension: n, entries: a)
}

/// The quadratic `½ xᵀAx` as an objective (gradient `Ax`), with or without its exact Hessian.
func quadratic(_ a: DenseSymmetricMatrix, exactHessian: Bool) -> ClosureObjective<Double> {
  let n = a.dimension
  let entries = a.entries
  let valueAndGradient: ClosureObjective<Double>.ValueAndGradient = { x, g in
    var f = 0.0
    for i in 0..<n {
      var s = 0.0
      for j in 0..<n { s += entries[i * n + j] * x[j] }
      g[i] = s
      f += 0.5 * x[i] * s
    }
    return f
  }
  if exactHessian {
    return ClosureObjective(
      dimension: n, hessian: { _, h in for i in 0..<(n * n) { h[i] = entries[i] } }, valueAndGradient: valueAndGradient)
  }
  return ClosureObjective(dimension: n, valueAndGradient: valueAndGradient)
}

func relativeError(_ a: Double, _ b: Double, scale: Double? = nil) -> Double {
  (a - b).magnitude / (scale ?? Swift.max(b.magnitude, Double.leastNormalMagnitude))
}
