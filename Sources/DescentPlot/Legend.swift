/// A legend: a column of entries, each a symbol, a label and an optional grey detail line
/// (wrapped at commas to fit).
struct Legend {
  enum Symbol {
    /// A short line in the run's colour, with an optional marker on it.
    case line(Color, dashed: Bool)
    /// A marker with a fill and stroke colour.
    case marker(MarkerShape, fill: Color, stroke: Color)
    /// A filled square.
    case swatch(Color)
  }

  struct Entry {
    var symbol: Symbol
    var label: String
    var detail: String = ""
  }

  var entries: [Entry]
  var title: String = ""
  var maxWidth: Double = 230

  var isEmpty: Bool { entries.isEmpty }

  private func detailLines(_ detail: String) -> [String] {
    guard !detail.isEmpty else { return [] }
    let available = maxWidth - 26
    var lines: [String] = []
    var current = ""
    // Break after ", " or " · " when the line would overflow.
    var tokens: [String] = []
    var token = ""
    for c in detail {
      token.append(c)
      if c == " " {
        tokens.append(token)
        token = ""
      }
    }
    if !token.isEmpty { tokens.append(token) }
    for t in tokens {
      if !current.isEmpty && ChartDocument.textWidth(current + t, fontSize: 10.5) > available {
        lines.append(current.trimmingTrailingSpaces())
        current = t
      } else {
        current += t
      }
    }
    if !current.isEmpty { lines.append(current.trimmingTrailingSpaces()) }
    return lines
  }

  /// The width the legend needs.
  var width: Double {
    var widest = ChartDocument.textWidth(title, fontSize: 12)
    for e in entries {
      widest = Swift.max(widest, 26 + ChartDocument.textWidth(e.label, fontSize: 12))
      for line in detailLines(e.detail) {
        widest = Swift.max(widest, 26 + ChartDocument.textWidth(line, fontSize: 10.5))
      }
    }
    return Swift.min(maxWidth, widest.rounded(.up))
  }

  /// The height the legend needs.
  var height: Double {
    var h = title.isEmpty ? 0 : 20.0
    for e in entries { h += 20 + 13 * Double(detailLines(e.detail).count) }
    return h
  }

  /// Draws the legend with its top-left corner at `(x, y)`.
  func draw(x: Double, y: Double, into w: inout SVGWriter) {
    guard !entries.isEmpty else { return }
    w.open("g", [("class", "legend")])
    var cy = y
    if !title.isEmpty {
      w.element("text", [("class", "lg"), ("x", SVGNumber.pixel(x)), ("y", SVGNumber.pixel(cy + 12)), ("font-weight", "600")], content: title)
      cy += 20
    }
    for e in entries {
      let my = cy + 8
      switch e.symbol {
      case .line(let color, let dashed):
        var attributes = [
          ("d", PathData.polyline([PlotPoint(x, my), PlotPoint(x + 18, my)])), ("stroke", color.description),
          ("stroke-width", "2.5"), ("fill", "none"),
        ]
        if dashed { attributes.append(("stroke-dasharray", "5 3")) }
        w.element("path", attributes)
      case .marker(let shape, let fill, let stroke):
        w.element(
          "path",
          [("d", shape.path(x: x + 9, y: my, r: 5)), ("fill", shape == .cross ? "none" : fill.description), ("stroke", stroke.description), ("stroke-width", shape == .cross ? "2.2" : "1.4")])
      case .swatch(let color):
        w.element("rect", [("x", SVGNumber.pixel(x + 3)), ("y", SVGNumber.pixel(my - 6)), ("width", "12"), ("height", "12"), ("fill", color.description), ("stroke", "#999"), ("stroke-width", ".5")])
      }
      w.element("text", [("class", "lg"), ("x", SVGNumber.pixel(x + 26)), ("y", SVGNumber.pixel(my + 4))], content: e.label)
      var ly = my + 4
      for line in detailLines(e.detail) {
        ly += 13
        w.element("text", [("class", "lgd"), ("x", SVGNumber.pixel(x + 26)), ("y", SVGNumber.pixel(ly))], content: line)
      }
      cy += 20 + 13 * Double(detailLines(e.detail).count)
    }
    w.close("g")
  }
}

extension String {
  func trimmingTrailingSpaces() -> String {
    var s = self
    while s.last == " " { s.removeLast() }
    return s
  }
}
