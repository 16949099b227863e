import DescentCore

/// Values of `f(x, y)` on a rectangular grid: `values[j · columns + i] = f(xs[i], ys[j])`.
///
/// The grid holds whatever `f` returned, NaN and ±∞ included; contouring skips cells
/// with a non-finite corner and colouring clips.
public struct ScalarGrid: Sendable {
  /// Column coordinates, strictly increasing.
  public var xs: [Double]
  /// Row coordinates, strictly increasing.
  public var ys: [Double]
  /// Row-major values, `ys.count × xs.count`.
  public var values: [Double]

  public var columns: Int { xs.count }
  public var rows: Int { ys.count }

  /// - Precondition: at least 2×2 points, increasing coordinates, matching value count.
  public init(xs: [Double], ys: [Double], values: [Double]) {
    precondition(xs.count >= 2 && ys.count >= 2, "a grid needs at least 2×2 points")
    precondition(values.count == xs.count * ys.count, "grid needs \(xs.count * ys.count) values, got \(values.count)")
    precondition(zip(xs, xs.dropFirst()).allSatisfy { $0 < $1 }, "grid x coordinates must increase")
    precondition(zip(ys, ys.dropFirst()).allSatisfy { $0 < $1 }, "grid y coordinates must increase")
    self.xs = xs
    self.ys = ys
    self.values = values
  }

  /// Samples `function` on `columns × rows` evenly spaced points covering `window`
  /// (edges included).
  public init(window: PlotWindow, columns: Int, rows: Int, function: (Double, Double) -> Double) {
    precondition(columns >= 2 && rows >= 2, "a grid needs at least 2×2 points")
    let xs = (0..<columns).map {
      window.x.lowerBound + (window.x.upperBound - window.x.lowerBound) * Double($0) / Double(columns - 1)
    }
    let ys = (0..<rows).map {
      window.y.lowerBound + (window.y.upperBound - window.y.lowerBound) * Double($0) / Double(rows - 1)
    }
    var values = [Double](repeating: 0, count: columns * rows)
    for j in 0..<rows {
      for i in 0..<columns { values[j * columns + i] = function(xs[i], ys[j]) }
    }
    self.init(xs: xs, ys: ys, values: values)
  }

  /// Samples a 2-parameter objective on the window.
  /// - Precondition: `objective.dimension == 2`.
  public init<O: Objective>(window: PlotWindow, columns: Int, rows: Int, objective: O) {
    precondition(objective.dimension == 2, "a grid needs a 2-parameter objective, got \(objective.dimension)")
    var point = [O.Scalar](repeating: 0, count: 2)
    self.init(window: window, columns: columns, rows: rows) { x, y in
      point[0] = O.Scalar(x)
      point[1] = O.Scalar(y)
      return point.withUnsafeBufferPointer { Double(objective.value(at: $0)) }
    }
  }

  /// `f` at grid point `(i, j)`.
  @inlinable
  public subscript(i: Int, j: Int) -> Double { values[j * xs.count + i] }

  /// The smallest and largest finite values (nil when none is finite).
  public var finiteRange: ClosedRange<Double>? {
    var lo = Double.infinity
    var hi = -Double.infinity
    for v in values where v.isFinite {
      lo = Swift.min(lo, v)
      hi = Swift.max(hi, v)
    }
    return lo <= hi ? lo...hi : nil
  }
}

extension ScalarGrid {
  /// A grid without the increasing-coordinates check (for the zero-width padding used by
  /// filled contours).
  init(uncheckedXs xs: [Double], ys: [Double], values: [Double]) {
    self.xs = xs
    self.ys = ys
    self.values = values
  }

  /// This grid surrounded by one ring of points at the same coordinates as the border
  /// (zero-width cells) holding `pad`, with every value passed through `transform`.
  /// Contours of the result at levels above `pad` are all closed rings that follow the
  /// window's edge where the region reaches it.
  func padded(with pad: Double, transform: (Double) -> Double) -> ScalarGrid {
    let nx = columns + 2
    let ny = rows + 2
    let px = [xs[0]] + xs + [xs[xs.count - 1]]
    let py = [ys[0]] + ys + [ys[ys.count - 1]]
    var v = [Double](repeating: pad, count: nx * ny)
    for j in 0..<rows {
      for i in 0..<columns { v[(j + 1) * nx + i + 1] = transform(values[j * columns + i]) }
    }
    return ScalarGrid(uncheckedXs: px, ys: py, values: v)
  }
}
