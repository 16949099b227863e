import RealModule

extension Catalog {
  /// The McCormick function: a sine ridge on a tilted quadratic.
  ///
  /// ```
  /// f(x, y) = sin(x + y) + (x − y)² − 1.5x + 2.5y + 1
  /// ```
  /// Global minimum f(−0.54720, −1.54720) = −1.9133 (exactly −√3/2 − π/3, at x = 1/2 − π/3,
  /// y = x − 1); in the window also a local minimum at (2.5944, 1.5944) and a saddle at
  /// (1.5472, 0.5472). Source: McCormick (1976); VLSE. (Some visualizer presets drop the
  /// `+ 1` or swap the signs of the linear terms; this is the published form.)
  public enum McCormick: PlanarFormula {
    @inlinable public static func value<S: DescentScalar>(_ x: S, _ y: S) -> S {
      let d = x - y
      return S.sin(x + y) + d * d - 1.5 * x + 2.5 * y + 1
    }
    @inlinable public static func gradient<S: DescentScalar>(_ x: S, _ y: S) -> (value: S, dx: S, dy: S) {
      let d = x - y
      let c = S.cos(x + y)
      return (S.sin(x + y) + d * d - 1.5 * x + 2.5 * y + 1, c + 2 * d - 1.5, c - 2 * d + 2.5)
    }
    @inlinable public static func hessian<S: DescentScalar>(_ x: S, _ y: S) -> (dxx: S, dxy: S, dyy: S) {
      let s = S.sin(x + y)
      return (2 - s, -2 - s, 2 - s)
    }
  }
}

extension TestFunction {
  /// McCormick on [−1.5, 4] × [−3, 4], start (2, 3).
  public static let mccormick = fixed(
    name: "mccormick", title: "McCormick",
    summary: "A sine ridge on a tilted quadratic; global minimum f(−0.5472, −1.5472) = −1.9133, a second minimum and a saddle.",
    reference: "G. P. McCormick, Computability of global solutions to factorable nonconvex programs, Math. Programming 10:147–175, 1976; VLSE (sfu.ca/~ssurjano/mccorm.html)",
    factory: PlanarFactory<Catalog.McCormick>(), formula: "sin(x + y) + (x - y)^2 - 1.5*x + 2.5*y + 1",
    window: [-1.5...4, -3...4], start: [2, 3], criticalPoints: CatalogTables.mccormick,
    globalMinima: CatalogTables.mccormickGlobalMinima)
}
