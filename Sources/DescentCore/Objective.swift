import RealModule

/// A function to minimize: `f: ℝⁿ → ℝ` with its gradient and, optionally, its Hessian.
///
/// The contract every part of Descent relies on:
/// - Points and gradients are flat, contiguous vectors of `dimension` scalars.
/// - `value(at:gradient:)` writes the gradient into a buffer the caller owns and returns
///   the value; conforming types must not allocate on this path.
/// - Objectives are values: evaluating does not change them. Counting evaluations is the
///   job of ``CountedObjective`` (the minimize loop wraps every objective in one).
/// - Non-finite results are allowed (a divergent run reaches them); callers check.
///
/// Hessians are row-major `n × n`. An objective that knows its Hessian exactly sets
/// ``hasExactHessian`` and implements ``hessian(at:into:)``; the default
/// ``hessianVectorProduct(at:direction:into:)`` then multiplies by it. Objectives that only
/// have a gradient get finite-difference Hessians and HVPs from the defaults
/// (see ``FiniteDifference``).
public protocol Objective<Scalar>: Sendable {
  associatedtype Scalar: DescentScalar

  /// Number of parameters `n`.
  var dimension: Int { get }

  /// `f(x)`.
  func value(at x: UnsafeBufferPointer<Scalar>) -> Scalar

  /// `f(x)`, writing `∇f(x)` into `gradient` (length `dimension`).
  func value(at x: UnsafeBufferPointer<Scalar>, gradient: UnsafeMutableBufferPointer<Scalar>)
    -> Scalar

  /// True when ``hessian(at:into:)`` is exact (symbolic or hand-written) rather than a
  /// finite-difference approximation.
  var hasExactHessian: Bool { get }

  /// Writes `∇²f(x)` row-major into `hessian` (length `dimension²`).
  func hessian(at x: UnsafeBufferPointer<Scalar>, into hessian: UnsafeMutableBufferPointer<Scalar>)

  /// Writes `∇²f(x) · v` into `result`.
  func hessianVectorProduct(
    at x: UnsafeBufferPointer<Scalar>, direction v: UnsafeBufferPointer<Scalar>,
    into result: UnsafeMutableBufferPointer<Scalar>)
}

extension Objective {
  public var hasExactHessian: Bool { false }

  /// Default Hessian: exact objectives must override this; others get central differences
  /// of the gradient, symmetrized (see ``FiniteDifference/hessian(of:at:into:)``).
  public func hessian(
    at x: UnsafeBufferPointer<Scalar>, into hessian: UnsafeMutableBufferPointer<Scalar>
  ) {
    precondition(
      !hasExactHessian,
      "\(Self.self) sets hasExactHessian but does not implement hessian(at:into:)")
    FiniteDifference.hessian(of: self, at: x, into: hessian)
  }

  /// Default HVP: `H·v` from the exact Hessian when there is one (O(n²) scratch, on the
  /// stack for moderate n — fine for the small n where exact Hessians exist), otherwise a
  /// central difference of gradients along `v` (see
  /// ``FiniteDifference/hessianVectorProduct(of:at:direction:into:)``).
  public func hessianVectorProduct(
    at x: UnsafeBufferPointer<Scalar>, direction v: UnsafeBufferPointer<Scalar>,
    into result: UnsafeMutableBufferPointer<Scalar>
  ) {
    let n = dimension
    if hasExactHessian {
      precondition(v.count == n && result.count >= n, "direction and result need \(n) entries")
      withUnsafeTemporaryAllocation(of: Scalar.self, capacity: n * n) { h in
        hessian(at: x, into: h)
        for i in 0..<n {
          var s: Scalar = 0
          for j in 0..<n { s += h[i * n + j] * v[j] }
          result[i] = s
        }
      }
    } else {
      FiniteDifference.hessianVectorProduct(of: self, at: x, direction: v, into: result)
    }
  }
}

// MARK: - Array conveniences (allocate; for users and tests, not hot loops)

extension Objective {
  /// `f(x)` for an array.
  public func value(at x: [Scalar]) -> Scalar {
    precondition(x.count == dimension, "point has \(x.count) coordinates, objective has \(dimension)")
    return x.withUnsafeBufferPointer { value(at: $0) }
  }

  /// `f(x)`, writing `∇f(x)` into `gradient` (resized if needed).
  public func value(at x: [Scalar], gradient: inout [Scalar]) -> Scalar {
    precondition(x.count == dimension, "point has \(x.count) coordinates, objective has \(dimension)")
    if gradient.count != dimension { gradient = [Scalar](repeating: 0, count: dimension) }
    return x.withUnsafeBufferPointer { xp in
      gradient.withUnsafeMutableBufferPointer { value(at: xp, gradient: $0) }
    }
  }

  /// `∇f(x)` as a new array.
  public func gradient(at x: [Scalar]) -> [Scalar] {
    var g = [Scalar](repeating: 0, count: dimension)
    _ = value(at: x, gradient: &g)
    return g
  }

  /// `∇²f(x)` as a new row-major array of `n²` entries.
  public func hessian(at x: [Scalar]) -> [Scalar] {
    precondition(x.count == dimension, "point has \(x.count) coordinates, objective has \(dimension)")
    var h = [Scalar](repeating: 0, count: dimension * dimension)
    x.withUnsafeBufferPointer { xp in h.withUnsafeMutableBufferPointer { hessian(at: xp, into: $0) } }
    return h
  }

  /// `∇²f(x)·v` as a new array.
  public func hessianVectorProduct(at x: [Scalar], direction v: [Scalar]) -> [Scalar] {
    precondition(x.count == dimension && v.count == dimension, "length mismatch")
    var r = [Scalar](repeating: 0, count: dimension)
    x.withUnsafeBufferPointer { xp in
      v.withUnsafeBufferPointer { vp in
        r.withUnsafeMutableBufferPointer { hessianVectorProduct(at: xp, direction: vp, into: $0) }
      }
    }
    return r
  }
}
