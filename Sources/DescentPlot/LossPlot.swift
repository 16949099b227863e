/// Loss against step for several runs: the picture for `descent compare` and friends.
///
/// With a known optimum `f*` the y axis shows the gap `f − f*` (on a log scale the gap
/// shows linear convergence as a straight line); otherwise the loss itself. The y axis
/// is logarithmic when every value shown is positive, linear otherwise. Points where the
/// gap is ≤ 0 (a run that reached `f*` to the last bit) cannot be drawn on a log axis and
/// leave a gap. A diverged run's non-finite losses are drawn as ✕ on the top edge.
public enum LossPlot {
  /// The chart for `runs`.
  public static func chart(runs: [PlotRun], optimum: Double? = nil, title: String = "Loss", palette: Palette = .okabeIto) -> LineChart {
    let series = runs.map { run -> Series in
      let points = zip(run.steps, run.losses).map { step, loss -> PlotPoint in
        let y = loss.isFinite ? loss - (optimum ?? 0) : (run.diverged ? .infinity : .nan)
        return PlotPoint(Double(step), y)
      }
      return Series(run.label, detail: run.legendDetail, points: points)
    }
    let finite = series.flatMap { $0.points.map(\.y) }.filter(\.isFinite)
    let positive = !finite.isEmpty && finite.allSatisfy { $0 > 0 }
    let mostlyPositive = !finite.isEmpty && finite.filter { $0 > 0 }.count * 10 >= finite.count * 9
    let useLog = positive || (optimum != nil && mostlyPositive)
    let label = optimum.map { "f − f*  (f* = \(Ticks.shortNumber($0)))" } ?? "loss"
    var note = ""
    if let optimum { note = "Values are the gap to the optimum f* = \(Ticks.shortNumber(optimum))." }
    return LineChart(
      series: series, xAxis: Axis("step"), yAxis: Axis(label, scale: useLog ? .log : .linear), title: title,
      offScaleLabel: "diverged", palette: palette, note: note)
  }

  /// The SVG document for `runs` (see ``chart(runs:optimum:title:palette:)``).
  public static func svg(runs: [PlotRun], optimum: Double? = nil, title: String = "Loss", palette: Palette = .okabeIto) -> String {
    chart(runs: runs, optimum: optimum, title: title, palette: palette).svg()
  }
}
