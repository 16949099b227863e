import DescentCore

/// Why a plot could not be made.
public enum PlotError: Error, Equatable, CustomStringConvertible {
  /// The objective has a dimension the landscape plot cannot show.
  case unsupportedDimension(Int)

  public var description: String {
    switch self {
    case .unsupportedDimension(let n):
      "cannot plot a landscape of a function of \(n) variables: --plot draws functions of 1 variable (a curve) or 2 variables (contours); for more, plot a slice (descent landscape)"
    }
  }
}

/// The one-call picture of an objective with optimizer runs on it — what the CLI's
/// `--plot FILE.svg` writes.
///
/// ```swift
/// let result = minimize(rosenbrock, from: [-1.5, 2], using: Adam(learningRate: 0.02))
/// let svg = try LandscapePlot.svg(
///   objective: rosenbrock,
///   runs: [PlotRun(label: "Adam", detail: "lr=0.02", result: result)],
///   criticalPoints: [CriticalPoint(x: [1, 1], value: 0, kind: .minimum)],
///   title: "Rosenbrock")
/// try svg.write(toFile: "out.svg", atomically: true, encoding: .utf8)
/// ```
///
/// - 2 variables: a ``ContourPlot`` (filled bands, automatic levels including the critical
///   values) with each run's path, start ○ and end ● (✕ if it diverged), and the critical
///   points marked by kind.
/// - 1 variable: a ``LineChart`` of `f` with each run drawn at `(x, f(x))`.
/// - Otherwise: ``PlotError/unsupportedDimension(_:)``.
///
/// With `window == nil` the window is fitted around the runs and critical points
/// (``PlotWindow/init(around:criticalPoints:padding:)``). For a 1-D objective only the
/// window's `x` range is used.
public enum LandscapePlot {
  public static func svg(
    objective: any Objective<Double>, window: PlotWindow? = nil, runs: [PlotRun] = [], criticalPoints: [CriticalPoint] = [],
    title: String = "", variables: [String] = ["x", "y"], resolution: Int = 161, shading: ContourPlot.Shading = .bands
  ) throws(PlotError) -> String {
    let xName = variables.first ?? "x"
    let yName = variables.count > 1 ? variables[1] : "y"
    switch objective.dimension {
    case 2:
      let window = window ?? PlotWindow(around: runs, criticalPoints: criticalPoints)
      let (columns, rows) = ContourPlot.gridSize(window: window, resolution: resolution)
      let grid = sample(objective, window: window, columns: columns, rows: rows)
      return ContourPlot(
        grid: grid, runs: runs, criticalPoints: criticalPoints, title: title, xAxis: Axis(xName), yAxis: Axis(yName),
        shading: shading
      ).svg()
    case 1:
      let range = window?.x ?? oneDimensionalRange(runs: runs, criticalPoints: criticalPoints)
      var point = [0.0]
      let n = Swift.max(2, 2 * resolution)
      let xs = (0..<n).map { range.lowerBound + (range.upperBound - range.lowerBound) * Double($0) / Double(n - 1) }
      let ys = xs.map { x -> Double in
        point[0] = x
        return objective.value(at: point)
      }
      let chart = LineChart(
        series: [Series("f(\(xName))", x: xs, y: ys, color: Color(hex: 0x555555))], xAxis: Axis(xName, domain: range),
        yAxis: Axis("f"),
        title: title, runs: runs, criticalPoints: criticalPoints)
      return chart.svg()
    default:
      throw .unsupportedDimension(objective.dimension)
    }
  }

  private static func sample(_ objective: any Objective<Double>, window: PlotWindow, columns: Int, rows: Int) -> ScalarGrid {
    var point = [0.0, 0.0]
    return ScalarGrid(window: window, columns: columns, rows: rows) { x, y in
      point[0] = x
      point[1] = y
      return objective.value(at: point)
    }
  }

  private static func oneDimensionalRange(runs: [PlotRun], criticalPoints: [CriticalPoint]) -> ClosedRange<Double> {
    let lifted = runs.map { run in
      PlotRun(label: run.label, steps: run.steps, points: run.points.map { [$0.first ?? .nan, 0] }, losses: run.losses, diverged: run.diverged)
    }
    let critical = criticalPoints.map { CriticalPoint(x: [$0.x.first ?? .nan, 0], value: $0.value, kind: $0.kind) }
    return PlotWindow(around: lifted, criticalPoints: critical).x
  }
}
