import DescentCore

/// A contour plot of `f(x, y)` over a window, with optional optimizer runs and critical
/// points on top.
///
/// ```swift
/// let plot = ContourPlot(window: PlotWindow(x: -2...2, y: -1...3), title: "Rosenbrock") { x, y in
///   (1 - x) * (1 - x) + 100 * (y - x * x) * (y - x * x)
/// }
/// let svg = plot.svg()
/// ```
///
/// What is drawn, bottom to top: the shading (filled bands by default, see
/// ``ContourShading``), grey cells where `f` is NaN, the contour lines (levels from
/// ``ContourLevels/automatic(for:count:including:spacing:minimum:)``; the levels through
/// critical values dashed and dark), the runs (``RunLayer``), the critical points, then
/// the frame, colour bar, legend and title. Everything inside the plot area is clipped
/// to it. The aspect ratio follows the window (between 1:2 and 2:1), so circles look
/// round.
public struct ContourPlot: Sendable {
  /// What fills the plot area under the lines.
  public enum Shading: String, Sendable, CaseIterable {
    /// Lines only, coloured by level, on white.
    case none
    /// Filled bands between levels (default).
    case bands
    /// A heatmap of the sampled values.
    case heatmap
  }

  public var grid: ScalarGrid
  public var window: PlotWindow
  public var levels: ContourLevels
  public var runs: [PlotRun]
  public var criticalPoints: [CriticalPoint]
  public var title: String
  public var xAxis: Axis
  public var yAxis: Axis
  /// The colour bar's label.
  public var valueLabel: String
  public var shading: Shading
  public var palette: Palette
  public var colormap: Colormap
  /// The longer side of the plot area, pixels. Default 440.
  public var plotSize: Double

  /// A plot of sampled values.
  /// - Parameters:
  ///   - levels: the contour levels; nil picks them automatically, including the values
  ///     of the critical points inside the window.
  public init(
    grid: ScalarGrid, levels: ContourLevels? = nil, runs: [PlotRun] = [], criticalPoints: [CriticalPoint] = [],
    title: String = "", xAxis: Axis = Axis("x"), yAxis: Axis = Axis("y"), valueLabel: String = "f",
    shading: Shading = .bands, palette: Palette = .okabeIto, colormap: Colormap = .viridis, plotSize: Double = 440
  ) {
    let window = PlotWindow(x: grid.xs.first!...grid.xs.last!, y: grid.ys.first!...grid.ys.last!)
    self.grid = grid
    self.window = window
    let inside = criticalPoints.filter { $0.x.count >= 2 && window.contains(PlotPoint($0.x[0], $0.x[1])) }
    self.levels =
      levels
      ?? ContourLevels.automatic(
        for: grid.values, including: inside.map(\.value),
        minimum: inside.filter { $0.kind == .minimum }.map(\.value).min())
    self.runs = runs
    self.criticalPoints = criticalPoints
    self.title = title
    self.xAxis = xAxis
    self.yAxis = yAxis
    self.valueLabel = valueLabel
    self.shading = shading
    self.palette = palette
    self.colormap = colormap
    self.plotSize = plotSize
  }

  /// A plot of `function` sampled on a grid of `resolution` points along the longer side
  /// of `window` (default 161; the other side in proportion).
  public init(
    window: PlotWindow, resolution: Int = 161, levels: ContourLevels? = nil, runs: [PlotRun] = [],
    criticalPoints: [CriticalPoint] = [], title: String = "", xAxis: Axis = Axis("x"), yAxis: Axis = Axis("y"),
    valueLabel: String = "f", shading: Shading = .bands, function: (Double, Double) -> Double
  ) {
    let (columns, rows) = Self.gridSize(window: window, resolution: resolution)
    self.init(
      grid: ScalarGrid(window: window, columns: columns, rows: rows, function: function), levels: levels, runs: runs,
      criticalPoints: criticalPoints, title: title, xAxis: xAxis, yAxis: yAxis, valueLabel: valueLabel, shading: shading)
  }

