import DescentAnalysis
import DescentCore

/// The curvature of a model's loss at given weights: the top Hessian eigenvalues, the
/// trace and the eigenvalue density, all from Hessian-vector products (PyHessian's
/// `eigenvalues`, `trace` and `density`; Yao, Gholami, Keutzer & Mahoney 2020).
///
/// ```
/// top eigenvalues   Lanczos with full reorthogonalization (Lanczos.largestEigenvalues)
/// trace             Hutchinson: tr H ≈ (1/m) Σₚ zₚᵀ H zₚ, Rademacher zₚ (± its standard error)
/// density           stochastic Lanczos quadrature, Gaussian-broadened (SpectralDensity)
/// ```
///
/// The products are exact for a ``NetworkObjective`` (the R-operator); with
/// ``Options/denseLimit`` or fewer parameters the Hessian is assembled exactly from `n`
/// products and fully diagonalized instead, so the eigenvalues and the trace are exact
/// (the density still comes from SLQ on that matrix, the same estimator as large models).
public struct HessianSpectrum: Codable, Sendable, Equatable {
  /// How the eigenvalues and the trace were found.
  public enum Method: String, Codable, Sendable {
    /// The Hessian was formed and diagonalized: exact eigenvalues and trace.
    case dense
    /// Matrix-free: Lanczos, Hutchinson and SLQ on Hessian-vector products.
    case lanczos
  }

  /// What to compute.
  public struct Options: Codable, Sendable, Equatable {
    /// How many of the largest eigenvalues (default 5).
    public var topCount: Int
    /// Hutchinson probes for the trace (default 100, PyHessian's `maxIter`); 0 skips the trace.
    public var traceProbes: Int
    /// SLQ probes for the density (default 10); 0 skips the density.
    public var densityProbes: Int
    /// Lanczos steps per SLQ probe (default 80).
    public var densitySteps: Int
    /// Most Lanczos steps for the top eigenvalues (default 200).
    public var maxIterations: Int
    /// Relative residual tolerance of the top eigenvalues (default 1e-8; `Float`
    /// products reach about 1e-5).
    public var tolerance: Double
    /// Form the Hessian exactly up to this many parameters (default 512).
    public var denseLimit: Int
    /// Seed of the Lanczos start vector and the probes (default 0).
    public var seed: UInt64

    public init(
      topCount: Int = 5, traceProbes: Int = 100, densityProbes: Int = 10, densitySteps: Int = 80,
      maxIterations: Int = 200, tolerance: Double = 1e-8, denseLimit: Int = 512, seed: UInt64 = 0
    ) {
      self.topCount = topCount
      self.traceProbes = traceProbes
      self.densityProbes = densityProbes
      self.densitySteps = densitySteps
      self.maxIterations = maxIterations
      self.tolerance = tolerance
      self.denseLimit = denseLimit
      self.seed = seed
    }
  }

  /// `n`, the number of parameters.
  public var parameterCount: Int
  public var method: Method
  /// The largest eigenvalues, descending (`topEigenvalues[0] = λmax`, the sharpness).
  public var topEigenvalues: [Double]
  /// Each top eigenvalue's Lanczos residual norm `‖Hy − θy‖` (0 with ``Method/dense``).
  public var residualNorms: [Double]
  /// `λmin` (exact with ``Method/dense``; Lanczos's smallest Ritz value otherwise, an upper
  /// bound that is close once converged).
  public var smallestEigenvalue: Double
  /// Lanczos steps for the top eigenvalues (0 with ``Method/dense``).
  public var lanczosIterations: Int
  /// True when every top eigenvalue met the tolerance.
  public var converged: Bool
  /// `tr H`: exact with ``Method/dense``, else Hutchinson's estimate (nil when skipped).
  public var trace: Double?
  /// The estimate's standard error `s/√m` (0 when exact).
  public var traceStandardError: Double?
  /// Hutchinson probes used (0 when exact or skipped).
  public var traceProbes: Int
  /// The eigenvalue density by SLQ (nil when skipped).
  public var density: SpectralDensity?
  /// Hessian-vector products used in all.
  public var hessianVectorProducts: Int

  /// The spectrum of `objective`'s Hessian at `parameters`.
  public init<S: DescentScalar>(of objective: NetworkObjective<S>, at parameters: [S], options: Options = Options()) {
    let n = objective.dimension
    precondition(parameters.count == n, "point has \(parameters.count) values, the network \(n) parameters")
    precondition(options.topCount >= 1, "ask for at least one eigenvalue")
    precondition(options.traceProbes >= 0 && options.densityProbes >= 0, "probe counts must be non-negative")
    let counter = ProductCounter()
    let op = CountingOperator(base: HessianOperator(objective, at: parameters, denseLimit: 0), counter: counter)
    let top = Swift.min(options.topCount, n)
    parameterCount = n
    if n <= options.denseLimit {
      let matrix = HessianMatrix(of: objective, at: parameters)
      counter.count += n
      let eigen = matrix.eigen
      let dense = DenseSymmetricMatrix(dimension: n, entries: matrix.entries)
      method = .dense
      topEigenvalues = (0..<top).map { eigen.eigenvalues[n - 1 - $0] }
      residualNorms = Array(repeating: 0, count: top)
      smallestEigenvalue = eigen.eigenvalues[0]
      lanczosIterations = 0
      converged = true
      trace = options.traceProbes > 0 ? dense.trace : nil
      traceStandardError = options.traceProbes > 0 ? 0 : nil
      traceProbes = 0
      density =
        options.densityProbes > 0
        ? SpectralDensity(of: dense, probes: options.densityProbes, lanczosSteps: options.densitySteps, seed: options.seed)
        : nil
    } else {
      let largest = Lanczos.largestEigenvalues(
        of: op, count: top, maxIterations: options.maxIterations, tolerance: options.tolerance, seed: options.seed)
      method = .lanczos
      topEigenvalues = largest.values
      residualNorms = largest.residualNorms
      smallestEigenvalue = largest.smallest
      lanczosIterations = largest.iterations
      converged = largest.converged
      if options.traceProbes > 0 {
        let estimate = HutchinsonTrace(of: op, probes: options.traceProbes, seed: options.seed)
        trace = estimate.trace
        traceStandardError = estimate.standardError
        traceProbes = estimate.probes
      } else {
        trace = nil
        traceStandardError = nil
        traceProbes = 0
      }
      density =
        options.densityProbes > 0
        ? SpectralDensity(of: op, probes: options.densityProbes, lanczosSteps: options.densitySteps, seed: options.seed)
        : nil
    }
    hessianVectorProducts = counter.count
  }

  /// `2/λmax`: gradient descent with a larger fixed rate diverges along the top
  /// eigenvector of a quadratic (nil when `λmax ≤ 0`).
  public var stableLearningRate: Double? { topEigenvalues[0] > 0 ? 2 / topEigenvalues[0] : nil }
}

/// Counts operator products (the analysis runs on one thread).
final class ProductCounter: @unchecked Sendable {
  var count = 0
}

/// An operator that counts its products.
struct CountingOperator<Base: SymmetricLinearOperator>: SymmetricLinearOperator {
  let base: Base
  let counter: ProductCounter
  var dimension: Int { base.dimension }
  func apply(_ v: UnsafeBufferPointer<Double>, into result: UnsafeMutableBufferPointer<Double>) {
    counter.count += 1
    base.apply(v, into: result)
  }
}
