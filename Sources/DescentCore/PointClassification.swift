/// The second-order test at a point: the Hessian's eigenvalues and what they say the point is.
///
/// ```
/// τ = relativeTolerance · max(‖H‖₂, curvatureScale)
/// saddle      if some λ < −τ and some λ > τ     (indefinite: decided even with zero eigenvalues)
/// degenerate  else if some |λ| ≤ τ              (the second-order test cannot decide)
/// minimum     else if every λ > τ
/// maximum     else (every λ < −τ)
/// ```
///
/// A minimize run attaches one to its result when it stops on a convergence reason (see
/// `MinimizationResult.finalPoint`), so a saddle that looks like convergence is reported as
/// a saddle, with the direction to escape along. The critical-point atlas classifies every
/// point it finds the same way.
///
/// The tolerance is relative so that scaling `f` does not change the answer; the optional
/// `curvatureScale` (for example the largest Hessian norm seen over a search box) makes
/// eigenvalues that are tiny compared with the function's curvature elsewhere count as
/// zero, as at the monkey saddle `x³ − 3xy²`, where `H = 0` at the origin but a point found
/// to within `δ` of it has eigenvalues `±6δ`.
public struct PointClassification: Codable, Sendable, Equatable {
  /// Minimum, maximum, saddle or degenerate.
  public var kind: PointKind
  /// The Hessian's eigenvalues, ascending.
  public var eigenvalues: [Double]
  /// `λmin`, the smallest eigenvalue (the most negative one at a saddle).
  public var minEigenvalue: Double
  /// `λmax`, the largest eigenvalue.
  public var maxEigenvalue: Double
  /// The unit eigenvector of `λmin` when `λmin < −τ` (saddles and maxima), `nil` otherwise:
  /// `f(x ± t·d) ≈ f(x) + ½ λmin t²` decreases along it, so it is the way out of a saddle.
  public var escapeDirection: [Double]?
  /// `τ`: eigenvalues with `|λ| ≤ τ` count as zero.
  public var tolerance: Double
  /// True when the Hessian was exact, false when it came from finite differences.
  public var hessianIsExact: Bool

  public init(
    kind: PointKind, eigenvalues: [Double], escapeDirection: [Double]?, tolerance: Double,
    hessianIsExact: Bool
  ) {
    self.kind = kind
    self.eigenvalues = eigenvalues
    self.minEigenvalue = eigenvalues.first ?? .nan
    self.maxEigenvalue = eigenvalues.last ?? .nan
    self.escapeDirection = escapeDirection
    self.tolerance = tolerance
    self.hessianIsExact = hessianIsExact
  }

  /// The default relative tolerance, `1e-6`: well above the error of finite-difference
  /// Hessians (about `1e-8` relative, see ``FiniteDifference``) and well below the
  /// eigenvalue ratios of the classic test functions (Rosenbrock's minimum has `κ ≈ 2,500`).
  public static let defaultRelativeTolerance = 1e-6

  /// Largest dimension for which a run's final point is classified with a
  /// finite-difference Hessian (`2n` gradient evaluations and an `O(n³)` eigensolve).
  public static let finiteDifferenceDimensionLimit = 100

  /// Largest dimension for which a run's final point is classified with an exact Hessian
  /// (the `O(n³)` eigensolve takes about 0.1 s at this size). Larger problems are analysed
  /// matrix-free with Lanczos (`DescentAnalysis`).
  public static let exactHessianDimensionLimit = 300

  /// Classifies from the eigendecomposition of a symmetric Hessian.
  /// Returns `nil` when the Hessian has a NaN or infinite entry.
  public static func classify(
    _ eigen: SymmetricEigen, relativeTolerance: Double = defaultRelativeTolerance,
    curvatureScale: Double = 0, hessianIsExact: Bool
  ) -> PointClassification? {
    guard eigen.isFinite else { return nil }
    return classify(
      eigenvalues: eigen.eigenvalues, minEigenvector: eigen.eigenvector(0), relativeTolerance: relativeTolerance,
      curvatureScale: curvatureScale, hessianIsExact: hessianIsExact)
  }

  /// Classifies from eigenvalues (ascending) and the unit eigenvector of the smallest.
  ///
  /// The extremes `λmin`, `λmax` alone decide the kind (what Lanczos gives for large `n`):
  /// a zero eigenvalue of a matrix that is not indefinite is necessarily `λmin` or `λmax`.
  /// Returns `nil` when an eigenvalue is NaN or infinite.
  public static func classify(
    eigenvalues values: [Double], minEigenvector: [Double], relativeTolerance: Double = defaultRelativeTolerance,
    curvatureScale: Double = 0, hessianIsExact: Bool
  ) -> PointClassification? {
    precondition(!values.isEmpty, "no eigenvalues to classify")
    guard values.allSatisfy(\.isFinite) else { return nil }
    let spectralNorm = Swift.max(values[0].magnitude, values[values.count - 1].magnitude)
    let tolerance = relativeTolerance * Swift.max(spectralNorm, curvatureScale)
    let negative = values.contains { $0 < -tolerance }
    let positive = values.contains { $0 > tolerance }
    let zero = values.contains { $0.magnitude <= tolerance }
    let kind: PointKind =
      if negative && positive { .saddle } else if zero { .degenerate } else if positive { .minimum } else {
        .maximum
      }
    return PointClassification(
      kind: kind, eigenvalues: values, escapeDirection: negative ? minEigenvector : nil, tolerance: tolerance,
      hessianIsExact: hessianIsExact)
  }

  /// Classifies a row-major `n × n` Hessian. Returns `nil` when it has a NaN or infinite entry.
  public static func classify<S: DescentScalar>(
    hessian: [S], dimension: Int, relativeTolerance: Double = defaultRelativeTolerance,
    curvatureScale: Double = 0, hessianIsExact: Bool
  ) -> PointClassification? {
    classify(
      SymmetricEigen(symmetric: hessian, dimension: dimension), relativeTolerance: relativeTolerance,
      curvatureScale: curvatureScale, hessianIsExact: hessianIsExact)
  }
}

extension Objective {
  /// The second-order test at `x` with this objective's Hessian (exact when
  /// ``hasExactHessian``, otherwise by finite differences of the gradient). Returns `nil`
  /// when the Hessian is not finite there.
  public func classifyPoint(
    at x: [Scalar], relativeTolerance: Double = PointClassification.defaultRelativeTolerance,
    curvatureScale: Double = 0
  ) -> PointClassification? {
    PointClassification.classify(
      hessian: hessian(at: x), dimension: dimension, relativeTolerance: relativeTolerance,
      curvatureScale: curvatureScale, hessianIsExact: hasExactHessian)
  }
}