  /// Grid points along each side for `resolution` points on the longer side.
  public static func gridSize(window: PlotWindow, resolution: Int) -> (columns: Int, rows: Int) {
    precondition(resolution >= 2, "resolution must be at least 2")
    let w = window.x.upperBound - window.x.lowerBound
    let h = window.y.upperBound - window.y.lowerBound
    let ratio = Swift.min(2, Swift.max(0.5, h / w))
    if ratio <= 1 {
      return (resolution, Swift.max(2, Int((Double(resolution - 1) * ratio).rounded()) + 1))
    }
    return (Swift.max(2, Int((Double(resolution - 1) / ratio).rounded()) + 1), resolution)
  }

  // MARK: Layout

  private var xTicks: Ticks { Ticks.linear(window.x, target: 6) }
  private var yTicks: Ticks { Ticks.linear(window.y, target: 6) }
  private var hasTitle: Bool { !title.isEmpty }

  /// The plot area and axis transforms: where data lands in the SVG.
  public func frame() -> PlotFrame {
    let w = window.x.upperBound - window.x.lowerBound
    let h = window.y.upperBound - window.y.lowerBound
    let ratio = Swift.min(2, Swift.max(0.5, h / w))
    let plotW = ratio <= 1 ? plotSize : plotSize / ratio
    let plotH = plotW * ratio
    let left = PlotFrame.leftMargin(yTicks: yTicks, hasLabel: !yAxis.label.isEmpty)
    let top = hasTitle ? 44.0 : 16.0
    return PlotFrame(
      left: left, top: top, width: plotW.rounded(), height: plotH.rounded(), xAxis: xAxis, xDomain: window.x, yAxis: yAxis,
      yDomain: window.y)
  }

  private var colorScale: LevelColorScale {
    LevelColorScale.forLevels(levels, range: grid.finiteRange ?? 0...1, colormap: colormap)
  }

  private var legend: Legend {
    var entries = RunLayer.legendEntries(runs: runs, palette: palette)
    entries += CriticalPointLayer.legendEntries(criticalPoints.filter { $0.x.count >= 2 && window.contains(PlotPoint($0.x[0], $0.x[1])) })
    if levels.isRequired.contains(true) {
      entries.append(Legend.Entry(symbol: .line(Color(hex: 0x1A1A1A), dashed: true), label: "level of a critical point"))
    }
    if grid.values.contains(where: \.isNaN) {
      entries.append(Legend.Entry(symbol: .swatch(ContourShading.undefinedColor), label: "f undefined (NaN)"))
    }
    return Legend(entries: entries)
  }

  /// A sentence describing the plot for screen readers.
  public var summary: String {
    func f(_ v: Double) -> String { Ticks.shortNumber(v) }
    var s = "Contour plot of \(valueLabel) over \(xAxis.label.isEmpty ? "x" : xAxis.label) from \(f(window.x.lowerBound)) to \(f(window.x.upperBound))"
    s += " and \(yAxis.label.isEmpty ? "y" : yAxis.label) from \(f(window.y.lowerBound)) to \(f(window.y.upperBound))"
    if let r = grid.finiteRange { s += "; values range from \(f(r.lowerBound)) to \(f(r.upperBound))" }
    s += "; \(levels.values.count) contour levels"
    if levels.isLogarithmic { s += ", spaced logarithmically above \(f(levels.offset))" }
    s += "."
    for run in runs {
      s += " Run \(run.label)"
      if !run.detail.isEmpty { s += " (\(run.detail))" }
      if let first = run.points.first, first.count >= 2 { s += " starts at (\(f(first[0])), \(f(first[1])))" }
      if run.diverged {
        s += " and diverges"
      } else if let last = run.points.last, last.count >= 2, let loss = run.losses.last {
        s += " and ends at (\(f(last[0])), \(f(last[1]))) with \(valueLabel) = \(f(loss)) after \(run.steps.last ?? 0) steps"
      }
      s += "."
    }
    let shown = criticalPoints.filter { $0.x.count >= 2 }
    if !shown.isEmpty {
      s += " Critical points: " + shown.map { "\($0.kind.rawValue) at (\(f($0.x[0])), \(f($0.x[1])))" }.joined(separator: ", ") + "."
    }
    return s
  }

