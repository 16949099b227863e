import RealModule

/// Small reductions over flat parameter vectors used throughout Descent.
///
/// They take buffer pointers so callers can pass views into larger buffers without copying.
public enum VectorMath {
  /// `Σ aᵢ bᵢ`, accumulated in the order of the indices.
  @inlinable
  public static func dot<S: DescentScalar>(_ a: UnsafeBufferPointer<S>, _ b: UnsafeBufferPointer<S>) -> S {
    precondition(a.count == b.count, "dot: lengths differ (\(a.count) vs \(b.count))")
    var s: S = 0
    for i in 0..<a.count { s += a[i] * b[i] }
    return s
  }

  /// The Euclidean norm `‖a‖₂`, computed with scaling so that it neither overflows nor
  /// underflows for finite inputs (like LAPACK's `nrm2`). Returns NaN if any entry is NaN
  /// and +∞ if any entry is infinite.
  @inlinable
  public static func norm<S: DescentScalar>(_ a: UnsafeBufferPointer<S>) -> S {
    var scale: S = 0
    var ssq: S = 1
    for v in a {
      if v.isNaN { return .nan }
      if v.isInfinite { return .infinity }
      if v != 0 {
        let m = v.magnitude
        if scale < m {
          let r = scale / m
          ssq = 1 + ssq * r * r
          scale = m
        } else {
          let r = m / scale
          ssq += r * r
        }
      }
    }
    return scale * ssq.squareRoot()
  }

  /// `‖a‖₂` of an array.
  @inlinable
  public static func norm<S: DescentScalar>(_ a: [S]) -> S {
    a.withUnsafeBufferPointer { norm($0) }
  }

  /// `‖a − b‖₂`.
  @inlinable
  public static func distance<S: DescentScalar>(_ a: [S], _ b: [S]) -> S {
    precondition(a.count == b.count, "distance: lengths differ (\(a.count) vs \(b.count))")
    var d = [S](repeating: 0, count: a.count)
    for i in 0..<a.count { d[i] = a[i] - b[i] }
    return norm(d)
  }

  /// True when every entry is finite.
  @inlinable
  public static func allFinite<S: DescentScalar>(_ a: UnsafeBufferPointer<S>) -> Bool {
    for v in a where !v.isFinite { return false }
    return true
  }
}
