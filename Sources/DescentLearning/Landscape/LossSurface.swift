import DescentCore

/// The loss of a model over a plane through parameter space, `f(θ + α d₁ + β d₂)` on a
/// grid of `(α, β)`: the 2-D picture of Li et al., "Visualizing the Loss Landscape of
/// Neural Nets" (NeurIPS 2018), with filter-normalized directions
/// (``Network/filterNormalizedDirections(at:count:seed:)``).
public struct LossSurface: Codable, Sendable, Equatable {
  /// The `α` positions (along `d₁`), ascending.
  public var alphas: [Double]
  /// The `β` positions (along `d₂`), ascending.
  public var betas: [Double]
  /// `losses[j][i] = f(θ + alphas[i] d₁ + betas[j] d₂)`: one row per `β`.
  public var losses: [[Double]]
  /// The fraction classified correctly, laid out like ``losses`` (classification only).
  public var accuracies: [[Double]]?

  /// The losses row by row (`β` outer, `α` inner), as a contour plot's grid reads them.
  public var flatLosses: [Double] { losses.flatMap { $0 } }
}

extension NetworkObjective {
  /// `f(θ + α d₁ + β d₂)` for every `α` in `alphas` and `β` in `betas`. At `(0, 0)` the
  /// point is `θ` exactly.
  ///
  /// - Complexity: `alphas.count × betas.count` forward passes over the data.
  public func surface(at center: [Scalar], directions: ([Scalar], [Scalar]), alphas: [Double], betas: [Double]) -> LossSurface {
    let (d1, d2) = directions
    precondition(
      center.count == dimension && d1.count == dimension && d2.count == dimension,
      "center and directions need \(dimension) values")
    var losses: [[Double]] = []
    var accuracies: [[Double]] = []
    for beta in betas {
      let b = Scalar(beta)
      let slice = sample(alphas) { alpha, point in
        let a = Scalar(alpha)
        for i in 0..<dimension { point[i] = center[i] + a * d1[i] + b * d2[i] }
      }
      losses.append(slice.losses)
      accuracies.append(slice.accuracies ?? [])
    }
    return LossSurface(
      alphas: alphas, betas: betas, losses: losses, accuracies: network.loss.isClassification ? accuracies : nil)
  }
}
