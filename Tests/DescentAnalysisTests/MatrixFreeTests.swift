import DescentCore
import Testing

@testable import DescentAnalysis

@Suite("Lanczos, Hutchinson and stochastic Lanczos quadrature")
struct MatrixFreeTests {
  /// An indefinite spectrum like a Hessian near a saddle: a few negative eigenvalues, a bulk
  /// near zero and outliers.
  static func saddleSpectrum(_ n: Int, seed: UInt64) -> [Double] {
    var random = SeededGenerator(seed: seed)
    return (0..<n).map { i in
      if i < 3 { return -0.5 * Double(i + 1) }
      if i >= n - 3 { return 20 + 10 * Double(i - n + 3) }
      return random.uniform(in: 0...2)
    }
  }

  @Test("Lanczos finds λmin (most negative) and λmax of a 150×150 matrix to 1e-10·‖A‖, with their vectors")
  func lanczosExtremes() {
    let a = matrixWithSpectrum(Self.saddleSpectrum(150, seed: 1), seed: 2)
    let dense = a.eigen
    let result = Lanczos.extremeEigenpairs(of: a)
    let norm = dense.spectralNorm
    #expect(result.converged)
    #expect(result.iterations < 150)
    #expect(relativeError(result.smallest.value, dense.minEigenvalue, scale: norm) <= 1e-10)
    #expect(relativeError(result.largest.value, dense.maxEigenvalue, scale: norm) <= 1e-10)
    #expect(result.smallest.value < -1.4)  // −1.5, not the largest-magnitude 40
    // Vectors agree with the dense eigenvectors up to sign.
    let vMin = dense.eigenvector(0)
    let vMax = dense.eigenvector(149)
    let dotMin = zip(vMin, result.smallest.vector).reduce(0) { $0 + $1.0 * $1.1 }
    let dotMax = zip(vMax, result.largest.vector).reduce(0) { $0 + $1.0 * $1.1 }
    #expect(1 - dotMin.magnitude <= 1e-9)
    #expect(1 - dotMax.magnitude <= 1e-9)
    // The reported residual is the true one.
    let r = a.apply(result.smallest.vector)
    let trueResidual = VectorMath.norm(zip(r, result.smallest.vector).map { $0 - result.smallest.value * $1 })
    #expect(trueResidual <= 1e-9 * norm)
  }

  @Test("Lanczos through finite-difference HVPs of a quadratic objective agrees to 1e-6·‖H‖")
  func lanczosFiniteDifferenceHVP() {
    let a = matrixWithSpectrum(Self.saddleSpectrum(60, seed: 3), seed: 4)
    let f = quadratic(a, exactHessian: false)
    var random = SeededGenerator(seed: 5)
    let x = (0..<60).map { _ in random.uniform(in: -1...1) }
    let op = HessianOperator(f, at: x)
    #expect(op.denseHessian == nil)
    let result = Lanczos.extremeEigenpairs(of: op, tolerance: 1e-7)
    let dense = a.eigen
    #expect(relativeError(result.smallest.value, dense.minEigenvalue, scale: dense.spectralNorm) <= 1e-6)
    #expect(relativeError(result.largest.value, dense.maxEigenvalue, scale: dense.spectralNorm) <= 1e-6)
  }

  @Test("Lanczos on a 2×2 matrix stops when the Krylov space is exhausted and is exact")
  func lanczosTiny() {
    let a = DenseSymmetricMatrix(dimension: 2, entries: [2, 1, 1, 2])
    let result = Lanczos.extremeEigenpairs(of: a)
    #expect(result.converged)
    #expect(result.iterations == 2)
    #expect(relativeError(result.smallest.value, 1) <= 1e-14)
    #expect(relativeError(result.largest.value, 3) <= 1e-14)
  }

  @Test("Lanczos through a Float objective's HVPs")
  func lanczosFloat() {
    let f = ClosureObjective<Float>(dimension: 2) { x, g in
      g[0] = 2 * x[0]
      g[1] = -6 * x[1]
      return x[0] * x[0] - 3 * x[1] * x[1]
    }
    let result = Lanczos.extremeEigenpairs(of: HessianOperator(f, at: [0.5, 0.5]))
    #expect(relativeError(result.smallest.value, -6) <= 1e-3)
    #expect(relativeError(result.largest.value, 2) <= 1e-3)
  }

  @Test("Hutchinson's trace is within 4 standard deviations of the exact trace, which it estimates honestly")
  func hutchinson() {
    let a = matrixWithSpectrum(Self.saddleSpectrum(100, seed: 6), seed: 7)
    let n = 100
    let exact = a.trace
    // Var(zᵀAz) = 2 Σ_{i≠j} Aᵢⱼ² for Rademacher z.
    var offDiagonal = 0.0
    for i in 0..<n { for j in 0..<n where i != j { offDiagonal += a.entries[i * n + j] * a.entries[i * n + j] } }
    let m = 400
    let sigma = (2 * offDiagonal / Double(m)).squareRoot()
    let estimate = HutchinsonTrace(of: a, probes: m, seed: 8)
    #expect(estimate.probes == m)
    #expect((estimate.trace - exact).magnitude <= 4 * sigma, "estimate \(estimate.trace), exact \(exact), σ \(sigma)")
    #expect(estimate.standardError >= 0.7 * sigma && estimate.standardError <= 1.3 * sigma)
    // Same seed, same estimate; another seed, another one.
    #expect(HutchinsonTrace(of: a, probes: m, seed: 8) == estimate)
    #expect(HutchinsonTrace(of: a, probes: m, seed: 9).trace != estimate.trace)
  }

