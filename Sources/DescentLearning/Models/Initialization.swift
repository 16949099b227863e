import DescentCore

/// How a ``Network``'s weights start. Biases always start at zero.
///
/// ```
/// he:      W ~ N(0, 2 / fan_in)                                (He et al. 2015; PyTorch kaiming_normal_, ReLU gain)
/// xavier:  W ~ U(−a, a),  a = √(6 / (fan_in + fan_out))          (Glorot & Bengio 2010; xavier_uniform_, gain 1)
/// zero:    W = 0
/// ```
/// `zero` is a teaching option: every hidden unit of a layer computes the same function
/// and receives the same gradient, so gradient descent never makes them differ — the
/// symmetry is never broken and an MLP stays as expressive as a one-unit-wide one.
public enum Initialization: String, Codable, Sendable, CaseIterable {
  case he, xavier, zero
}

extension Network {
  /// Fresh parameters drawn with `scheme` from a generator seeded with `seed`.
  public func initialParameters<S: DescentScalar>(
    _ scheme: Initialization, seed: UInt64, as type: S.Type = S.self
  ) -> [S] {
    var rng = Xoshiro256(seed: seed)
    return initialParameters(scheme, using: &rng)
  }

  /// Fresh parameters drawn with `scheme` from `rng`.
  public func initialParameters<S: DescentScalar>(
    _ scheme: Initialization, using rng: inout Xoshiro256, as type: S.Type = S.self
  ) -> [S] {
    var p = [S](repeating: 0, count: parameterCount)
    for layer in layers {
      let fanIn = Double(layer.inputs)
      let fanOut = Double(layer.outputs)
      for i in layer.weightOffset..<layer.biasOffset {
        switch scheme {
        case .he: p[i] = S((2 / fanIn).squareRoot() * rng.nextNormal())
        case .xavier:
          let a = (6 / (fanIn + fanOut)).squareRoot()
          p[i] = S(rng.uniform(-a, a))
        case .zero: p[i] = 0
        }
      }
    }
    return p
  }
}