  // MARK: Drawing

  /// The SVG document.
  public func svg() -> String {
    let frame = frame()
    let colorScale = colorScale
    let colorBar = ColorBar(
      colorScale: colorScale, levels: levels,
      label: levels.isLogarithmic && levels.offset != 0
        ? "\(valueLabel) − min \(valueLabel)  (min \(valueLabel) = \(Ticks.shortNumber(levels.offset)))" : valueLabel,
      banded: shading == .bands)
    let legend = legend
    let colorBarX = frame.right + 18
    let legendX = colorBarX + colorBar.width + 14
    let width = legendX + (legend.isEmpty ? 0 : legend.width) + 16
    let height = Swift.max(frame.bottom + 50, frame.top + legend.height + 16)

    var w = ChartDocument.begin(width: width, height: height, title: title.isEmpty ? "Contour plot" : title, description: summary)
    w.raw("<defs>")
    frame.clipPath(id: "plot-area", into: &w)
    w.raw("</defs>\n")
    w.open("g", [("clip-path", "url(#plot-area)")])
    w.newline()
    switch shading {
    case .bands:
      ContourShading.drawBands(grid: grid, levels: levels, colorScale: colorScale, frame: frame, into: &w)
    case .heatmap:
      ContourShading.drawHeatmap(grid: grid, colorScale: colorScale, frame: frame, into: &w)
    case .none:
      break
    }
    ContourShading.drawUndefined(grid: grid, frame: frame, into: &w)
    drawLines(frame: frame, colorScale: colorScale, into: &w)
    let position: (PlotRun, Int) -> PlotPoint? = { run, k in
      let x = run.points[k]
      return x.count >= 2 ? PlotPoint(x[0], x[1]) : nil
    }
    RunLayer.drawPaths(runs: runs, palette: palette, frame: frame, into: &w, position: position)
    w.close("g")
    CriticalPointLayer.draw(criticalPoints, frame: frame, into: &w) { c in c.x.count >= 2 ? PlotPoint(c.x[0], c.x[1]) : nil }
    RunLayer.drawMarkers(runs: runs, palette: palette, frame: frame, into: &w, position: position)
    frame.drawAxes(xTicks: xTicks, yTicks: yTicks, into: &w)
    colorBar.draw(x: colorBarX, top: frame.top, height: frame.height, into: &w)
    legend.draw(x: legendX, y: frame.top, into: &w)
    ChartDocument.title(title, x: frame.left, into: &w)
    return ChartDocument.end(&w)
  }

  private func drawLines(frame: PlotFrame, colorScale: LevelColorScale, into w: inout SVGWriter) {
    w.open("g", [("class", "contours"), ("fill", "none")])
    for (level, isRequired) in zip(levels.values, levels.isRequired) {
      var d = ""
      for line in MarchingSquares.contours(of: grid, at: level) {
        let pixels = line.points.map(frame.pixel)
        if line.isClosed {
          PathData.append(PolylineSimplification.simplifyRing(pixels, tolerance: 0.25), closed: true, to: &d)
        } else {
          PathData.append(PolylineSimplification.simplify(pixels, tolerance: 0.25), closed: false, to: &d)
        }
      }
      guard !d.isEmpty else { continue }
      var attributes = [("class", "contour"), ("data-level", String(level)), ("d", d)]
      if isRequired {
        attributes += [("stroke", "#1a1a1a"), ("stroke-width", "1.2"), ("stroke-dasharray", "5 3"), ("stroke-opacity", ".85")]
      } else if shading == .none {
        attributes += [("stroke", colorScale.color(level).mixed(with: .black, 0.15).description), ("stroke-width", "1.2")]
      } else {
        attributes += [("stroke", "#fff"), ("stroke-opacity", ".55"), ("stroke-width", ".8")]
      }
      w.element("path", attributes)
      w.newline()
    }
    w.close("g")
  }
}
