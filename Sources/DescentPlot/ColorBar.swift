/// The colour bar beside a contour plot or heatmap: the colour scale with tick labels, a
/// line at each contour level (dashed for the critical-value levels), and a label.
struct ColorBar {
  var colorScale: LevelColorScale
  var levels: ContourLevels
  var label: String
  /// Discrete bands (filled contours) instead of a continuous gradient.
  var banded: Bool

  static let barWidth = 14.0

  private var ticks: Ticks { Ticks.forDomain(colorScale.domain, scale: colorScale.scale, target: 6) }

  /// Width of bar, tick labels and the rotated label.
  var width: Double {
    let widest = ticks.labels.map { ChartDocument.textWidth($0, fontSize: 11) }.max() ?? 0
    return (Self.barWidth + 6 + widest + 22).rounded(.up)
  }

  func draw(x: Double, top: Double, height: Double, into w: inout SVGWriter) {
    let axis = AxisTransform(scale: colorScale.scale, domain: colorScale.domain, pixelStart: top + height, pixelEnd: top)
    func py(_ f: Double) -> Double {
      // f is a value of the function; the axis is in f − offset.
      let p = axis.pixel(f - colorScale.offset)
      return p.isNaN ? top + height : Swift.min(top + height, Swift.max(top, p))
    }
    let bw = Self.barWidth
    w.open("g", [("class", "colorbar")])
    if banded {
      var bounds: [Double?] = [nil]
      bounds += levels.values.map { Optional($0) }
      bounds.append(nil)
      for k in 0..<(bounds.count - 1) {
        let yLow = bounds[k].map(py) ?? (top + height)
        let yHigh = bounds[k + 1].map(py) ?? top
        guard yLow - yHigh > 0.05 else { continue }
        w.element(
          "rect",
          [("x", SVGNumber.pixel(x)), ("y", SVGNumber.pixel(yHigh)), ("width", SVGNumber.pixel(bw)), ("height", SVGNumber.pixel(yLow - yHigh)),
           ("fill", colorScale.bandColor(from: bounds[k], to: bounds[k + 1]).description)])
      }
    } else {
      w.raw("<defs><linearGradient id=\"colorbar-gradient\" x1=\"0\" y1=\"1\" x2=\"0\" y2=\"0\">")
      let anchors = colorScale.colormap.anchors
      for (k, c) in anchors.enumerated() {
        let offset = Double(k) / Double(anchors.count - 1)
        w.raw("<stop offset=\"\(SVGNumber.tenths(Int(tenthsOf: offset * 100)))%\" stop-color=\"\(c)\"/>")
      }
      w.raw("</linearGradient></defs>")
      w.element(
        "rect",
        [("x", SVGNumber.pixel(x)), ("y", SVGNumber.pixel(top)), ("width", SVGNumber.pixel(bw)), ("height", SVGNumber.pixel(height)), ("fill", "url(#colorbar-gradient)")])
    }
    // Level lines across the bar.
    var plain = ""
    var required = ""
    for (v, isRequired) in zip(levels.values, levels.isRequired) {
      let line = PathData.polyline([PlotPoint(x, py(v)), PlotPoint(x + bw, py(v))])
      if isRequired { required += line } else { plain += line }
    }
    if !plain.isEmpty { w.element("path", [("d", plain), ("stroke", "#fff"), ("stroke-opacity", ".7"), ("stroke-width", ".8")]) }
    if !required.isEmpty { w.element("path", [("d", required), ("stroke", "#1a1a1a"), ("stroke-width", "1.4")]) }
    w.element("rect", [("class", "fr"), ("x", SVGNumber.pixel(x)), ("y", SVGNumber.pixel(top)), ("width", SVGNumber.pixel(bw)), ("height", SVGNumber.pixel(height))])
    // Ticks and labels.
    let t = ticks
    var marks = ""
    for v in t.major { marks += PathData.polyline([PlotPoint(x + bw, axis.pixel(v)), PlotPoint(x + bw + 4, axis.pixel(v))]) }
    for v in t.minor { marks += PathData.polyline([PlotPoint(x + bw, axis.pixel(v)), PlotPoint(x + bw + 2.5, axis.pixel(v))]) }
    if !marks.isEmpty { w.element("path", [("class", "tm"), ("d", marks)]) }
    w.open("g", [("class", "tk")])
    for (v, text) in zip(t.major, t.labels) {
      w.element("text", [("x", SVGNumber.pixel(x + bw + 6)), ("y", SVGNumber.pixel(axis.pixel(v) + 4))], content: text)
    }
    w.close("g")
    let widest = t.labels.map { ChartDocument.textWidth($0, fontSize: 11) }.max() ?? 0
    let lx = x + bw + 6 + widest + 14
    let ly = top + height / 2
    w.element(
      "text",
      [("class", "ax"), ("text-anchor", "middle"), ("transform", "translate(\(SVGNumber.pixel(lx)) \(SVGNumber.pixel(ly))) rotate(-90)")],
      content: label)
    w.close("g")
  }
}
