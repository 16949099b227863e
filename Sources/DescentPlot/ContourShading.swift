/// The colour under the contour lines: filled bands between levels, or a heatmap.
///
/// **Filled bands** are exact polygons, not pixels. The grid is padded with a border of
/// zero-width cells holding a value below every level, so the level set at each level
/// `Lₖ` becomes closed rings bounding the region `{f ≥ Lₖ}`. The plot area is painted in
/// the colour of the lowest band and each region `{f ≥ Lₖ}` is filled on top, lowest level
/// first, with the even-odd rule (so holes come out right). Size grows with the length of
/// the contours, not with the number of pixels.
///
/// **Heatmap** cells are quantized to 48 colours and drawn as rectangles merged along
/// each row where neighbours share a colour, one `<path>` per colour. This was chosen over
/// an embedded PNG: an uncompressed (zlib "stored") PNG of a 160×160 grid is 77 kB of
/// RGB before base64's 4/3 growth, while the merged rectangles of a smooth landscape take
/// 30–60 kB, stay vector (crisp at any zoom) and need no `<image>` element, which some
/// SVG viewers and sanitizers drop.
///
/// NaN cells (any corner NaN) are drawn grey in both modes; ±∞ take the end colours.
enum ContourShading {
  static let undefinedColor = Color(hex: 0xBDBDBD)

  /// Paints filled bands for `levels` into `w`.
  static func drawBands(
    grid: ScalarGrid, levels: ContourLevels, colorScale: LevelColorScale, frame: PlotFrame, into w: inout SVGWriter
  ) {
    guard let range = grid.finiteRange else { return }
    let lowest = Swift.min(levels.values.first ?? range.lowerBound, range.lowerBound)
    let highest = Swift.max(levels.values.last ?? range.upperBound, range.upperBound)
    let span = Swift.max(1, highest - lowest)
    let pad = lowest - span
    let top = highest + span
    let padded = grid.padded(with: pad) { v in
      if v.isNaN { return pad }
      if v == .infinity { return top }
      if v == -.infinity { return pad }
      return v
    }
    w.open("g", [("class", "bands")])
    w.element(
      "rect",
      [("x", SVGNumber.pixel(frame.left)), ("y", SVGNumber.pixel(frame.top)), ("width", SVGNumber.pixel(frame.width)), ("height", SVGNumber.pixel(frame.height)),
       ("fill", colorScale.bandColor(from: nil, to: levels.values.first).description)])
    for (k, level) in levels.values.enumerated() {
      let rings = MarchingSquares.contours(of: padded, at: level)
      var d = ""
      for ring in rings {
        let pixels = ring.points.map(frame.pixel)
        let simplified = PolylineSimplification.simplifyRing(pixels, tolerance: 0.3)
        PathData.append(simplified, closed: true, to: &d)
      }
      guard !d.isEmpty else { continue }
      let next = k + 1 < levels.values.count ? levels.values[k + 1] : nil
      w.element("path", [("d", d), ("fill", colorScale.bandColor(from: level, to: next).description), ("fill-rule", "evenodd")])
    }
    w.close("g")
  }

  /// Paints a quantized heatmap into `w`.
  static func drawHeatmap(grid: ScalarGrid, colorScale: LevelColorScale, frame: PlotFrame, into w: inout SVGWriter) {
    let steps = 48
    var paths = [String](repeating: "", count: steps)
    let nx = grid.columns
    let xp = grid.xs.map { Int(tenthsOf: frame.x.pixel($0)) }
    let yp = grid.ys.map { Int(tenthsOf: frame.y.pixel($0)) }
    for j in 0..<(grid.rows - 1) {
      var runStart = 0
      var runColor = -2
      func flush(_ end: Int) {
        guard runColor >= 0 else { return }
        let x0 = xp[runStart]
        let x1 = xp[end]
        let y0 = yp[j + 1]
        let y1 = yp[j]
        paths[runColor] += "M" + SVGNumber.tenths(x0) + " " + SVGNumber.tenths(y0) + "h" + SVGNumber.tenths(x1 - x0)
          + "v" + SVGNumber.tenths(y1 - y0) + "h" + SVGNumber.tenths(x0 - x1) + "z"
      }
      for i in 0..<(nx - 1) {
        let s = grid[i, j] + grid[i + 1, j] + grid[i, j + 1] + grid[i + 1, j + 1]
        let code: Int
        if s.isNaN {
          code = -1
        } else {
          code = Swift.min(steps - 1, Int(colorScale.fraction(s / 4) * Double(steps)))
        }
        if code != runColor {
          flush(i)
          runStart = i
          runColor = code
        }
      }
      flush(nx - 1)
    }
    w.open("g", [("class", "heatmap"), ("shape-rendering", "crispEdges")])
    for (k, d) in paths.enumerated() where !d.isEmpty {
      w.element("path", [("d", d), ("fill", colorScale.colormap.color(at: (Double(k) + 0.5) / Double(steps)).description)])
    }
    w.close("g")
  }

  /// Greys out cells with a NaN corner; returns whether there were any.
  @discardableResult
  static func drawUndefined(grid: ScalarGrid, frame: PlotFrame, into w: inout SVGWriter) -> Bool {
    let nx = grid.columns
    let xp = grid.xs.map { Int(tenthsOf: frame.x.pixel($0)) }
    let yp = grid.ys.map { Int(tenthsOf: frame.y.pixel($0)) }
    var d = ""
    for j in 0..<(grid.rows - 1) {
      var start = -1
      for i in 0...(nx - 1) {
        let undefined = i < nx - 1 && (grid[i, j].isNaN || grid[i + 1, j].isNaN || grid[i, j + 1].isNaN || grid[i + 1, j + 1].isNaN)
        if undefined && start < 0 { start = i }
        if !undefined && start >= 0 {
          d += "M" + SVGNumber.tenths(xp[start]) + " " + SVGNumber.tenths(yp[j + 1]) + "h" + SVGNumber.tenths(xp[i] - xp[start])
            + "v" + SVGNumber.tenths(yp[j] - yp[j + 1]) + "h" + SVGNumber.tenths(xp[start] - xp[i]) + "z"
          start = -1
        }
      }
    }
    guard !d.isEmpty else { return false }
    w.element("path", [("class", "undefined"), ("d", d), ("fill", undefinedColor.description), ("shape-rendering", "crispEdges")])
    return true
  }
}
