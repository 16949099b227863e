/// The Moré–Garbow–Hillstrom test set for unconstrained optimization, in the residual
/// form `f(x) = Σᵢ rᵢ(x)²` of the paper.
///
/// J. J. Moré, B. S. Garbow, K. E. Hillstrom, "Testing Unconstrained Optimization
/// Software", ACM Transactions on Mathematical Software 7(1):17–41, 1981. Each problem
/// carries the paper's number, its standard start, `n`, `m` and the minimum values the
/// paper prints (``PublishedMinimum``). The variable-dimension problems take `n` (and `m`
/// where the paper lets it vary) in their initializers; ``standard`` fixes the sizes used
/// by Descent's tests and benchmarks.
public enum MGH {
  /// One instance of each problem at the sizes Descent's tests and benchmarks use, in the
  /// paper's order.
  public static var standard: [any LeastSquaresProblem] {
    [
      Rosenbrock(), FreudensteinRoth(), PowellBadlyScaled(), BrownBadlyScaled(), Beale(),
      JennrichSampson(), HelicalValley(), Bard(), Gaussian(), Meyer(), Box3D(), PowellSingular(),
      Wood(), KowalikOsborne(), BrownDennis(), Osborne1(), BiggsEXP6(), Osborne2(), Watson(),
      ExtendedRosenbrock(), ExtendedPowellSingular(), PenaltyI(), PenaltyII(), VariablyDimensioned(),
      Trigonometric(), BrownAlmostLinear(), DiscreteBoundaryValue(), DiscreteIntegralEquation(),
      BroydenTridiagonal(), BroydenBanded(), LinearFullRank(), Chebyquad(),
    ]
  }

  /// The problem in ``standard`` called `name`, if any.
  public static func named(_ name: String) -> (any LeastSquaresProblem)? {
    standard.first { $0.name == name.lowercased() }
  }

  /// `h = 1/(n+1)`, `tⱼ = j·h`, and the start `xⱼ = tⱼ(tⱼ − 1)` shared by problems 28 and 29.
  static func boundaryValueStart(_ n: Int) -> [Double] {
    let h = 1 / Double(n + 1)
    return (1...n).map { j in
      let t = Double(j) * h
      return t * (t - 1)
    }
  }
}
