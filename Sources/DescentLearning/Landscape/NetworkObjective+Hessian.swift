import DescentCore

extension NetworkObjective {
  /// True: the Hessian-vector products are exact (the R-operator), and so is the Hessian
  /// assembled from them.
  public var hasExactHessian: Bool { true }

  /// The exact `∇²f(θ)·v` of the mean loss plus the L2 term:
  ///
  /// ```
  /// ∇²f(θ)·v = (1/N) Σ_i ∇²ℓ_i(θ)·v + λ (V_l; 0 on biases)
  /// ```
  /// about the cost of two gradients (see ``Network/hessianVectorProduct(parameters:direction:inputs:targets:count:workspace:hessianWorkspace:into:scale:accumulate:)``).
  /// Allocates nothing.
  public func hessianVectorProduct(
    at x: UnsafeBufferPointer<Scalar>, direction v: UnsafeBufferPointer<Scalar>,
    into result: UnsafeMutableBufferPointer<Scalar>
  ) {
    precondition(x.count == dimension, "point has \(x.count) coordinates, the network \(dimension) parameters")
    precondition(v.count == dimension && result.count == dimension, "direction and result need \(dimension) entries")
    let n = data.sampleCount
    data.features.withUnsafeBufferPointer { f in
      data.targets.withUnsafeBufferPointer { t in
        network.hessianVectorProduct(
          parameters: x.baseAddress!, direction: v.baseAddress!, inputs: f.baseAddress!, targets: t.baseAddress!,
          count: n, workspace: workspace, hessianWorkspace: hessianWorkspace, into: result.baseAddress!,
          scale: 1 / Scalar(max(n, 1)))
      }
    }
    network.penaltyHessianVectorProduct(direction: v.baseAddress!, into: result.baseAddress!)
  }

  /// The exact Hessian, column by column from `n` exact products `∇²f·eⱼ`, then
  /// symmetrized `(H + Hᵀ)/2` (the columns agree with the rows to rounding).
  ///
  /// - Complexity: `n` Hessian-vector products (each about two gradients) and `n²` memory:
  ///   for small models; larger ones go through `HessianOperator` and Lanczos.
  public func hessian(at x: UnsafeBufferPointer<Scalar>, into hessian: UnsafeMutableBufferPointer<Scalar>) {
    let n = dimension
    precondition(hessian.count == n * n, "the Hessian needs \(n * n) entries")
    withUnsafeTemporaryAllocation(of: Scalar.self, capacity: 2 * n) { buffer in
      let unit = UnsafeMutableBufferPointer(rebasing: buffer[0..<n])
      let column = UnsafeMutableBufferPointer(rebasing: buffer[n..<(2 * n)])
      unit.initialize(repeating: 0)
      for j in 0..<n {
        unit[j] = 1
        hessianVectorProduct(at: x, direction: UnsafeBufferPointer(unit), into: column)
        unit[j] = 0
        for i in 0..<n { hessian[i * n + j] = column[i] }
      }
    }
    for i in 0..<n {
      for j in 0..<i {
        let s = (hessian[i * n + j] + hessian[j * n + i]) / 2
        hessian[i * n + j] = s
        hessian[j * n + i] = s
      }
    }
  }
}
