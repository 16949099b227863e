/// Loss against step for several runs: the picture for `descent compare` and friends.
///
/// With a known optimum `f*` the y axis shows the gap `f − f*` (on a log scale the gap
/// shows linear convergence as a straight line); otherwise the loss itself. The y axis
/// is logarithmic when every value shown is positive, linear otherwise. Points where the
/// gap is ≤ 0 (a run that reached `f*` to the last bit) cannot be drawn on a log axis and
/// leave a gap. The axis stops at 10× the largest starting value: a diverged run is drawn
/// up to the top edge and marked there with ✕.
public enum LossPlot {
  /// The chart for `runs`.
  public static func chart(runs: [PlotRun], optimum: Double? = nil, title: String = "Loss", palette: Palette = .okabeIto) -> LineChart {
    let shift = optimum ?? 0
    // A diverged run would stretch the axis to 1e30; cap the axis at 10× the largest
    // starting value (in the shown units) and let such runs leave through the top edge.
    let starts = runs.compactMap { $0.losses.first(where: \.isFinite) }.map { $0 - shift }
    let cap = (starts.map(\.magnitude).max() ?? 1) * 10
    var capped: [Double] = []
    let series = runs.map { run -> Series in
      var points: [PlotPoint] = []
      for (step, loss) in zip(run.steps, run.losses) {
        let y = loss - shift
        if run.diverged && (!y.isFinite || y > cap) {
          // Keep the line up to the edge (clipped) and mark where it left.
          if y.isFinite { points.append(PlotPoint(Double(step), y)) }
          points.append(PlotPoint(Double(step), .infinity))
          break
        }
        points.append(PlotPoint(Double(step), loss.isFinite ? y : .nan))
        if y.isFinite { capped.append(y) }
      }
      return Series(run.label, detail: run.legendDetail, points: points)
    }
    let positive = !capped.isEmpty && capped.allSatisfy { $0 > 0 }
    let mostlyPositive = !capped.isEmpty && capped.filter { $0 > 0 }.count * 10 >= capped.count * 9
    let useLog = positive || (optimum != nil && mostlyPositive)
    let label = optimum.map { "f − f*  (f* = \(Ticks.shortNumber($0)))" } ?? "loss"
    var yAxis = Axis(label, scale: useLog ? .log : .linear)
    let shown = useLog ? capped.filter { $0 > 0 } : capped
    if let lo = shown.min(), let hi = shown.max() {
      yAxis.domain = yAxis.resolvedDomain(dataMin: lo, dataMax: hi)
    }
    var note = ""
    if let optimum { note = "Values are the gap to the optimum f* = \(Ticks.shortNumber(optimum))." }
    return LineChart(
      series: series, xAxis: Axis("step"), yAxis: yAxis, title: title, offScaleLabel: "diverged (left the chart)",
      palette: palette, note: note)
  }

  /// The SVG document for `runs` (see ``chart(runs:optimum:title:palette:)``).
  public static func svg(runs: [PlotRun], optimum: Double? = nil, title: String = "Loss", palette: Palette = .okabeIto) -> String {
    chart(runs: runs, optimum: optimum, title: title, palette: palette).svg()
  }
}
