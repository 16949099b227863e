import DescentCore

/// The loss of a model along a line through parameter space, sampled at `α` values: a 1-D
/// slice `f(θ + α d)` (``NetworkObjective/slice(at:direction:alphas:)``) or the straight
/// line between two weight vectors `f((1 − α) θ₀ + α θ₁)`
/// (``NetworkObjective/interpolation(from:to:alphas:)``).
public struct LossSlice: Codable, Sendable, Equatable {
  /// The positions `α`, in the order asked.
  public var alphas: [Double]
  /// The objective (mean loss + L2 term) at each `α`. May be ∞ or NaN far out.
  public var losses: [Double]
  /// The fraction classified correctly at each `α` (classification losses; nil otherwise).
  public var accuracies: [Double]?

  public init(alphas: [Double], losses: [Double], accuracies: [Double]?) {
    precondition(alphas.count == losses.count, "one loss per α")
    precondition(accuracies.map { $0.count == alphas.count } ?? true, "one accuracy per α")
    self.alphas = alphas
    self.losses = losses
    self.accuracies = accuracies
  }

  /// `points` evenly spaced values from `range.lowerBound` to `range.upperBound`, both
  /// included: `lo + (hi − lo)·i/(points − 1)` (0 appears exactly when it is a grid point,
  /// e.g. `[-1, 1]` with an odd count).
  public static func grid(_ range: ClosedRange<Double>, points: Int) -> [Double] {
    precondition(points >= 2, "a grid needs at least 2 points")
    let (lo, hi) = (range.lowerBound, range.upperBound)
    return (0..<points).map { i in
      i == points - 1 ? hi : lo + (hi - lo) * Double(i) / Double(points - 1)
    }
  }
}

extension NetworkObjective {
  /// The 1-D slice `f(θ + α d)` at each `α` (Li et al. 2018 with a filter-normalized `d`,
  /// see ``Network/filterNormalizedDirections(at:count:seed:)``). At `α = 0` the point is
  /// `θ` exactly, so the value there is `f(θ)`.
  ///
  /// - Complexity: one forward pass over the data per `α`.
  public func slice(at center: [Scalar], direction: [Scalar], alphas: [Double]) -> LossSlice {
    precondition(center.count == dimension && direction.count == dimension, "center and direction need \(dimension) values")
    return sample(alphas) { alpha, point in
      let a = Scalar(alpha)
      for i in 0..<dimension { point[i] = center[i] + a * direction[i] }
    }
  }

  /// The loss along the straight line through two weight vectors,
  ///
  /// ```
  /// θ(α) = (1 − α) θ₀ + α θ₁
  /// ```
  /// at each `α` (values outside `[0, 1]` extrapolate past the ends), as in Goodfellow,
  /// Vinyals & Saxe, "Qualitatively characterizing neural network optimization problems",
  /// ICLR 2015. `θ(0) = θ₀` and `θ(1) = θ₁` exactly, so the ends are the two losses.
  public func interpolation(from start: [Scalar], to end: [Scalar], alphas: [Double]) -> LossSlice {
    precondition(start.count == dimension && end.count == dimension, "both ends need \(dimension) values")
    return sample(alphas) { alpha, point in
      let a = Scalar(alpha)
      let b = Scalar(1 - alpha)
      for i in 0..<dimension { point[i] = b * start[i] + a * end[i] }
    }
  }

  func sample(_ alphas: [Double], point makePoint: (Double, inout [Scalar]) -> Void) -> LossSlice {
    var point = [Scalar](repeating: 0, count: dimension)
    var losses: [Double] = []
    var accuracies: [Double] = []
    losses.reserveCapacity(alphas.count)
    for alpha in alphas {
      makePoint(alpha, &point)
      let (loss, accuracy) = point.withUnsafeBufferPointer { evaluate($0, gradient: nil) }
      losses.append(Double(loss))
      accuracies.append(accuracy)
    }
    return LossSlice(alphas: alphas, losses: losses, accuracies: network.loss.isClassification ? accuracies : nil)
  }
}
