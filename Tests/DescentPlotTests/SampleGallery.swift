import DescentCore
import DescentOptimizers
import Foundation
import Testing

@testable import DescentPlot

/// Builds one of every kind of picture, checks each is well-formed, and — when the
/// environment variable `DESCENT_PLOT_SAMPLES` names a folder — writes them there for
/// `scripts/render_plots.sh` to render to PNG.
@Suite("Sample gallery")
struct SampleGallery {
  static func gd(_ objective: ClosureObjective<Double>, from start: [Double], lr: Double, steps: Int) -> MinimizationResult<Double> {
    minimize(objective, from: start, using: GradientDescent<Double>(learningRate: lr), options: MinimizeOptions(maxSteps: steps, gradientTolerance: 1e-8))
  }

  static func samples() throws -> [(String, String)] {
    var out: [(String, String)] = []
    let rosenbrockMinimum = [CriticalPoint(x: [1, 1], value: 0, kind: .minimum)]
    let slow = gd(Rosenbrock.objective, from: [-1.5, 2.5], lr: 1e-3, steps: 20000)
    let faster = gd(Rosenbrock.objective, from: [-1.5, 2.5], lr: 2e-3, steps: 20000)
    let blowUp = gd(Rosenbrock.objective, from: [-1.5, 2.5], lr: 1e-2, steps: 200)
    let rosenbrockRuns = [
      PlotRun(label: "Gradient descent", detail: "lr=0.001, 20000 steps", result: slow),
      PlotRun(label: "Gradient descent", detail: "lr=0.002, 20000 steps", result: faster),
      PlotRun(label: "Gradient descent", detail: "lr=0.01", result: blowUp),
    ]
    out.append(
      (
        "rosenbrock",
        try LandscapePlot.svg(
          objective: Rosenbrock.objective, window: PlotWindow(x: -2...2, y: -1...3), runs: rosenbrockRuns,
          criticalPoints: rosenbrockMinimum, title: "Rosenbrock: gradient descent along the valley")
      ))
    out.append(
      (
        "rosenbrock_auto_window",
        try LandscapePlot.svg(objective: Rosenbrock.objective, runs: Array(rosenbrockRuns.prefix(2)), criticalPoints: rosenbrockMinimum)
      ))

    let himmelblauRuns = [[0.0, 0.0], [-1, 4.5], [-4.5, 0], [1, -4.5]].map { start in
      PlotRun(label: "GD from (\(Ticks.shortNumber(start[0])), \(Ticks.shortNumber(start[1])))", detail: "lr=0.01", result: gd(Himmelblau.objective, from: start, lr: 0.01, steps: 300))
    }
    out.append(
      (
        "himmelblau",
        try LandscapePlot.svg(
          objective: Himmelblau.objective, window: PlotWindow(x: -5...5, y: -5...5), runs: himmelblauRuns,
          criticalPoints: Himmelblau.criticalPoints, title: "Himmelblau: 4 minima, 1 maximum, 4 saddles")
      ))
    out.append(
      (
        "himmelblau_heatmap",
        ContourPlot(
          window: PlotWindow(x: -5...5, y: -5...5), criticalPoints: Himmelblau.criticalPoints, title: "Himmelblau (heatmap)",
          shading: .heatmap
        ) { Himmelblau.value($0, $1) }.svg()
      ))
    out.append(
      (
        "himmelblau_lines",
        ContourPlot(
          window: PlotWindow(x: -5...5, y: -5...5), runs: Array(himmelblauRuns.prefix(2)), criticalPoints: Himmelblau.criticalPoints,
          title: "Himmelblau (lines only)", shading: .none
        ) { Himmelblau.value($0, $1) }.svg()
      ))
    out.append(
      (
        "undefined_region",
        ContourPlot(window: PlotWindow(x: -2...2, y: -1.5...1.5), title: "−log(1.8 − x² − y²/2) + 0.3x, undefined outside") { x, y in
          let r = 1.8 - x * x - y * y / 2
          return r <= 0 ? .nan : -Foundation.log(r) + 0.3 * x
        }.svg()
      ))
    out.append(("loss", LossPlot.svg(runs: rosenbrockRuns, optimum: 0, title: "Rosenbrock: f − f* by step")))

    // Learning-rate sweep on the quadratic 0.5·(x² + 100 y²): λmax = 100, 2/λmax = 0.02.
    let quadratic = ClosureObjective<Double>(dimension: 2) { p, g in
      g[0] = p[0]
      g[1] = 100 * p[1]
      return 0.5 * (p[0] * p[0] + 100 * p[1] * p[1])
    }
    let rates = (0...16).map { Foundation.pow(10, -4 + 2.5 * Double($0) / 16) }
    let finals = rates.map { lr -> Double in
      let r = minimize(quadratic, from: [1, 1], using: GradientDescent<Double>(learningRate: lr), options: MinimizeOptions(maxSteps: 300, gradientTolerance: nil))
      return r.stopReason.isDivergence ? .infinity : Double(r.loss)
    }
    let stepsTo = rates.map { lr -> Double in
      let r = minimize(quadratic, from: [1, 1], using: GradientDescent<Double>(learningRate: lr), options: MinimizeOptions(maxSteps: 5000, gradientTolerance: 1e-6))
      return r.stopReason == .gradientTolerance ? Double(r.steps) : .infinity
    }
    out.append(
      (
        "sweep_final_loss",
        LearningRateSweepPlot.svg(
          series: [SweepSeries(label: "GD", detail: "300 steps", learningRates: rates, values: finals)], predictedLimit: 0.02,
          title: "½(x² + 100y²): final loss against learning rate")
      ))
    out.append(
      (
        "sweep_steps",
        LearningRateSweepPlot.svg(
          series: [SweepSeries(label: "GD", detail: "‖∇f‖ ≤ 1e-6", learningRates: rates, values: stepsTo)], metric: .stepsToTolerance,
          predictedLimit: 0.02, title: "½(x² + 100y²): steps to tolerance")
      ))

    // Spectral density: Gaussians around a handful of eigenvalues.
    let eigen = [-0.8, 0.05, 0.1, 0.3, 0.4, 1.1, 1.3, 2.0, 6.5, 24.0]
    let grid = (0...400).map { -3 + 30 * Double($0) / 400 }
    let sigma = 0.25
    let density = grid.map { x in
      eigen.map { e in Foundation.exp(-0.5 * (x - e) * (x - e) / (sigma * sigma)) / (sigma * 2.5066282746) }.reduce(0, +) / Double(eigen.count)
    }
    out.append(("spectrum_log", SpectrumPlot.svg(grid: grid, density: density, eigenvalues: eigen)))
    out.append(("spectrum_linear", SpectrumPlot.svg(grid: grid, density: density, eigenvalues: eigen, logDensity: false)))

    out.append(
      (
        "slice_1d",
        SlicePlot.line(range: -1...1.5, title: "Loss along a direction") { a in
          let x = a - 0.4
          return 0.3 + x * x + 0.15 * Foundation.sin(12 * a)
        }.svg()
      ))
    out.append(
      (
        "slice_2d",
        SlicePlot.surface(window: PlotWindow(x: -1...1, y: -1...1), title: "Loss over a plane") { a, b in
          1 + Foundation.sin(3 * a) * Foundation.cos(2 * b) + a * a + 0.5 * b * b
        }.svg()
      ))
    let doubleWell = ClosureObjective<Double>(dimension: 1) { p, g in
      g[0] = 4 * p[0] * p[0] * p[0] - 6 * p[0] + 0.5
      return p[0] * p[0] * p[0] * p[0] - 3 * p[0] * p[0] + 0.5 * p[0]
    }
    let oneD = [0.2, -0.2].map { s in
      PlotRun(label: "GD from \(s)", detail: "lr=0.05", result: minimize(doubleWell, from: [s], using: GradientDescent<Double>(learningRate: 0.05), options: MinimizeOptions(maxSteps: 80)))
    }
    out.append(("landscape_1d", try LandscapePlot.svg(objective: doubleWell, window: PlotWindow(x: -2...2, y: -1...1), runs: oneD, title: "x⁴ − 3x² + x/2")))
    return out
  }

  @Test("every sample is well-formed XML and under 250 kB")
  func gallery() throws {
    let folder = ProcessInfo.processInfo.environment["DESCENT_PLOT_SAMPLES"]
    for (name, svg) in try Self.samples() {
      let (elements, error) = SVGParse.parse(svg)
      #expect(elements != nil, "\(name) is not well-formed: \(String(describing: error))")
      #expect(svg.utf8.count < 250_000, "\(name) is \(svg.utf8.count) bytes")
      if let folder {
        try svg.write(toFile: folder + "/" + name + ".svg", atomically: true, encoding: .utf8)
      }
    }
  }
}
