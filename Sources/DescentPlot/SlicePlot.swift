/// Slices of a loss through parameter space: `f(θ + αd)` along one direction (a line
/// chart) or `f(θ + αd₁ + βd₂)` over a plane (a contour plot), as in Li et al.,
/// "Visualizing the Loss Landscape of Neural Nets", NeurIPS 2018.
///
/// The caller builds the slice function (choosing and normalizing the directions); these
/// functions sample and draw it.
public enum SlicePlot {
  /// A 1-D slice: `function(α)` sampled at `samples` evenly spaced points of `range`.
  public static func line(
    range: ClosedRange<Double>, samples: Int = 201, xLabel: String = "α", valueLabel: String = "loss",
    logScale: Bool = false, title: String = "", function: (Double) -> Double
  ) -> LineChart {
    precondition(samples >= 2, "a slice needs at least 2 samples")
    let xs = (0..<samples).map { range.lowerBound + (range.upperBound - range.lowerBound) * Double($0) / Double(samples - 1) }
    let series = Series(valueLabel, x: xs, y: xs.map(function), color: Color(hex: 0x0072B2))
    var chart = LineChart(
      series: [series], xAxis: Axis(xLabel, domain: range), yAxis: Axis(valueLabel, scale: logScale ? .log : .linear), title: title)
    if range.contains(0) {
      chart.referenceLines = [ReferenceLine(.vertical, at: 0, label: "\(xLabel) = 0", color: Color(hex: 0x777777))]
    }
    chart.series[0].label = ""
    return chart
  }

  /// A 2-D slice over `window` (reuses ``ContourPlot``).
  public static func surface(
    window: PlotWindow, resolution: Int = 121, xLabel: String = "α", yLabel: String = "β", valueLabel: String = "loss",
    title: String = "", function: (Double, Double) -> Double
  ) -> ContourPlot {
    ContourPlot(
      window: window, resolution: resolution, title: title, xAxis: Axis(xLabel), yAxis: Axis(yLabel), valueLabel: valueLabel,
      function: function)
  }
}