  @Test("Hutchinson is exact on a diagonal operator (zero variance)")
  func hutchinsonDiagonal() {
    let f = ClosureObjective<Double>(dimension: 3) { x, g in
      g[0] = 2 * x[0]; g[1] = 4 * x[1]; g[2] = -6 * x[2]
      return x[0] * x[0] + 2 * x[1] * x[1] - 3 * x[2] * x[2]
    }
    let estimate = HutchinsonTrace(of: HessianOperator(f, at: [0.1, 0.2, 0.3]), probes: 5)
    #expect(relativeError(estimate.trace, 0, scale: 6) <= 1e-8)
    #expect(estimate.standardError <= 1e-8)
  }

  @Test("SLQ density integrates to 1 and matches the histogram of the true eigenvalues")
  func spectralDensity() {
    let n = 200
    var random = SeededGenerator(seed: 10)
    // A bulk near zero, a second bump and outliers, as in neural-network Hessians.
    let spectrum = (0..<n).map { i -> Double in
      if i < 120 { return random.uniform(in: -0.5...1) }
      if i < 195 { return 4 + random.normal() * 0.5 }
      return 10 + Double(i - 195)
    }
    let a = matrixWithSpectrum(spectrum, seed: 11)
    let slq = SpectralDensity(of: a, probes: 10, lanczosSteps: 60, seed: 12)
    #expect((slq.integral - 1).magnitude <= 1e-6)
    for w in slq.weights { #expect((w.reduce(0, +) - 1).magnitude <= 1e-12) }
    // The true density with the same broadening: (1/n) Σᵢ φσ(t − λᵢ).
    let sigma = slq.bandwidth
    let truth = slq.grid.map { t in
      spectrum.reduce(0) { $0 + Double.exp(-0.5 * (t - $1) * (t - $1) / (sigma * sigma)) }
        / (Double(n) * sigma * (2 * Double.pi).squareRoot())
    }
    // Histogram on 10 bins: SLQ's mass per bin vs the true eigenvalues' mass, both broadened
    // alike, and (looser: quadrature nodes are not eigenvalues) the raw count per bin.
    let lo = spectrum.min()! - 1e-9
    let hi = spectrum.max()! + 1e-9
    let width = (hi - lo) / 10
    var worstBroadened = 0.0
    var worstRaw = 0.0
    for b in 0..<10 {
      let range = (lo + Double(b) * width)...(lo + Double(b + 1) * width)
      var mass = 0.0
      var trueMass = 0.0
      for i in 1..<slq.grid.count where range.contains(slq.grid[i]) && range.contains(slq.grid[i - 1]) {
        let dt = slq.grid[i] - slq.grid[i - 1]
        mass += dt * (slq.density[i] + slq.density[i - 1]) / 2
        trueMass += dt * (truth[i] + truth[i - 1]) / 2
      }
      worstBroadened = Swift.max(worstBroadened, (mass - trueMass).magnitude)
      let count = Double(spectrum.filter { range.contains($0) }.count) / Double(n)
      worstRaw = Swift.max(worstRaw, (slq.fraction(in: range) - count).magnitude)
    }
    #expect(worstBroadened <= 0.02, "largest bin error \(worstBroadened)")
    #expect(worstRaw <= 0.05, "largest raw bin error \(worstRaw)")
    // The first two moments (1/n) tr A and (1/n) tr A² are exact in expectation (Gauss
    // quadrature with 60 nodes is exact for degree < 120); check them within 4 standard
    // deviations of the probe average, σ² = 2 Σ_{i≠j} Bᵢⱼ² / (n² m) for B = A, A²
    // (normalized Rademacher probes).
    func sampling(_ b: [Double]) -> Double {
      var off = 0.0
      for i in 0..<n { for j in 0..<n where i != j { off += b[i * n + j] * b[i * n + j] } }
      return (2 * off / Double(n * n * 10)).squareRoot()
    }
    var a2 = [Double](repeating: 0, count: n * n)
    for i in 0..<n { for k in 0..<n { let aik = a.entries[i * n + k]; for j in 0..<n { a2[i * n + j] += aik * a.entries[k * n + j] } } }
    let mean = spectrum.reduce(0, +) / Double(n)
    let second = spectrum.reduce(0) { $0 + $1 * $1 } / Double(n)
    #expect((slq.moment(1) - mean).magnitude <= 4 * sampling(a.entries))
    #expect((slq.moment(2) - second).magnitude <= 4 * sampling(a2))
    // The extreme nodes reach the true extremes (Lanczos converges there first).
    #expect(relativeError(slq.nodes.map { $0.last! }.max()!, spectrum.max()!) <= 1e-8)
  }

  @Test("The dense Hessian is exact when the objective has one and matches it to 1e-7 from HVPs otherwise")
  func denseHessian() {
    let a = matrixWithSpectrum([-2, 0.5, 1, 3, 7], seed: 13)
    let x = [0.3, -0.2, 0.1, 0.5, -0.4]
    let exact = HessianMatrix(of: quadratic(a, exactHessian: true), at: x)
    #expect(exact.isExact)
    #expect(exact.entries == a.entries)
    let assembled = HessianMatrix(of: quadratic(a, exactHessian: false), at: x)
    #expect(!assembled.isExact)
    let error = zip(assembled.entries, a.entries).map { ($0 - $1).magnitude }.max()!
    #expect(error <= 1e-7 * 7)
    #expect(assembled.rows.count == 5)
  }
}
