import CDescentMatmul
import DescentCore

/// The nonlinearity applied after every hidden layer of a ``Network``.
///
/// ```
/// relu(z)    = max(z, 0)                       relu'(z) = [z > 0]
/// tanh(z)                                      tanh'(z) = 1 − tanh²(z)
/// sigmoid(z) = 1 / (1 + e^(−z))                σ'(z) = σ(z)(1 − σ(z))
/// gelu(z)    = z Φ(z) = z · ½(1 + erf(z/√2))   gelu'(z) = Φ(z) + z φ(z),  φ(z) = e^(−z²/2)/√(2π)
/// ```
/// GELU is the exact (erf) form, PyTorch's default `nn.GELU()` / `F.gelu(approximate='none')`
/// (Hendrycks & Gimpel 2016); the tanh approximation is not used.
public enum Activation: String, Codable, Sendable, CaseIterable {
  case relu, tanh, sigmoid, gelu
}

extension Activation {
  /// Applies the activation to `count` values: `output[i] = act(input[i])`.
  ///
  /// Not inlined on purpose: as a function of its own, with the pointers in registers, the
  /// loops vectorize (inlined into the pass, where the buffers live in swapped variables,
  /// they did not).
  @inline(never)
  @_specialize(where S == Float)
  @_specialize(where S == Double)
  func apply<S: DescentScalar>(_ input: UnsafePointer<S>, _ output: UnsafeMutablePointer<S>, count: Int) {
    switch self {
    case .relu:
      for i in 0..<count { let z = input[i]; output[i] = z > 0 ? z : 0 }
    case .tanh:
      for i in 0..<count { output[i] = S.tanh(input[i]) }
    case .sigmoid:
      for i in 0..<count { output[i] = Activation.sigmoid(input[i]) }
    case .gelu:
      let r: S = 1 / S(2).squareRoot()
      for i in 0..<count { let z = input[i]; output[i] = z * (1 + S.erf(z * r)) / 2 }
    }
  }

  /// Multiplies `gradient` (∂L/∂a) in place by act'(z), given z (`pre`) and a = act(z) (`post`).
  @inline(never)
  @_specialize(where S == Float)
  @_specialize(where S == Double)
  func backward<S: DescentScalar>(
    _ gradient: UnsafeMutablePointer<S>, pre: UnsafePointer<S>, post: UnsafePointer<S>, count: Int
  ) {
    switch self {
    case .relu:
      Activation.zeroWhereInactive(gradient, pre: pre, count: count)
    case .tanh:
      for i in 0..<count { let a = post[i]; gradient[i] *= 1 - a * a }
    case .sigmoid:
      for i in 0..<count { let a = post[i]; gradient[i] *= a * (1 - a) }
    case .gelu:
      let r: S = 1 / S(2).squareRoot()
      let c: S = 1 / (2 * S.pi).squareRoot()
      for i in 0..<count {
        let z = pre[i]
        gradient[i] *= (1 + S.erf(z * r)) / 2 + z * c * S.exp(-z * z / 2)
      }
    }
  }

  /// `values[i] = 0` where `!(pre[i] > 0)` (ReLU's derivative, NaN counting as inactive),
  /// in C (`CDescentMatmul`): written as a Swift loop it compiled to a branch and a
  /// conditional store per element — the hottest loop of an MLP epoch once the matrix
  /// products were fast — and generic `SIMD8<S>` masks went lane by lane.
  @inline(__always)
  static func zeroWhereInactive<S: DescentScalar>(_ values: UnsafeMutablePointer<S>, pre: UnsafePointer<S>, count: Int) {
    if S.self == Float.self {
      descent_relu_mask_f32(
        UnsafeMutableRawPointer(values).assumingMemoryBound(to: Float.self),
        UnsafeRawPointer(pre).assumingMemoryBound(to: Float.self), count)
    } else if S.self == Double.self {
      descent_relu_mask_f64(
        UnsafeMutableRawPointer(values).assumingMemoryBound(to: Double.self),
        UnsafeRawPointer(pre).assumingMemoryBound(to: Double.self), count)
    } else {
      for i in 0..<count where !(pre[i] > 0) { values[i] = 0 }
    }
  }

  /// The logistic function, evaluated without overflow for either sign of `z`.
  @inline(__always)
  static func sigmoid<S: DescentScalar>(_ z: S) -> S {
    if z >= 0 { return 1 / (1 + S.exp(-z)) }
    let e = S.exp(z)
    return e / (1 + e)
  }
}
