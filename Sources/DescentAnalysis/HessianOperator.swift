import DescentCore

/// The Hessian `∇²f(x)` of an objective at a point, as a matrix-free operator `v ↦ ∇²f(x)·v`.
///
/// Where the products come from:
/// - an objective with an exact Hessian (``Objective/hasExactHessian``) and `n ≤ denseLimit`:
///   the Hessian is formed once, exactly, and each product is a matrix–vector product
///   (`O(n²)`);
/// - otherwise the objective's own ``Objective/hessianVectorProduct(at:direction:into:)``:
///   exact where the objective provides one, else the default central difference of
///   gradients along `v`, `(∇f(x + hv) − ∇f(x − hv)) / 2h` with `h = ∛ε · max(1, ‖x‖) / ‖v‖`
///   (two gradient evaluations, accurate to about `ε^(2/3) ≈ 4e-11` relative; see
///   ``FiniteDifference/hessianVectorProduct(of:at:direction:into:)``).
///
/// Products are computed in the objective's scalar type and returned as `Double`.
public struct HessianOperator<O: Objective>: SymmetricLinearOperator {
  public let objective: O
  /// The point `x`.
  public let point: [O.Scalar]
  /// The exact Hessian, when it was formed.
  public let denseHessian: DenseSymmetricMatrix?

  /// - Parameters:
  ///   - objective: the function.
  ///   - point: where to take the Hessian.
  ///   - denseLimit: largest `n` for which an exact Hessian is formed once (default 2,048:
  ///     32 MiB); above it every product goes through the objective's HVP.
  public init(_ objective: O, at point: [O.Scalar], denseLimit: Int = 2048) {
    precondition(point.count == objective.dimension, "point has \(point.count) coordinates, objective has \(objective.dimension)")
    self.objective = objective
    self.point = point
    if objective.hasExactHessian && objective.dimension <= denseLimit {
      denseHessian = DenseSymmetricMatrix(
        dimension: objective.dimension, entries: objective.hessian(at: point).map { Double($0) })
    } else {
      denseHessian = nil
    }
  }

  public var dimension: Int { objective.dimension }

  /// True when the products are exact: an exact Hessian (formed or the objective's own HVP).
  public var isExact: Bool { objective.hasExactHessian }

  public func apply(_ v: UnsafeBufferPointer<Double>, into result: UnsafeMutableBufferPointer<Double>) {
    if let denseHessian { return denseHessian.apply(v, into: result) }
    let n = dimension
    point.withUnsafeBufferPointer { x in
      if O.Scalar.self == Double.self {
        v.withMemoryRebound(to: O.Scalar.self) { vs in
          result.withMemoryRebound(to: O.Scalar.self) { rs in
            objective.hessianVectorProduct(at: x, direction: vs, into: rs)
          }
        }
      } else {
        withUnsafeTemporaryAllocation(of: O.Scalar.self, capacity: 2 * n) { buffer in
          let vs = UnsafeMutableBufferPointer(rebasing: buffer[0..<n])
          let rs = UnsafeMutableBufferPointer(rebasing: buffer[n..<(2 * n)])
          for i in 0..<n { vs[i] = O.Scalar(v[i]) }
          objective.hessianVectorProduct(at: x, direction: UnsafeBufferPointer(vs), into: rs)
          for i in 0..<n { result[i] = Double(rs[i]) }
        }
      }
    }
  }
}

/// The dense Hessian `∇²f(x)` of an objective at a point, in `Double`.
///
/// Exact when the objective has an exact Hessian; otherwise assembled column by column
/// from Hessian-vector products along the unit vectors, `H[:, j] = ∇²f(x)·eⱼ` (exact HVPs
/// where the objective has them, else central differences of gradients: `2n` gradient
/// evaluations), then symmetrized `(H + Hᵀ)/2`. Meant for small `n` (the analysis forms
/// it up to a few hundred); for larger `n` use ``HessianOperator`` with ``Lanczos``.
public struct HessianMatrix: Sendable, Equatable {
  /// `n`.
  public let dimension: Int
  /// Row-major `n × n` entries.
  public let entries: [Double]
  /// True when it came from an exact Hessian.
  public let isExact: Bool

  /// - Complexity: one exact Hessian, or `n` HVPs (`2n` gradient evaluations).
  public init<O: Objective>(of objective: O, at x: [O.Scalar]) {
    let n = objective.dimension
    precondition(x.count == n, "point has \(x.count) coordinates, objective has \(n)")
    dimension = n
    isExact = objective.hasExactHessian
    if objective.hasExactHessian {
      entries = objective.hessian(at: x).map { Double($0) }
      return
    }
    var h = [Double](repeating: 0, count: n * n)
    var unit = [O.Scalar](repeating: 0, count: n)
    var column = [O.Scalar](repeating: 0, count: n)
    x.withUnsafeBufferPointer { xp in
      for j in 0..<n {
        unit[j] = 1
        unit.withUnsafeBufferPointer { u in
          column.withUnsafeMutableBufferPointer { objective.hessianVectorProduct(at: xp, direction: u, into: $0) }
        }
        unit[j] = 0
        for i in 0..<n { h[i * n + j] = Double(column[i]) }
      }
    }
    for i in 0..<n {
      for j in 0..<i {
        let s = (h[i * n + j] + h[j * n + i]) / 2
        h[i * n + j] = s
        h[j * n + i] = s
      }
    }
    entries = h
  }

  /// The eigendecomposition.
  public var eigen: SymmetricEigen { SymmetricEigen(symmetric: entries, dimension: dimension) }

  /// Row `i` as a new array.
  public func row(_ i: Int) -> [Double] { Array(entries[(i * dimension)..<((i + 1) * dimension)]) }

  /// The rows, for JSON.
  public var rows: [[Double]] { (0..<dimension).map(row) }
}
