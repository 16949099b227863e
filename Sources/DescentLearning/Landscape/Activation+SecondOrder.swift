import DescentCore

/// The activations' first and second derivatives, as the exact Hessian-vector product
/// (``Network/hessianVectorProduct(parameters:direction:inputs:targets:count:workspace:hessianWorkspace:into:scale:accumulate:)``)
/// needs them.
///
/// ```
/// relu''(z)    = 0                              (almost everywhere)
/// tanh''(z)    = −2 a (1 − a²),                 a = tanh z
/// sigmoid''(z) = a (1 − a)(1 − 2a),             a = σ(z)
/// gelu''(z)    = φ(z) (2 − z²),                 φ(z) = e^(−z²/2) / √(2π)
/// ```
extension Activation {
  /// The forward tangent: `output[i] = act'(z_i) · tangent[i]` (the R-operator of `a = act(z)`).
  @inline(__always)
  func pushForward<S: DescentScalar>(
    _ tangent: UnsafePointer<S>, into output: UnsafeMutablePointer<S>, pre: UnsafePointer<S>, post: UnsafePointer<S>,
    count: Int
  ) {
    output.update(from: tangent, count: count)
    backward(output, pre: pre, post: post, count: count)
  }

  /// Second-order back-propagation through the activation. Given `g = ∂L/∂a`, its
  /// directional derivative `r = R(g)`, and `R(z)`, writes
  ///
  /// ```
  /// r ← r ⊙ act'(z) + g ⊙ act''(z) ⊙ R(z)      (= R(∂L/∂z))
  /// g ← g ⊙ act'(z)                           (= ∂L/∂z)
  /// ```
  @inline(__always)
  func secondOrderBackward<S: DescentScalar>(
    gradient g: UnsafeMutablePointer<S>, tangent r: UnsafeMutablePointer<S>, pre: UnsafePointer<S>,
    post: UnsafePointer<S>, preTangent rz: UnsafePointer<S>, count: Int
  ) {
    switch self {
    case .relu:
      Activation.zeroWhereInactive(g, pre: pre, count: count)
      Activation.zeroWhereInactive(r, pre: pre, count: count)
    case .tanh:
      for i in 0..<count {
        let a = post[i]
        let d1 = 1 - a * a
        let d2 = -2 * a * d1
        r[i] = r[i] * d1 + g[i] * d2 * rz[i]
        g[i] *= d1
      }
    case .sigmoid:
      for i in 0..<count {
        let a = post[i]
        let d1 = a * (1 - a)
        let d2 = d1 * (1 - 2 * a)
        r[i] = r[i] * d1 + g[i] * d2 * rz[i]
        g[i] *= d1
      }
    case .gelu:
      let c: S = 1 / (2 * S.pi).squareRoot()
      let s: S = 1 / S(2).squareRoot()
      for i in 0..<count {
        let z = pre[i]
        let phi = c * S.exp(-z * z / 2)
        let d1 = (1 + S.erf(z * s)) / 2 + z * phi
        let d2 = phi * (2 - z * z)
        r[i] = r[i] * d1 + g[i] * d2 * rz[i]
        g[i] *= d1
      }
    }
  }
}
