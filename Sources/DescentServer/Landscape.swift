import DescentAnalysis
import DescentCore
import DescentPlot

/// `POST /api/landscape`: the function sampled on a grid over a window, with the contour
/// levels and lines and the colour of every grid point — everything the page draws, from
/// DescentPlot's level choice, colour scale and marching squares (the SVG plots' own), so
/// the page and `descent run --plot` draw the same contours.
///
/// Response:
/// ```json
/// {"function": {...}, "window": {"x": [lo, hi], "y": [lo, hi]},
///  "grid": {"columns": n, "rows": n, "values": [f(x0,y0), f(x1,y0), …]},   (row-major, y up;
///          single precision; left out with "values": false)
///  "range": [min, max], "levels": [{"value": v, "emphasized": false}, …], "logarithmic": bool,
///  "contours": [{"level": i, "closed": bool, "points": [x0, y0, x1, y1, …]}, …],
///  "shade": [0…254 or 255 for undefined, …], "palette": ["#440154", …]}
/// ```
enum Landscape {
  static func respond(_ request: LandscapeRequest) throws(APIError) -> [UInt8] {
    let function = try NavigatorFunction.resolve(request.function)
    let window = try request.window.map { w throws(APIError) in try w.ranges(field: "window") } ?? function.window
    let n = try checkedInt(request.resolution, default: 160, in: ServerLimits.landscapeResolution, field: "resolution")
    let levelCount = try checkedInt(request.levels, default: 14, in: ServerLimits.contourLevels, field: "levels")
    var spacing = ContourLevels.Spacing.automatic
    if let text = request.spacing {
      guard let s = ContourLevels.Spacing(rawValue: text) else {
        let choices = ContourLevels.Spacing.allCases.map(\.rawValue)
        let suggestion = Suggest.closest(to: text, in: choices)
        throw APIError(
          .badRequest,
          "unknown spacing '\(text)'" + (suggestion.map { "; did you mean '\($0)'?" } ?? "")
            + " (choices: \(choices.joined(separator: ", ")))", field: "spacing", suggestion: suggestion)
      }
      spacing = s
    }
    return render(
      function, window: window, resolution: n, levelCount: levelCount, spacing: spacing,
      includeValues: request.values ?? true)
  }

  /// The known critical values inside the window, drawn as emphasized levels (the level
  /// through a saddle shows its X).
  static func render(
    _ function: NavigatorFunction, window: [ClosedRange<Double>], resolution n: Int, levelCount: Int,
    spacing: ContourLevels.Spacing = .automatic, includeValues: Bool = true
  ) -> [UInt8] {
    // The sample points of DescentPlot's ScalarGrid(window:columns:rows:).
    let xs = (0..<n).map { window[0].lowerBound + (window[0].upperBound - window[0].lowerBound) * Double($0) / Double(n - 1) }
    let ys = (0..<n).map { window[1].lowerBound + (window[1].upperBound - window[1].lowerBound) * Double($0) / Double(n - 1) }
    let grid = ScalarGrid(xs: xs, ys: ys, values: function.values(xs: xs, ys: ys))
    let known = function.resolved.criticalPoints.filter {
      $0.x.count == 2 && window[0].contains($0.x[0]) && window[1].contains($0.x[1]) && $0.kind == .saddle
    }
    let levels = ContourLevels.automatic(
      for: grid.values, count: levelCount, including: known.map(\.value), spacing: spacing,
      minimum: function.resolved.minimumValue)
    let range = grid.finiteRange

    var w = JSONWriter(capacity: n * n * 14 + 4096)
    w.beginObject()
    w.key("function")
    writeFunction(function, into: &w)
    w.key("window")
    writeWindow(window, into: &w)
    w.key("grid")
    w.beginObject()
    w.key("columns")
    w.integer(n)
    w.key("rows")
    w.integer(n)
    if includeValues {
      w.key("values")
      w.compactNumbers(grid.values)
    }
    w.endObject()
    w.key("range")
    if let range { w.numbers([range.lowerBound, range.upperBound]) } else { w.null() }
    w.key("logarithmic")
    w.bool(levels.isLogarithmic)
    w.key("levels")
    w.beginArray()
    for (value, emphasized) in zip(levels.values, levels.isRequired) {
      w.beginObject()
      w.key("value")
      w.number(value)
      w.key("emphasized")
      w.bool(emphasized)
      w.endObject()
    }
    w.endArray()
    w.key("contours")
    w.beginArray()
    for (index, level) in levels.values.enumerated() {
      for line in MarchingSquares.contours(of: grid, at: level) where line.points.count >= 2 {
        w.beginObject()
        w.key("level")
        w.integer(index)
        w.key("closed")
        w.bool(line.isClosed)
        w.key("points")
        w.compactNumbers(line.points.lazy.flatMap { [$0.x, $0.y] })
        w.endObject()
      }
    }
    w.endArray()
    // The colour of each grid point: its position on the contour plots' colour scale.
    w.key("shade")
    if let range {
      let scale = LevelColorScale.forLevels(levels, range: range, colormap: .viridis)
      w.integers(grid.values.lazy.map { v in v.isNaN ? 255 : Int((scale.fraction(v) * 254).rounded()) })
    } else {
      w.integers(grid.values.lazy.map { _ in 255 })
    }
    w.key("palette")
    w.strings((0...254).map { Colormap.viridis.color(at: Double($0) / 254).description })
    w.endObject()
    return w.bytes
  }
}

/// `{"name": …, "title": …, "formula": …, "variables": [...], "window": {...}, "start": [...]}`.
func writeFunction(_ function: NavigatorFunction, into w: inout JSONWriter) {
  w.beginObject()
  w.key("name")
  w.string(function.resolved.name)
  w.key("title")
  w.string(function.title)
  w.key("formula")
  w.string(function.resolved.formula ?? function.resolved.displayName)
  w.key("variables")
  w.strings(function.variables)
  w.key("window")
  writeWindow(function.window, into: &w)
  w.key("start")
  w.numbers(function.start)
  w.key("minimumValue")
  w.number(function.resolved.minimumValue)
  w.endObject()
}

func writeWindow(_ window: [ClosedRange<Double>], into w: inout JSONWriter) {
  w.beginObject()
  w.key("x")
  w.numbers([window[0].lowerBound, window[0].upperBound])
  w.key("y")
  w.numbers([window[1].lowerBound, window[1].upperBound])
  w.endObject()
}
