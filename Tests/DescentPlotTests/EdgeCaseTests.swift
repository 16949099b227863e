import DescentCore
import Testing

@testable import DescentPlot

@Suite("Edge cases")
struct EdgeCaseTests {
  func wellFormed(_ svg: String) -> Bool { SVGParse.parse(svg).elements != nil }

  @Test("constant, all-NaN, all-infinite and tiny-range landscapes still give well-formed pictures")
  func degenerateLandscapes() {
    let window = PlotWindow(x: -1...1, y: -1...1)
    let functions: [(String, (Double, Double) -> Double)] = [
      ("constant", { _, _ in 3 }),
      ("all NaN", { _, _ in .nan }),
      ("all +∞", { _, _ in .infinity }),
      ("tiny range", { x, y in 1 + 1e-13 * (x + y) }),
      ("huge values", { x, y in 1e300 * (x * x + y * y) }),
      ("subnormal", { x, y in 5e-324 * (x * x + y * y) }),
    ]
    for (name, f) in functions {
      for shading in ContourPlot.Shading.allCases {
        let svg = ContourPlot(window: window, resolution: 21, title: name, shading: shading, function: f).svg()
        #expect(wellFormed(svg), "\(name), \(shading)")
      }
    }
  }

  @Test("runs with no points, one point, or only NaN points are drawn without trouble")
  func degenerateRuns() {
    let runs = [
      PlotRun(label: "empty", points: [], losses: []),
      PlotRun(label: "one", points: [[0.5, 0.5]], losses: [1]),
      PlotRun(label: "nan", points: [[.nan, .nan], [.nan, 1]], losses: [.nan, .nan]),
      PlotRun(label: "far", points: [[0, 0], [1e200, -1e200], [.infinity, 0]], losses: [0, 1e300, .infinity]),
    ]
    let svg = ContourPlot(window: PlotWindow(x: -1...1, y: -1...1), resolution: 21, runs: runs) { x, y in x * x + y * y }.svg()
    #expect(wellFormed(svg))
    #expect(runs[2].diverged && runs[3].diverged && !runs[1].diverged)
    #expect(wellFormed(LossPlot.svg(runs: runs)))
    // An automatic window ignores points of runs that are blowing up.
    let window = PlotWindow(around: runs)
    #expect(window.x.upperBound < 10)
  }

  @Test("charts with no data, one point, or only non-positive values on a log axis")
  func degenerateCharts() {
    #expect(wellFormed(LineChart(series: []).svg()))
    #expect(wellFormed(LineChart(series: [Series("one", x: [1], y: [2])]).svg()))
    #expect(wellFormed(LineChart(series: [Series("neg", x: [1, 2], y: [-1, 0])], yAxis: Axis("y", scale: .log)).svg()))
    #expect(wellFormed(LearningRateSweepPlot.svg(series: [SweepSeries(label: "all diverged", learningRates: [0.1, 1], values: [.nan, .infinity])])))
    #expect(wellFormed(SpectrumPlot.svg(grid: [0, 1], density: [0, 0])))
  }
}
