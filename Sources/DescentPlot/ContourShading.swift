/// The colour under the contour lines: filled bands between levels, or a heatmap.
///
/// **Filled bands** are exact polygons, not pixels. The grid is padded with a border of
/// zero-width cells holding a value below every level, so the level set at each level
/// `Lₖ` becomes closed rings bounding the region `{f ≥ Lₖ}`. The plot area is painted in
/// the colour of the lowest band and each region `{f ≥ Lₖ}` is filled on top, lowest level
/// first, with the even-odd rule (so holes come out right). Size grows with the length of
/// the contours, not with the number of pixels.
///
/// **Heatmap**: one pixel per grid cell in an embedded palette PNG (``PNGEncoder``:
/// 8-bit indices, zlib stored blocks). Measured on Himmelblau's function (161² grid, log
/// colour scale, `himmelblau_heatmap` in `scripts/render_plots.sh`): rectangles merged
/// along rows, one `<path>` per colour, made a 253 kB SVG even with only 48 colours; the
/// PNG is 26 kB raw, 35 kB as base64 (51 kB for the whole SVG) with 255 colours, and
/// viewers smooth it when scaling. The rectangles would stay vector and avoid `<image>`
/// (which a few sanitizers strip), but at 5× the size the PNG wins.
/// Filled bands remain the default and need no image.
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

  /// Paints the heatmap into `w`: one pixel per grid cell (the mean of its corners),
  /// 255 colours of the colour scale plus grey for NaN, as an embedded PNG stretched over
  /// the plot area (viewers smooth it).
  static func drawHeatmap(grid: ScalarGrid, colorScale: LevelColorScale, frame: PlotFrame, into w: inout SVGWriter) {
    let steps = 255
    let width = grid.columns - 1
    let height = grid.rows - 1
    var pixels = [UInt8](repeating: 0, count: width * height)
    for j in 0..<height {
      let row = height - 1 - j  // PNG rows run top-down, grid rows bottom-up
      for i in 0..<width {
        let s = grid[i, j] + grid[i + 1, j] + grid[i, j + 1] + grid[i + 1, j + 1]
        pixels[row * width + i] = s.isNaN ? UInt8(steps) : UInt8(Swift.min(steps - 1, Int(colorScale.fraction(s / 4) * Double(steps))))
      }
    }
    var palette = (0..<steps).map { colorScale.colormap.color(at: (Double($0) + 0.5) / Double(steps)) }
    palette.append(undefinedColor)
    let png = PNGEncoder.indexed(width: width, height: height, pixels: pixels, palette: palette)
    w.element(
      "image",
      [
        ("class", "heatmap"), ("xmlns:xlink", "http://www.w3.org/1999/xlink"),
        ("x", SVGNumber.pixel(frame.x.pixel(grid.xs[0]))), ("y", SVGNumber.pixel(frame.y.pixel(grid.ys[grid.rows - 1]))),
        ("width", SVGNumber.pixel(frame.x.pixel(grid.xs[grid.columns - 1]) - frame.x.pixel(grid.xs[0]))),
        ("height", SVGNumber.pixel(frame.y.pixel(grid.ys[0]) - frame.y.pixel(grid.ys[grid.rows - 1]))),
        ("preserveAspectRatio", "none"), ("xlink:href", "data:image/png;base64," + PNGEncoder.base64(png)),
      ])
    w.newline()
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
