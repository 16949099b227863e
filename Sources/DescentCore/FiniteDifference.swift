import RealModule

/// Central finite differences: gradient checks for users, and the fallback Hessian and
/// Hessian-vector product for objectives that only have a gradient.
///
/// ## Step size
/// A central difference `(f(x+h) − f(x−h)) / 2h` has truncation error `≈ h²|f‴|/6` and
/// rounding error `≈ ε|f|/h` (ε the unit roundoff). Balancing the two gives
/// `h ≈ ∛(3ε|f|/|f‴|)`; without knowledge of `f‴` the standard choice (Nocedal & Wright
/// §8.1) is `h = ∛ε · max(1, |xᵢ|)` per coordinate: relative to the coordinate's size so
/// that large coordinates get steps that still change them, never below `∛ε` so that
/// coordinates at zero get a usable step. For `Double` that is `h ≈ 6.1e-6 · max(1, |xᵢ|)`,
/// and the difference is accurate to about `ε^(2/3) ≈ 4e-11` relative.
/// Each step is also rounded so that `x + h` and `x − h` are exactly representable
/// distances from `x` (`h = (x + h) − x`), which removes one source of rounding error.
public enum FiniteDifference {
  /// The per-coordinate step `∛ε · max(1, |xᵢ|)`, made exactly representable.
  @inlinable
  public static func step<S: DescentScalar>(for xi: S) -> S {
    let base = S.root(S.ulpOfOne, 3) * Swift.max(1, xi.magnitude)
    return (xi + base) - xi
  }

  /// Central-difference gradient of `f` at `x`, written into `gradient`. Costs `2n`
  /// evaluations of `f`.
  public static func gradient<O: Objective>(
    of f: O, at x: UnsafeBufferPointer<O.Scalar>, into gradient: UnsafeMutableBufferPointer<O.Scalar>
  ) {
    let n = f.dimension
    var xp = Array(x)
    xp.withUnsafeMutableBufferPointer { p in
      for i in 0..<n {
        let xi = p[i]
        let h = step(for: xi)
        p[i] = xi + h
        let fp = f.value(at: UnsafeBufferPointer(p))
        p[i] = xi - h
        let fm = f.value(at: UnsafeBufferPointer(p))
        p[i] = xi
        gradient[i] = (fp - fm) / (2 * h)
      }
    }
  }

  /// Hessian by central differences of the gradient, column by column, then symmetrized:
  /// `H[:, j] ≈ (∇f(x + hⱼeⱼ) − ∇f(x − hⱼeⱼ)) / 2hⱼ`. Costs `2n` gradient evaluations.
  public static func hessian<O: Objective>(
    of f: O, at x: UnsafeBufferPointer<O.Scalar>, into hessian: UnsafeMutableBufferPointer<O.Scalar>
  ) {
    typealias S = O.Scalar
    let n = f.dimension
    var xp = Array(x)
    var gp = [S](repeating: 0, count: n)
    var gm = [S](repeating: 0, count: n)
    for j in 0..<n {
      let xj = xp[j]
      let h = step(for: xj)
      xp[j] = xj + h
      _ = f.value(at: xp, gradient: &gp)
      xp[j] = xj - h
      _ = f.value(at: xp, gradient: &gm)
      xp[j] = xj
      for i in 0..<n { hessian[i * n + j] = (gp[i] - gm[i]) / (2 * h) }
    }
    for i in 0..<n {
      for j in (i + 1)..<Swift.max(i + 1, n) {
        let s = (hessian[i * n + j] + hessian[j * n + i]) / 2
        hessian[i * n + j] = s
        hessian[j * n + i] = s
      }
    }
  }

  /// Hessian-vector product by a central difference of gradients along `v`:
  /// `H·v ≈ (∇f(x + hv) − ∇f(x − hv)) / 2h` with `h = ∛ε · max(1, ‖x‖) / ‖v‖`, so the
  /// displacement `hv` has the size a coordinate step would have. Costs 2 gradient
  /// evaluations; accurate to about `ε^(2/3)` relative for smooth `f`.
  public static func hessianVectorProduct<O: Objective>(
    of f: O, at x: UnsafeBufferPointer<O.Scalar>, direction v: UnsafeBufferPointer<O.Scalar>,
    into result: UnsafeMutableBufferPointer<O.Scalar>
  ) {
    typealias S = O.Scalar
    let n = f.dimension
    let vNorm = VectorMath.norm(v)
    if vNorm == 0 || !vNorm.isFinite {
      for i in 0..<n { result[i] = vNorm == 0 ? 0 : .nan }
      return
    }
    let h = S.root(S.ulpOfOne, 3) * Swift.max(1, VectorMath.norm(x)) / vNorm
    var xp = [S](repeating: 0, count: n)
    var gp = [S](repeating: 0, count: n)
    var gm = [S](repeating: 0, count: n)
    for i in 0..<n { xp[i] = x[i] + h * v[i] }
    _ = f.value(at: xp, gradient: &gp)
    for i in 0..<n { xp[i] = x[i] - h * v[i] }
    _ = f.value(at: xp, gradient: &gm)
    for i in 0..<n { result[i] = (gp[i] - gm[i]) / (2 * h) }
  }
}

/// The outcome of comparing an objective's gradient with central differences.
public struct GradientCheck<Scalar: DescentScalar>: Sendable, Codable {
  /// One coordinate's comparison.
  public struct Entry: Sendable, Codable {
    public var index: Int
    public var analytic: Scalar
    public var numeric: Scalar
    /// `|analytic − numeric|`.
    public var absoluteError: Scalar
    /// `|analytic − numeric| / max(|analytic|, |numeric|, 1)`: relative for large
    /// components, absolute for components below 1 (where finite differences cannot
    /// resolve a relative error).
    public var relativeError: Scalar
  }

  public var point: [Scalar]
  public var value: Scalar
  public var entries: [Entry]
  public var tolerance: Scalar
  /// The largest ``Entry/relativeError``.
  public var maxRelativeError: Scalar { entries.map(\.relativeError).max() ?? 0 }
  /// True when every entry's relative error is within `tolerance` and finite.
  public var passed: Bool { entries.allSatisfy { $0.relativeError <= tolerance } }
}

extension Objective {
  /// Compares `∇f(x)` with central finite differences (see ``FiniteDifference`` for the
  /// step). Default tolerance `1e-6` for `Double`, `1e-2` for `Float`.
  public func checkGradient(at x: [Scalar], tolerance: Scalar? = nil) -> GradientCheck<Scalar> {
    precondition(x.count == dimension, "point has \(x.count) coordinates, objective has \(dimension)")
    var analytic = [Scalar](repeating: 0, count: dimension)
    let f = value(at: x, gradient: &analytic)
    var numeric = [Scalar](repeating: 0, count: dimension)
    x.withUnsafeBufferPointer { xp in
      numeric.withUnsafeMutableBufferPointer { FiniteDifference.gradient(of: self, at: xp, into: $0) }
    }
    let tol = tolerance ?? (Scalar.significandBitCount > 30 ? 1e-6 : 1e-2)
    let entries = (0..<dimension).map { i -> GradientCheck<Scalar>.Entry in
      let a = analytic[i]
      let n = numeric[i]
      let err = (a - n).magnitude
      let rel = err / Swift.max(a.magnitude, n.magnitude, 1)
      return .init(index: i, analytic: a, numeric: n, absoluteError: err, relativeError: rel.isNaN ? .infinity : rel)
    }
    return GradientCheck(point: x, value: f, entries: entries, tolerance: tol)
  }
}
