import DescentCore

/// A line chart: several ``Series`` against linear or log axes, with optional reference
/// lines, a rug of tick marks along the bottom, and (for 1-D landscapes) runs and critical
/// points drawn at `(x, f(x))`.
///
/// ```swift
/// let chart = LineChart(
///   series: [Series("GD", x: steps, y: losses)],
///   xAxis: Axis("step"), yAxis: Axis("loss", scale: .log), title: "Loss")
/// let svg = chart.svg()
/// ```
public struct LineChart: Sendable {
  public var series: [Series]
  public var xAxis: Axis
  public var yAxis: Axis
  public var title: String
  public var referenceLines: [ReferenceLine]
  /// `x` positions drawn as short ticks along the bottom of the plot (eigenvalues).
  public var rug: [Double]
  /// Legend text for the rug.
  public var rugLabel: String
  /// Runs drawn at `(x₀, loss)` with start and end markers (1-D landscapes).
  public var runs: [PlotRun]
  /// Critical points drawn at `(x₀, value)`.
  public var criticalPoints: [CriticalPoint]
  /// A legend entry explaining off-scale ✕ marks, when any series has `y = +∞`.
  public var offScaleLabel: String
  public var palette: Palette
  public var plotWidth: Double
  public var plotHeight: Double
  /// Extra sentence for the screen-reader description.
  public var note: String

  public init(
    series: [Series], xAxis: Axis = Axis(), yAxis: Axis = Axis(), title: String = "", referenceLines: [ReferenceLine] = [],
    rug: [Double] = [], rugLabel: String = "", runs: [PlotRun] = [], criticalPoints: [CriticalPoint] = [],
    offScaleLabel: String = "off scale", palette: Palette = .okabeIto, plotWidth: Double = 520, plotHeight: Double = 320,
    note: String = ""
  ) {
    self.series = series
    self.xAxis = xAxis
    self.yAxis = yAxis
    self.title = title
    self.referenceLines = referenceLines
    self.rug = rug
    self.rugLabel = rugLabel
    self.runs = runs
    self.criticalPoints = criticalPoints
    self.offScaleLabel = offScaleLabel
    self.palette = palette
    self.plotWidth = plotWidth
    self.plotHeight = plotHeight
    self.note = note
  }

  private func runPoint(_ run: PlotRun, _ k: Int) -> PlotPoint? {
    guard let x = run.points[k].first else { return nil }
    return PlotPoint(x, run.losses[k])
  }

  /// The x and y ranges shown.
  public func domains() -> (x: ClosedRange<Double>, y: ClosedRange<Double>) {
    var xs: [Double] = []
    var ys: [Double] = []
    for s in series {
      for p in s.points where xAxis.canShow(p.x) {
        if yAxis.canShow(p.y) {
          xs.append(p.x)
          ys.append(p.y)
        } else if p.y == .infinity {
          xs.append(p.x)
        }
      }
    }
    for run in runs {
      for k in run.points.indices {
        if let p = runPoint(run, k), xAxis.canShow(p.x), yAxis.canShow(p.y) {
          xs.append(p.x)
          ys.append(p.y)
        }
      }
    }
    for c in criticalPoints where !c.x.isEmpty && xAxis.canShow(c.x[0]) && yAxis.canShow(c.value) {
      xs.append(c.x[0])
      ys.append(c.value)
    }
    for r in referenceLines {
      switch r.orientation {
      case .vertical: if xAxis.canShow(r.value) { xs.append(r.value) }
      case .horizontal: if yAxis.canShow(r.value) { ys.append(r.value) }
      }
    }
    xs += rug.filter(xAxis.canShow)
    let xd = xAxis.resolvedDomain(dataMin: xs.min() ?? .nan, dataMax: xs.max() ?? .nan, niceEnds: xAxis.scale == .log)
    var yMin = ys.min() ?? .nan
    if series.contains(where: { $0.style == .area }), yAxis.scale == .linear, yMin > 0 { yMin = 0 }
    let yd = yAxis.resolvedDomain(dataMin: yMin, dataMax: ys.max() ?? .nan)
    return (xd, yd)
  }

  private var ticks: (x: Ticks, y: Ticks) {
    let (xd, yd) = domains()
    return (Ticks.forDomain(xd, scale: xAxis.scale, target: 7), Ticks.forDomain(yd, scale: yAxis.scale, target: 6))
  }

  /// The plot area and axis transforms.
  public func frame() -> PlotFrame {
    let (xd, yd) = domains()
    let left = PlotFrame.leftMargin(yTicks: ticks.y, hasLabel: !yAxis.label.isEmpty)
    return PlotFrame(
      left: left, top: title.isEmpty ? 16 : 44, width: plotWidth, height: plotHeight, xAxis: xAxis, xDomain: xd, yAxis: yAxis,
      yDomain: yd)
  }

