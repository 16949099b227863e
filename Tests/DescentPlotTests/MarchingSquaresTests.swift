import Foundation
import Testing

@testable import DescentPlot

@Suite("Marching squares")
struct MarchingSquaresTests {
  @Test("the level set of x² + y² at r² is one closed ring within 1% of radius r")
  func circle() {
    let window = PlotWindow(x: -2...2, y: -2...2)
    let grid = ScalarGrid(window: window, columns: 81, rows: 81) { x, y in x * x + y * y }
    for r in [0.5, 1.0, 1.7] {
      let lines = MarchingSquares.contours(of: grid, at: r * r)
      #expect(lines.count == 1)
      #expect(lines[0].isClosed)
      #expect(lines[0].points.count > 20)
      for p in lines[0].points {
        let radius = (p.x * p.x + p.y * p.y).squareRoot()
        #expect(abs(radius - r) <= 0.01 * r)
      }
    }
  }

  @Test("a level set cut by the grid edge comes back as one open polyline")
  func openAtBoundary() {
    let grid = ScalarGrid(window: PlotWindow(x: 0...2, y: 0...2), columns: 41, rows: 41) { x, y in x * x + y * y }
    let lines = MarchingSquares.contours(of: grid, at: 1)
    #expect(lines.count == 1)
    #expect(!lines[0].isClosed)
    let ends = [lines[0].points.first!, lines[0].points.last!]
    // The quarter circle ends on the two axes.
    #expect(ends.contains { abs($0.x) < 1e-12 && abs($0.y - 1) < 1e-3 })
    #expect(ends.contains { abs($0.y) < 1e-12 && abs($0.x - 1) < 1e-3 })
  }

  /// A single cell with corners (bl, br, tr, tl) on the unit square.
  func cell(_ bl: Double, _ br: Double, _ tr: Double, _ tl: Double) -> ScalarGrid {
    ScalarGrid(xs: [0, 1], ys: [0, 1], values: [bl, br, tl, tr])
  }

  /// The corner each segment cuts off: the corner closest to the segment's midpoint.
  func cutCorners(_ lines: [ContourLine]) -> Set<String> {
    let corners = ["bl": PlotPoint(0, 0), "br": PlotPoint(1, 0), "tr": PlotPoint(1, 1), "tl": PlotPoint(0, 1)]
    var out = Set<String>()
    for line in lines {
      #expect(line.points.count == 2)
      let m = PlotPoint((line.points[0].x + line.points[1].x) / 2, (line.points[0].y + line.points[1].y) / 2)
      let nearest = corners.min { a, b in
        hypot(a.value.x - m.x, a.value.y - m.y) < hypot(b.value.x - m.x, b.value.y - m.y)
      }!
      out.insert(nearest.key)
    }
    return out
  }

  @Test("saddle case 5 (bl, tr above): centre above joins them, centre below separates them")
  func saddleCase5() {
    // Centre mean (2+0+2+0)/4 = 1 ≥ 0.5: the above corners connect; segments cut off br, tl.
    let joined = MarchingSquares.contours(of: cell(2, 0, 2, 0), at: 0.5)
    #expect(joined.count == 2)
    #expect(cutCorners(joined) == ["br", "tl"])
    // Centre mean 0.25 < 0.5... corners (1, 0, 0.9, −0.9): mean 0.25; segments cut off bl, tr.
    let separated = MarchingSquares.contours(of: cell(1, 0, 0.9, -0.9), at: 0.5)
    #expect(separated.count == 2)
    #expect(cutCorners(separated) == ["bl", "tr"])
  }

  @Test("saddle case 10 (br, tl above): centre above joins them, centre below separates them")
  func saddleCase10() {
    let joined = MarchingSquares.contours(of: cell(0, 2, 0, 2), at: 0.5)
    #expect(cutCorners(joined) == ["bl", "tr"])
    let separated = MarchingSquares.contours(of: cell(-0.9, 1, 0, 0.9), at: 0.5)
    #expect(cutCorners(separated) == ["br", "tl"])
  }

  @Test("crossings are placed by linear interpolation along the edge")
  func interpolation() {
    let lines = MarchingSquares.contours(of: cell(0, 4, 4, 0), at: 1)
    #expect(lines.count == 1)
    for p in lines[0].points { #expect(abs(p.x - 0.25) < 1e-12) }
  }

  @Test("cells with NaN or ∞ are skipped: the ring breaks around the undefined region")
  func nonFinite() {
    let window = PlotWindow(x: -2...2, y: -2...2)
    let grid = ScalarGrid(window: window, columns: 81, rows: 81) { x, y in
      if x > 0.5 && abs(y) < 0.5 { return .nan }
      if x < -0.5 && abs(y) < 0.3 { return .infinity }
      return x * x + y * y
    }
    let lines = MarchingSquares.contours(of: grid, at: 1)
    // The circle loses the arcs through both holes: two open pieces, all points finite,
    // none inside the undefined regions.
    #expect(lines.count == 2)
    #expect(lines.allSatisfy { !$0.isClosed })
    for line in lines {
      for p in line.points {
        #expect(p.isFinite)
        #expect(!(p.x > 0.55 && abs(p.y) < 0.45))
        #expect(abs((p.x * p.x + p.y * p.y).squareRoot() - 1) < 0.01)
      }
    }
  }

  @Test("Himmelblau's level set at a saddle's value passes through the saddle")
  func himmelblauSaddle() {
    let window = PlotWindow(x: -5...5, y: -5...5)
    let grid = ScalarGrid(window: window, columns: 201, rows: 201) { x, y in Himmelblau.value(x, y) }
    let h = 10.0 / 200
    for saddle in Himmelblau.criticalPoints where saddle.kind == .saddle {
      let s = PlotPoint(saddle.x[0], saddle.x[1])
      let lines = MarchingSquares.contours(of: grid, at: saddle.value)
      let d = distance(from: s, toPolylines: lines.map { $0.isClosed ? $0.points + [$0.points[0]] : $0.points })
      #expect(d < h, "saddle at \(s) with f = \(saddle.value): nearest contour point \(d) away")
      // A level slightly off the saddle value misses it by more: the X opens into two arcs.
      let off = MarchingSquares.contours(of: grid, at: saddle.value + 2)
      let dOff = distance(from: s, toPolylines: off.map { $0.isClosed ? $0.points + [$0.points[0]] : $0.points })
      #expect(dOff > d)
    }
    // The first saddle, checked against scipy.optimize.fsolve on ∇f = 0 (xtol 1e-14):
    // (−3.07302575, −0.08135304), f = 104.01516291755811.
    let first = Himmelblau.criticalPoints.first { $0.kind == .saddle }!
    #expect(abs(first.x[0] - -3.07302575) < 1e-8 && abs(first.x[1] - -0.08135304) < 1e-8)
    #expect(abs(first.value - 104.01516291755811) / 104.01516291755811 < 1e-12)
  }
}
