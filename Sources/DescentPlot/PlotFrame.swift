/// The plot area of a chart and its two axes: where data lands in pixels, plus drawing of
/// the grid, frame, ticks and axis labels.
///
/// Pixel `y` grows downwards, so the y transform runs from the bottom of the area
/// (`pixelStart`) to its top (`pixelEnd`).
public struct PlotFrame: Sendable {
  /// Left edge of the plot area, pixels.
  public var left: Double
  /// Top edge of the plot area, pixels.
  public var top: Double
  public var width: Double
  public var height: Double
  public var x: AxisTransform
  public var y: AxisTransform
  public var xAxis: Axis
  public var yAxis: Axis

  public init(left: Double, top: Double, width: Double, height: Double, xAxis: Axis, xDomain: ClosedRange<Double>, yAxis: Axis, yDomain: ClosedRange<Double>) {
    self.left = left
    self.top = top
    self.width = width
    self.height = height
    self.xAxis = xAxis
    self.yAxis = yAxis
    x = AxisTransform(scale: xAxis.scale, domain: xDomain, pixelStart: left, pixelEnd: left + width)
    y = AxisTransform(scale: yAxis.scale, domain: yDomain, pixelStart: top + height, pixelEnd: top)
  }

  public var right: Double { left + width }
  public var bottom: Double { top + height }

  /// The pixel position of a data point (NaN coordinates when it cannot be shown).
  @inlinable
  public func pixel(_ p: PlotPoint) -> PlotPoint { PlotPoint(x.pixel(p.x), y.pixel(p.y)) }

  /// The data point at a pixel position.
  @inlinable
  public func dataPoint(atPixel p: PlotPoint) -> PlotPoint {
    PlotPoint(x.value(atPixel: p.x), y.value(atPixel: p.y))
  }

  /// Data polylines → pixel polylines cut to the plot area (plus `margin` pixels), each
  /// simplified to `tolerance` pixels. Points that cannot be shown break the line.
  public func pixelPolylines(_ points: [PlotPoint], margin: Double = 4, tolerance: Double = 0.3) -> [[PlotPoint]] {
    let pixels = points.map(pixel)
    let pieces = PolylineClipping.clip(
      pixels, minX: left - margin, minY: top - margin, maxX: right + margin, maxY: bottom + margin)
    return pieces.map { PolylineSimplification.simplify($0, tolerance: tolerance) }
  }

  /// `<clipPath id=…>` for the plot area.
  func clipPath(id: String, into w: inout SVGWriter) {
    w.raw("<clipPath id=\"\(id)\">")
    w.element(
      "rect",
      [("x", SVGNumber.pixel(left)), ("y", SVGNumber.pixel(top)), ("width", SVGNumber.pixel(width)), ("height", SVGNumber.pixel(height))])
    w.raw("</clipPath>\n")
  }

  /// Grid lines at the major (and, on log axes, minor) ticks.
  func drawGrid(xTicks: Ticks, yTicks: Ticks, into w: inout SVGWriter) {
    var minor = ""
    var major = ""
    for v in xTicks.minor {
      minor += PathData.polyline([PlotPoint(x.pixel(v), top), PlotPoint(x.pixel(v), bottom)])
    }
    for v in yTicks.minor {
      minor += PathData.polyline([PlotPoint(left, y.pixel(v)), PlotPoint(right, y.pixel(v))])
    }
    for v in xTicks.major {
      major += PathData.polyline([PlotPoint(x.pixel(v), top), PlotPoint(x.pixel(v), bottom)])
    }
    for v in yTicks.major {
      major += PathData.polyline([PlotPoint(left, y.pixel(v)), PlotPoint(right, y.pixel(v))])
    }
    if !minor.isEmpty { w.element("path", [("class", "gm"), ("d", minor)]); w.newline() }
    if !major.isEmpty { w.element("path", [("class", "g"), ("d", major)]); w.newline() }
  }

  /// Frame, tick marks, tick labels and axis labels.
  func drawAxes(xTicks: Ticks, yTicks: Ticks, into w: inout SVGWriter) {
    w.element(
      "rect",
      [("class", "fr"), ("x", SVGNumber.pixel(left)), ("y", SVGNumber.pixel(top)), ("width", SVGNumber.pixel(width)), ("height", SVGNumber.pixel(height))])
    w.newline()
    var marks = ""
    for v in xTicks.major { marks += PathData.polyline([PlotPoint(x.pixel(v), bottom), PlotPoint(x.pixel(v), bottom + 5)]) }
    for v in xTicks.minor { marks += PathData.polyline([PlotPoint(x.pixel(v), bottom), PlotPoint(x.pixel(v), bottom + 3)]) }
    for v in yTicks.major { marks += PathData.polyline([PlotPoint(left - 5, y.pixel(v)), PlotPoint(left, y.pixel(v))]) }
    for v in yTicks.minor { marks += PathData.polyline([PlotPoint(left - 3, y.pixel(v)), PlotPoint(left, y.pixel(v))]) }
    if !marks.isEmpty { w.element("path", [("class", "tm"), ("d", marks)]); w.newline() }

    w.open("g", [("class", "tk"), ("text-anchor", "middle")])
    for (v, label) in zip(xTicks.major, xTicks.labels) {
      w.element("text", [("x", SVGNumber.pixel(x.pixel(v))), ("y", SVGNumber.pixel(bottom + 18))], content: label)
    }
    w.close("g")
    w.open("g", [("class", "tk"), ("text-anchor", "end")])
    for (v, label) in zip(yTicks.major, yTicks.labels) {
      w.element("text", [("x", SVGNumber.pixel(left - 8)), ("y", SVGNumber.pixel(y.pixel(v) + 4))], content: label)
    }
    w.close("g")
    if !xAxis.label.isEmpty {
      w.element(
        "text", [("class", "ax"), ("x", SVGNumber.pixel(left + width / 2)), ("y", SVGNumber.pixel(bottom + 38)), ("text-anchor", "middle")],
        content: xAxis.label)
      w.newline()
    }
    if !yAxis.label.isEmpty {
      let widest = yTicks.labels.map { ChartDocument.textWidth($0, fontSize: 11) }.max() ?? 0
      let lx = left - 8 - widest - 12
      let ly = top + height / 2
      w.element(
        "text",
        [("class", "ax"), ("text-anchor", "middle"), ("transform", "translate(\(SVGNumber.pixel(lx)) \(SVGNumber.pixel(ly))) rotate(-90)")],
        content: yAxis.label)
      w.newline()
    }
  }

  /// Width needed left of the plot area for y tick labels and the axis label.
  static func leftMargin(yTicks: Ticks, hasLabel: Bool) -> Double {
    let widest = yTicks.labels.map { ChartDocument.textWidth($0, fontSize: 11) }.max() ?? 0
    return (8 + widest + (hasLabel ? 24 : 4) + 8).rounded(.up)
  }
}
