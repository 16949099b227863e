import DescentCore

/// Draws optimizer runs over a plot: each run's path in its palette colour on a white
/// halo (readable over any background), a dot per recorded step when there are few, ○ at
/// the start, ● at the end — or ✕ where a diverged run ends or leaves the plot area.
///
/// The path of run `k` is the `<path id="run-k">`; its points are the recorded points in
/// pixels, cut to the plot area and simplified to 0.3 px.
enum RunLayer {
  /// Draws `runs`, mapping each recorded point through `position` (nil to skip a point:
  /// e.g. a 2-D plot uses the first two coordinates).
  static func drawPaths(
    runs: [PlotRun], palette: Palette, frame: PlotFrame, into w: inout SVGWriter,
    position: (PlotRun, Int) -> PlotPoint?
  ) {
    for (k, run) in runs.enumerated() {
      let color = palette[k]
      let data = run.points.indices.map { position(run, $0) ?? PlotPoint(.nan, .nan) }
      let pieces = frame.pixelPolylines(data, margin: 4, tolerance: 0.3)
      let d = PathData.polylines(pieces)
      w.open("g", [("class", "run"), ("data-label", run.label)])
      if !d.isEmpty {
        w.element(
          "path",
          [("d", d), ("fill", "none"), ("stroke", "#fff"), ("stroke-opacity", ".85"), ("stroke-width", "4.5"), ("stroke-linejoin", "round"), ("stroke-linecap", "round")])
        w.element(
          "path",
          [("id", "run-\(k)"), ("d", d), ("fill", "none"), ("stroke", color.description), ("stroke-width", "2"), ("stroke-linejoin", "round"), ("stroke-linecap", "round")])
      }
      w.close("g")
    }
  }

  /// Draws the step dots, start and end markers (outside the plot area's clip, so a cross
  /// on the boundary shows whole).
  static func drawMarkers(
    runs: [PlotRun], palette: Palette, frame: PlotFrame, into w: inout SVGWriter,
    position: (PlotRun, Int) -> PlotPoint?
  ) {
    for (k, run) in runs.enumerated() {
      let color = palette[k]
      let data = run.points.indices.map { position(run, $0) ?? PlotPoint(.nan, .nan) }
      w.open("g", [("class", "run-markers"), ("data-label", run.label)])
      let pixels = data.map(frame.pixel)
      func inside(_ p: PlotPoint) -> Bool {
        p.isFinite && p.x >= frame.left - 0.5 && p.x <= frame.right + 0.5 && p.y >= frame.top - 0.5 && p.y <= frame.bottom + 0.5
      }
      // Step dots when the steps are few enough to see.
      let visible = pixels.filter(inside)
      if visible.count <= 60 && visible.count > 2 {
        var dots = ""
        for p in visible.dropFirst().dropLast() { dots += MarkerShape.circle.path(x: p.x, y: p.y, r: 2) }
        w.element("path", [("d", dots), ("fill", color.description)])
      }
      // Start.
      if let start = pixels.first, inside(start) {
        w.element("path", [("class", "start"), ("d", MarkerShape.circle.path(x: start.x, y: start.y, r: 5)), ("fill", "#fff"), ("stroke", color.description), ("stroke-width", "2")])
      }
      // End: the last finite point, or where the path leaves the plot.
      if let end = endPoint(pixels: pixels, frame: frame) {
        if run.diverged {
          let cross = MarkerShape.cross.path(x: end.point.x, y: end.point.y, r: 5)
          w.element("path", [("class", "end diverged"), ("d", cross), ("stroke", "#fff"), ("stroke-width", "5"), ("stroke-linecap", "round")])
          w.element("path", [("d", cross), ("stroke", color.description), ("stroke-width", "2.4"), ("stroke-linecap", "round")])
        } else if end.insideFrame {
          w.element("path", [("class", "end"), ("d", MarkerShape.circle.path(x: end.point.x, y: end.point.y, r: 4.5)), ("fill", color.description), ("stroke", "#fff"), ("stroke-width", "1.5")])
        }
      }
      w.close("g")
    }
  }

  /// Where to put the end marker: the last finite point if it is inside the frame,
  /// otherwise the point where the path last leaves the frame.
  static func endPoint(pixels: [PlotPoint], frame: PlotFrame) -> (point: PlotPoint, insideFrame: Bool)? {
    guard let lastIndex = pixels.lastIndex(where: \.isFinite) else { return nil }
    let last = pixels[lastIndex]
    let inFrame = last.x >= frame.left && last.x <= frame.right && last.y >= frame.top && last.y <= frame.bottom
    if inFrame { return (last, true) }
    let pieces = PolylineClipping.clip(
      Array(pixels[...lastIndex]), minX: frame.left, minY: frame.top, maxX: frame.right, maxY: frame.bottom)
    guard let exit = pieces.last?.last else { return nil }
    return (exit, false)
  }

  /// Legend entries for the runs.
  static func legendEntries(runs: [PlotRun], palette: Palette) -> [Legend.Entry] {
    runs.enumerated().map { k, run in
      Legend.Entry(symbol: .line(palette[k], dashed: false), label: run.label, detail: run.legendDetail)
    }
  }
}

/// Draws known critical points with one marker shape per kind (white fill, dark outline).
enum CriticalPointLayer {
  static let stroke = Color(hex: 0x1A1A1A)

  static func draw(_ points: [CriticalPoint], frame: PlotFrame, into w: inout SVGWriter, position: (CriticalPoint) -> PlotPoint?) {
    guard !points.isEmpty else { return }
    w.open("g", [("class", "critical-points"), ("fill", "#fff"), ("stroke", stroke.description), ("stroke-width", "1.4")])
    for c in points {
      guard let p = position(c) else { continue }
      let px = frame.pixel(p)
      guard px.isFinite, px.x >= frame.left - 1, px.x <= frame.right + 1, px.y >= frame.top - 1, px.y <= frame.bottom + 1 else { continue }
      let shape = MarkerShape.forKind(c.kind)
      w.element("path", [("class", c.kind.rawValue), ("d", shape.path(x: px.x, y: px.y, r: 5.5))])
    }
    w.close("g")
  }

  /// One legend entry per kind present, in the order minimum, maximum, saddle, degenerate.
  static func legendEntries(_ points: [CriticalPoint]) -> [Legend.Entry] {
    let kinds = Set(points.map(\.kind))
    return PointKind.allCases.filter(kinds.contains).map { kind in
      let count = points.filter { $0.kind == kind }.count
      let name: String
      switch kind {
      case .minimum: name = count == 1 ? "minimum" : "minima"
      case .maximum: name = count == 1 ? "maximum" : "maxima"
      case .saddle: name = count == 1 ? "saddle point" : "saddle points"
      case .degenerate: name = count == 1 ? "degenerate point" : "degenerate points"
      }
      return Legend.Entry(symbol: .marker(MarkerShape.forKind(kind), fill: .white, stroke: stroke), label: count > 1 ? "\(count) \(name)" : name)
    }
  }
}
