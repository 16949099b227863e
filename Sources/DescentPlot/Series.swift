/// One named set of points on a ``LineChart``.
///
/// Points that the axes cannot show (non-finite, or ≤ 0 on a log axis) break the line,
/// with one exception: `y = +∞` means "off the scale above" (a diverged run, a tolerance
/// never reached) and is drawn as ✕ on the top edge of the plot at its `x`.
public struct Series: Sendable {
  public enum Style: String, Sendable, CaseIterable {
    case line
    case markers
    case lineAndMarkers
    /// A line with the area down to the bottom of the plot filled lightly.
    case area
  }

  public var label: String
  /// Grey text under the label in the legend (settings).
  public var detail: String
  public var points: [PlotPoint]
  public var style: Style
  /// Nil takes the chart palette's next colour.
  public var color: Color?
  public var dashed: Bool

  public init(
    _ label: String, detail: String = "", points: [PlotPoint], style: Style = .line, color: Color? = nil, dashed: Bool = false
  ) {
    self.label = label
    self.detail = detail
    self.points = points
    self.style = style
    self.color = color
    self.dashed = dashed
  }

  /// From parallel arrays of `x` and `y`.
  public init(
    _ label: String, detail: String = "", x: [Double], y: [Double], style: Style = .line, color: Color? = nil, dashed: Bool = false
  ) {
    precondition(x.count == y.count, "series needs as many x as y values (\(x.count) vs \(y.count))")
    self.init(label, detail: detail, points: zip(x, y).map { PlotPoint($0, $1) }, style: style, color: color, dashed: dashed)
  }
}

/// A labelled straight line across a chart: a predicted learning-rate limit, a known
/// optimum, zero.
public struct ReferenceLine: Sendable {
  public enum Orientation: String, Sendable {
    /// `x = value`.
    case vertical
    /// `y = value`.
    case horizontal
  }

  public var orientation: Orientation
  public var value: Double
  public var label: String
  public var color: Color

  public init(_ orientation: Orientation, at value: Double, label: String = "", color: Color = Color(hex: 0x444444)) {
    self.orientation = orientation
    self.value = value
    self.label = label
    self.color = color
  }
}
