import DescentCore

/// A formula objective in `Double`, called through concrete code.
///
/// `FormulaObjective`'s evaluation entry points are `@inlinable`, but behind a generic
/// `minimize` (compiled in another module) or an `any Objective<Double>` they run
/// unspecialized, looking up generic metadata on every call. Wrapping the objective in a
/// non-generic type specializes the same code here: the arithmetic — the compiled formula
/// program, run in the same order — is unchanged, so trajectories are bit-for-bit those of
/// `descent run` (checked by `APIResultTests`), about twice as fast.
struct SpecializedFormula: Objective {
  typealias Scalar = Double
  let base: FormulaObjective<Double>

  init(_ formula: Formula) { base = FormulaObjective<Double>(formula) }

  var dimension: Int { base.dimension }
  var hasExactHessian: Bool { true }

  func value(at x: UnsafeBufferPointer<Double>) -> Double { base.value(at: x) }

  func value(at x: UnsafeBufferPointer<Double>, gradient: UnsafeMutableBufferPointer<Double>) -> Double {
    base.value(at: x, gradient: gradient)
  }

  func hessian(at x: UnsafeBufferPointer<Double>, into hessian: UnsafeMutableBufferPointer<Double>) {
    base.hessian(at: x, into: hessian)
  }

  func hessianVectorProduct(
    at x: UnsafeBufferPointer<Double>, direction v: UnsafeBufferPointer<Double>,
    into result: UnsafeMutableBufferPointer<Double>
  ) {
    base.hessianVectorProduct(at: x, direction: v, into: result)
  }

  /// `f` at every point of the grid `xs × ys`, row-major (`values[j · columns + i] =
  /// f(xs[i], ys[j])`), as DescentPlot's `ScalarGrid` samples it.
  func values(xs: [Double], ys: [Double]) -> [Double] {
    var values = [Double](repeating: 0, count: xs.count * ys.count)
    withUnsafeTemporaryAllocation(of: Double.self, capacity: 2) { point in
      values.withUnsafeMutableBufferPointer { out in
        for (j, y) in ys.enumerated() {
          point[1] = y
          for (i, x) in xs.enumerated() {
            point[0] = x
            out[j * xs.count + i] = base.value(at: UnsafeBufferPointer(point))
          }
        }
      }
    }
    return values
  }
}
