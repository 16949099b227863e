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

  /// Hands each problem of ``standard`` to `visitor` as its concrete type, in the same
  /// order.
  ///
  /// ``standard`` holds existentials (`any LeastSquaresProblem`): code that opens one runs
  /// the residuals, and the objective built from them, unspecialized (every arithmetic
  /// operation of every ``Dual`` evaluation through a witness table, ~15× slower). Through
  /// this method the visitor's generic `visit` is compiled once per problem type, so a
  /// benchmark or a hot loop gets specialized code.
  @inlinable
  public static func forEachStandard<V: LeastSquaresProblemVisitor>(_ visitor: inout V) {
    visitor.visit(Rosenbrock())
    visitor.visit(FreudensteinRoth())
    visitor.visit(PowellBadlyScaled())
    visitor.visit(BrownBadlyScaled())
    visitor.visit(Beale())
    visitor.visit(JennrichSampson())
    visitor.visit(HelicalValley())
    visitor.visit(Bard())
    visitor.visit(Gaussian())
    visitor.visit(Meyer())
    visitor.visit(Box3D())
    visitor.visit(PowellSingular())
    visitor.visit(Wood())
    visitor.visit(KowalikOsborne())
    visitor.visit(BrownDennis())
    visitor.visit(Osborne1())
    visitor.visit(BiggsEXP6())
    visitor.visit(Osborne2())
    visitor.visit(Watson())
    visitor.visit(ExtendedRosenbrock())
    visitor.visit(ExtendedPowellSingular())
    visitor.visit(PenaltyI())
    visitor.visit(PenaltyII())
    visitor.visit(VariablyDimensioned())
    visitor.visit(Trigonometric())
    visitor.visit(BrownAlmostLinear())
    visitor.visit(DiscreteBoundaryValue())
    visitor.visit(DiscreteIntegralEquation())
    visitor.visit(BroydenTridiagonal())
    visitor.visit(BroydenBanded())
    visitor.visit(LinearFullRank())
    visitor.visit(Chebyquad())
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

/// Receives problems as concrete types (see ``MGH/forEachStandard(_:)``).
public protocol LeastSquaresProblemVisitor {
  mutating func visit<P: LeastSquaresProblem>(_ problem: P)
}
