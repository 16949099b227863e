import DescentCore

/// A symmetric matrix known only through its products `v ↦ A·v`: what Lanczos, Hutchinson's
/// trace estimator and stochastic Lanczos quadrature need, so they work on Hessians too large
/// to form (see ``HessianOperator``) as well as on explicit matrices
/// (``DenseSymmetricMatrix``).
public protocol SymmetricLinearOperator: Sendable {
  /// `n`, the size of the vectors.
  var dimension: Int { get }
  /// Writes `A·v` into `result` (both of length ``dimension``).
  func apply(_ v: UnsafeBufferPointer<Double>, into result: UnsafeMutableBufferPointer<Double>)
}

/// An explicit symmetric `n × n` matrix, row-major, as a ``SymmetricLinearOperator``.
public struct DenseSymmetricMatrix: SymmetricLinearOperator, Equatable {
  public let dimension: Int
  /// Row-major entries (`n²`).
  public let entries: [Double]

  public init(dimension: Int, entries: [Double]) {
    precondition(dimension > 0, "dimension must be positive")
    precondition(entries.count == dimension * dimension, "expected \(dimension * dimension) entries, found \(entries.count)")
    self.dimension = dimension
    self.entries = entries
  }

  /// - Complexity: `O(n²)`, no allocation.
  public func apply(_ v: UnsafeBufferPointer<Double>, into result: UnsafeMutableBufferPointer<Double>) {
    let n = dimension
    entries.withUnsafeBufferPointer { a in
      for i in 0..<n {
        var s = 0.0
        let row = i * n
        for j in 0..<n { s += a[row + j] * v[j] }
        result[i] = s
      }
    }
  }

  /// The eigendecomposition (see ``SymmetricEigen``).
  public var eigen: SymmetricEigen { SymmetricEigen(symmetric: entries, dimension: dimension) }

  /// `tr A`.
  public var trace: Double { (0..<dimension).reduce(0) { $0 + entries[$1 * dimension + $1] } }
}

extension SymmetricLinearOperator {
  /// `A·v` as a new array.
  public func apply(_ v: [Double]) -> [Double] {
    precondition(v.count == dimension, "vector has \(v.count) entries, operator has dimension \(dimension)")
    var r = [Double](repeating: 0, count: dimension)
    v.withUnsafeBufferPointer { vp in r.withUnsafeMutableBufferPointer { apply(vp, into: $0) } }
    return r
  }
}
