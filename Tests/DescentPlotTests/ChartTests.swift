import DescentCore
import DescentOptimizers
import Testing

@testable import DescentPlot

@Suite("Charts")
struct ChartTests {
  @Test("loss plot: log y axis, one path per run, points map back to (step, f − f*)")
  func lossPlot() throws {
    let runs = [1e-3, 2e-3].map { lr in
      PlotRun(
        label: "GD", detail: "lr=\(lr)",
        result: minimize(
          Rosenbrock.objective, from: [-1.5, 2.5], using: GradientDescent<Double>(learningRate: lr),
          options: MinimizeOptions(maxSteps: 500, gradientTolerance: nil)))
    }
    let chart = LossPlot.chart(runs: runs, optimum: 0)
    #expect(chart.yAxis.scale == .log)
    let svg = chart.svg()
    let elements = try #require(SVGParse.parse(svg).elements)
    let frame = chart.frame()
    for k in 0..<2 {
      let path = try #require(elements.first { $0.attributes["id"] == "series-\(k)" })
      let pieces = parsePathData(path.attributes["d"]!).map(\.points)
      for vertex in pieces.flatMap({ $0 }) {
        let data = frame.dataPoint(atPixel: vertex)
        let step = Int(data.x.rounded())
        let loss = runs[k].losses[step]
        // y inverts through the log transform to within the 0.05 px rounding.
        let expectedPixel = frame.y.pixel(loss)
        #expect(abs(expectedPixel - vertex.y) <= 0.06, "step \(step)")
      }
    }
  }

  @Test("learning-rate sweep marks 2/λmax and puts diverged rates on the top edge")
  func sweep() throws {
    let rates = [1e-4, 3e-4, 1e-3, 3e-3, 1e-2]
    let values = [0.5, 0.1, 0.01, .infinity, .nan]
    let chart = LearningRateSweepPlot.chart(
      series: [SweepSeries(label: "GD", learningRates: rates, values: values)], predictedLimit: 2.0 / 1001.6)
    #expect(chart.xAxis.scale == .log)
    let elements = try #require(SVGParse.parse(chart.svg()).elements)
    let reference = try #require(elements.first { $0.attributes["class"] == "reference" })
    let line = parsePathData(reference.attributes["d"]!)[0].points
    let frame = chart.frame()
    #expect(abs(frame.x.value(atPixel: line[0].x) - 2.0 / 1001.6) / (2.0 / 1001.6) < 0.01)
    #expect(elements.contains { $0.name == "text" && $0.text.hasPrefix("2/λmax = 0.001997") })
    let crosses = try #require(elements.first { $0.attributes["class"] == "off-scale" })
    _ = crosses
    #expect(elements.contains { $0.name == "text" && $0.text == "diverged" })
  }

  @Test("spectrum: area or log line with an eigenvalue rug and a zero line")
  func spectrum() throws {
    let grid = (0...200).map { -2 + 14 * Double($0) / 200 }
    let eigen = [-1.0, 0.5, 1, 1.2, 3, 9.5]
    let density = grid.map { x in eigen.map { e in 1 / (0.3 * 2.5066) * Double.expTest(-0.5 * (x - e) * (x - e) / 0.09) }.reduce(0, +) / 6 }
    for logDensity in [true, false] {
      let chart = SpectrumPlot.chart(grid: grid, density: density, eigenvalues: eigen, logDensity: logDensity)
      let elements = try #require(SVGParse.parse(chart.svg()).elements)
      let rug = try #require(elements.first { $0.attributes["class"] == "rug" })
      #expect(parsePathData(rug.attributes["d"]!).count == eigen.count)
      #expect(elements.contains { $0.name == "text" && $0.text == "λ = 0" })
    }
  }

  @Test("landscape plot: 2-D contour, 1-D curve, and an error for other dimensions")
  func landscape() throws {
    let run = PlotRun(
      label: "GD",
      result: minimize(
        Himmelblau.objective, from: [0, 0], using: GradientDescent<Double>(learningRate: 0.01),
        options: MinimizeOptions(maxSteps: 200)))
    let two = try LandscapePlot.svg(objective: Himmelblau.objective, runs: [run], criticalPoints: Himmelblau.criticalPoints, title: "Himmelblau")
    #expect(SVGParse.parse(two).elements != nil)
    let quartic = ClosureObjective<Double>(dimension: 1) { p, g in
      g[0] = 4 * p[0] * p[0] * p[0] - 6 * p[0]
      return p[0] * p[0] * p[0] * p[0] - 3 * p[0] * p[0]
    }
    let run1 = PlotRun(
      label: "GD",
      result: minimize(quartic, from: [0.3], using: GradientDescent<Double>(learningRate: 0.05), options: MinimizeOptions(maxSteps: 60)))
    let one = try LandscapePlot.svg(
      objective: quartic, runs: [run1],
      criticalPoints: [
        CriticalPoint(x: [0], value: 0, kind: .maximum), CriticalPoint(x: [(1.5).squareRoot()], value: -2.25, kind: .minimum),
      ])
    let elements = try #require(SVGParse.parse(one).elements)
    #expect(elements.contains { $0.attributes["id"] == "run-0" })
    let five = ClosureObjective<Double>(dimension: 5) { _, g in
      for i in 0..<5 { g[i] = 0 }
      return 0
    }
    #expect(throws: PlotError.unsupportedDimension(5)) { try LandscapePlot.svg(objective: five) }
  }
}

extension Double {
  static func expTest(_ x: Double) -> Double {
    // exp by squaring a Taylor series on x/64 (tests only).
    let y = x / 64
    var term = 1.0
    var sum = 1.0
    for n in 1..<20 {
      term *= y / Double(n)
      sum += term
    }
    for _ in 0..<6 { sum *= sum }
    return sum
  }
}