  private func color(_ index: Int) -> Color { series[index].color ?? palette[index] }

  private var legend: Legend {
    var entries: [Legend.Entry] = []
    for (k, s) in series.enumerated() where !s.label.isEmpty {
      let symbol: Legend.Symbol =
        s.style == .markers ? .marker(.circle, fill: color(k), stroke: color(k)) : .line(color(k), dashed: s.dashed)
      entries.append(Legend.Entry(symbol: symbol, label: s.label, detail: s.detail))
    }
    let runPalette = Palette(Array(palette.colors.dropFirst(series.count % palette.colors.count)) + Array(palette.colors.prefix(series.count % palette.colors.count)))
    entries += RunLayer.legendEntries(runs: runs, palette: runPalette)
    entries += CriticalPointLayer.legendEntries(criticalPoints)
    if series.contains(where: { $0.points.contains { $0.y == .infinity } }) {
      entries.append(Legend.Entry(symbol: .marker(.cross, fill: .white, stroke: Color(hex: 0x444444)), label: offScaleLabel))
    }
    if !rug.isEmpty && !rugLabel.isEmpty {
      entries.append(Legend.Entry(symbol: .line(Color(hex: 0x333333), dashed: false), label: rugLabel))
    }
    return Legend(entries: entries)
  }

  /// A sentence describing the chart for screen readers.
  public var summary: String {
    let (xd, yd) = domains()
    func f(_ v: Double) -> String { Ticks.shortNumber(v) }
    var s = "Line chart of \(yAxis.label.isEmpty ? "y" : yAxis.label)\(yAxis.scale == .log ? " (log scale)" : "")"
    s += " against \(xAxis.label.isEmpty ? "x" : xAxis.label)\(xAxis.scale == .log ? " (log scale)" : "")"
    s += ", x from \(f(xd.lowerBound)) to \(f(xd.upperBound)), y from \(f(yd.lowerBound)) to \(f(yd.upperBound))."
    for sr in series {
      let shown = sr.points.filter { xAxis.canShow($0.x) && yAxis.canShow($0.y) }
      s += " \(sr.label.isEmpty ? "Series" : sr.label): \(sr.points.count) points"
      if let first = shown.first, let last = shown.last {
        s += ", from (\(f(first.x)), \(f(first.y))) to (\(f(last.x)), \(f(last.y)))"
      }
      s += "."
    }
    for r in referenceLines where !r.label.isEmpty { s += " Reference line: \(r.label)." }
    if !note.isEmpty { s += " " + note }
    return s
  }

  /// The SVG document.
  public func svg() -> String {
    let frame = frame()
    let (xTicks, yTicks) = ticks
    let legend = legend
    let legendX = frame.right + 20
    let width = legendX + (legend.isEmpty ? 0 : legend.width) + 16
    let height = Swift.max(frame.bottom + 50, frame.top + legend.height + 16)
    var w = ChartDocument.begin(width: width, height: height, title: title.isEmpty ? "Line chart" : title, description: summary)
    w.raw("<defs>")
    frame.clipPath(id: "plot-area", into: &w)
    w.raw("</defs>\n")
    frame.drawGrid(xTicks: xTicks, yTicks: yTicks, into: &w)
    w.open("g", [("clip-path", "url(#plot-area)")])
    w.newline()
    drawReferenceLines(frame: frame, into: &w)
    for (k, s) in series.enumerated() { draw(series: s, index: k, frame: frame, into: &w) }
    if !rug.isEmpty {
      var d = ""
      for v in rug where xAxis.canShow(v) {
        let px = frame.x.pixel(v)
        d += PathData.polyline([PlotPoint(px, frame.bottom), PlotPoint(px, frame.bottom - 9)])
      }
      w.element("path", [("class", "rug"), ("d", d), ("stroke", "#333"), ("stroke-opacity", ".7"), ("stroke-width", "1")])
      w.newline()
    }
    let runPalette = Palette(Array(palette.colors.dropFirst(series.count % palette.colors.count)) + Array(palette.colors.prefix(series.count % palette.colors.count)))
    RunLayer.drawPaths(runs: runs, palette: runPalette, frame: frame, into: &w, position: runPoint)
    w.close("g")
    CriticalPointLayer.draw(criticalPoints, frame: frame, into: &w) { c in c.x.isEmpty ? nil : PlotPoint(c.x[0], c.value) }
    RunLayer.drawMarkers(runs: runs, palette: runPalette, frame: frame, into: &w, position: runPoint)
    drawOffScale(frame: frame, into: &w)
    frame.drawAxes(xTicks: xTicks, yTicks: yTicks, into: &w)
    drawReferenceLabels(frame: frame, into: &w)
    legend.draw(x: legendX, y: frame.top, into: &w)
    ChartDocument.title(title, x: frame.left, into: &w)
    return ChartDocument.end(&w)
  }

