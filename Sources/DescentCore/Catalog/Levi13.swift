import RealModule

extension Catalog {
  /// Lévi function N. 13: ripples of period 1/3 over a shallow bowl.
  ///
  /// ```
  /// f(x, y) = sin²(3πx) + (x − 1)²(1 + sin²(3πy)) + (y − 1)²(1 + sin²(2πy))
  /// ```
  /// Global minimum f(1, 1) = 0 (to rounding: `sin(3π)` is not exactly 0 in floating point).
  /// Source: VLSE (search domain [−10, 10]², about 20 000 critical points); the catalog's
  /// window [−1, 3]² holds 525 of them (147 minima, 116 maxima, 262 saddles), all listed.
  /// Derivatives use `d/dt sin²(kπt) = kπ sin(2kπt)`.
  public enum Levi13: PlanarFormula {
    @inlinable public static func value<S: DescentScalar>(_ x: S, _ y: S) -> S {
      let a = S.sin(3 * S.pi * x)
      let b = S.sin(3 * S.pi * y)
      let c = S.sin(2 * S.pi * y)
      let dx: S = x - 1
      let dy: S = y - 1
      let xWeight: S = 1 + b * b
      let yWeight: S = 1 + c * c
      return a * a + dx * dx * xWeight + dy * dy * yWeight
    }
    @inlinable public static func gradient<S: DescentScalar>(_ x: S, _ y: S) -> (value: S, dx: S, dy: S) {
      let pi = S.pi
      let a = S.sin(3 * pi * x)
      let b = S.sin(3 * pi * y)
      let c = S.sin(2 * pi * y)
      let u = x - 1
      let w = y - 1
      let xWeight: S = 1 + b * b
      let yWeight: S = 1 + c * c
      let value: S = a * a + u * u * xWeight + w * w * yWeight
      let gx: S = 3 * pi * S.sin(6 * pi * x) + 2 * u * xWeight
      let gyFirst: S = 3 * pi * u * u * S.sin(6 * pi * y)
      let gySecond: S = 2 * w * (1 + c * c)
      let gyThird: S = 2 * pi * w * w * S.sin(4 * pi * y)
      let gy = gyFirst + gySecond + gyThird
      return (value, gx, gy)
    }
    @inlinable public static func hessian<S: DescentScalar>(_ x: S, _ y: S) -> (dxx: S, dxy: S, dyy: S) {
      let pi = S.pi
      let b = S.sin(3 * pi * y)
      let c = S.sin(2 * pi * y)
      let u = x - 1
      let w = y - 1
      let dxx = 18 * pi * pi * S.cos(6 * pi * x) + 2 * (1 + b * b)
      let dxy = 6 * pi * u * S.sin(6 * pi * y)
      let pi2: S = pi * pi
      let first: S = 18 * pi2 * u * u * S.cos(6 * pi * y)
      let second: S = 2 * (1 + c * c) + 8 * pi * w * S.sin(4 * pi * y)
      let third: S = 8 * pi2 * w * w * S.cos(4 * pi * y)
      let dyy = first + second + third
      return (dxx, dxy, dyy)
    }
  }
}

extension TestFunction {
  /// Lévi N. 13 on [−1, 3]², start (−0.5, 2.5).
  public static let levi13 = fixed(
    name: "levi-13", aliases: ["levi", "levy-13"], title: "Lévi N. 13",
    summary: "Ripples of period 1/3 over a shallow bowl; global minimum f(1, 1) = 0 among hundreds of local ones.",
    reference: "VLSE, Levy function N. 13 (sfu.ca/~ssurjano/levy13.html)",
    factory: PlanarFactory<Catalog.Levi13>(),
    formula: "sin(3*pi*x)^2 + (x - 1)^2*(1 + sin(3*pi*y)^2) + (y - 1)^2*(1 + sin(2*pi*y)^2)",
    window: [-1...3, -1...3], start: [-0.5, 2.5], criticalPoints: CatalogTables.leviThirteen,
    globalMinima: CatalogTables.leviThirteenGlobalMinima)
}