  private func draw(series s: Series, index k: Int, frame: PlotFrame, into w: inout SVGWriter) {
    let c = color(k)
    let shown = s.points.map { p -> PlotPoint in
      xAxis.canShow(p.x) && yAxis.canShow(p.y) ? p : PlotPoint(.nan, .nan)
    }
    w.open("g", [("class", "series"), ("data-label", s.label)])
    if s.style != .markers {
      let pieces = frame.pixelPolylines(shown, margin: 4, tolerance: 0.3)
      if s.style == .area {
        var fill = ""
        for piece in pieces where piece.count >= 2 {
          let closedPiece = piece + [PlotPoint(piece.last!.x, frame.bottom), PlotPoint(piece.first!.x, frame.bottom)]
          PathData.append(closedPiece, closed: true, to: &fill)
        }
        if !fill.isEmpty { w.element("path", [("d", fill), ("fill", c.description), ("fill-opacity", ".22")]) }
      }
      let d = PathData.polylines(pieces)
      if !d.isEmpty {
        var attributes = [
          ("id", "series-\(k)"), ("d", d), ("fill", "none"), ("stroke", c.description), ("stroke-width", "2"),
          ("stroke-linejoin", "round"), ("stroke-linecap", "round"),
        ]
        if s.dashed { attributes.append(("stroke-dasharray", "6 4")) }
        w.element("path", attributes)
      }
    }
    if s.style == .markers || s.style == .lineAndMarkers {
      var d = ""
      for p in shown where p.isFinite {
        let q = frame.pixel(p)
        d += MarkerShape.circle.path(x: q.x, y: q.y, r: 3.2)
      }
      if !d.isEmpty { w.element("path", [("d", d), ("fill", c.description), ("stroke", "#fff"), ("stroke-width", "1")]) }
    }
    w.close("g")
  }

  private func drawOffScale(frame: PlotFrame, into w: inout SVGWriter) {
    var any = false
    for (k, s) in series.enumerated() {
      var d = ""
      for p in s.points where p.y == .infinity && xAxis.canShow(p.x) {
        let px = frame.x.pixel(p.x)
        guard px >= frame.left - 1 && px <= frame.right + 1 else { continue }
        d += MarkerShape.cross.path(x: px, y: frame.top, r: 4.5)
      }
      guard !d.isEmpty else { continue }
      if !any { w.open("g", [("class", "off-scale"), ("stroke-linecap", "round")]); any = true }
      w.element("path", [("d", d), ("stroke", "#fff"), ("stroke-width", "4.5")])
      w.element("path", [("d", d), ("stroke", color(k).description), ("stroke-width", "2.2")])
    }
    if any { w.close("g") }
  }

  private func drawReferenceLines(frame: PlotFrame, into w: inout SVGWriter) {
    for r in referenceLines {
      let d: String
      switch r.orientation {
      case .vertical:
        let px = frame.x.pixel(r.value)
        guard px.isFinite else { continue }
        d = PathData.polyline([PlotPoint(px, frame.top), PlotPoint(px, frame.bottom)])
      case .horizontal:
        let py = frame.y.pixel(r.value)
        guard py.isFinite else { continue }
        d = PathData.polyline([PlotPoint(frame.left, py), PlotPoint(frame.right, py)])
      }
      w.element("path", [("class", "reference"), ("d", d), ("stroke", r.color.description), ("stroke-width", "1.3"), ("stroke-dasharray", "6 4")])
      w.newline()
    }
  }

  private func drawReferenceLabels(frame: PlotFrame, into w: inout SVGWriter) {
    for r in referenceLines where !r.label.isEmpty {
      var attributes: [(String, String)] = [
        ("class", "note"), ("stroke", "#fff"), ("stroke-width", "3"), ("paint-order", "stroke"), ("stroke-linejoin", "round"),
      ]
      switch r.orientation {
      case .vertical:
        let px = frame.x.pixel(r.value)
        guard px.isFinite, px >= frame.left, px <= frame.right else { continue }
        let roomRight = frame.right - px > ChartDocument.textWidth(r.label, fontSize: 10.5) + 8
        attributes += [
          ("x", SVGNumber.pixel(roomRight ? px + 5 : px - 5)), ("y", SVGNumber.pixel(frame.top + 26)),
          ("text-anchor", roomRight ? "start" : "end"),
        ]
      case .horizontal:
        let py = frame.y.pixel(r.value)
        guard py.isFinite, py >= frame.top, py <= frame.bottom else { continue }
        attributes += [("x", SVGNumber.pixel(frame.right - 5)), ("y", SVGNumber.pixel(py - 5)), ("text-anchor", "end")]
      }
      w.element("text", attributes, content: r.label)
      w.newline()
    }
  }
}
