/// One optimizer's results across learning rates.
public struct SweepSeries: Sendable {
  public var label: String
  public var detail: String
  public var learningRates: [Double]
  /// The metric at each rate; `+∞` or NaN marks a run that diverged (for final loss) or
  /// never reached the tolerance (for steps-to-tolerance).
  public var values: [Double]

  public init(label: String, detail: String = "", learningRates: [Double], values: [Double]) {
    precondition(learningRates.count == values.count, "sweep needs one value per learning rate")
    self.label = label
    self.detail = detail
    self.learningRates = learningRates
    self.values = values
  }
}

/// Final loss (or steps to reach a tolerance) against the learning rate `η` on a log
/// axis, with the stability limit predicted from curvature marked.
///
/// For gradient descent on a quadratic with largest Hessian eigenvalue `λmax`, the
/// iteration `x ← x − η∇f` converges iff
/// ```
/// η < 2 / λmax
/// ```
/// (the error along the top eigenvector is multiplied by `1 − ηλmax` each step). The
/// plot draws that value as a dashed vertical line so the sweep can be checked against
/// it. Rates whose run diverged are drawn as ✕ on the top edge.
public enum LearningRateSweepPlot {
  public enum Metric: String, Sendable, CaseIterable {
    case finalLoss
    case stepsToTolerance

    var axisLabel: String {
      switch self {
      case .finalLoss: "final loss"
      case .stepsToTolerance: "steps to tolerance"
      }
    }
  }

  /// The chart. `predictedLimit` is the predicted divergence threshold, `2/λmax` for
  /// gradient descent (nil to leave it out), drawn with `predictedLimitLabel`.
  public static func chart(
    series: [SweepSeries], metric: Metric = .finalLoss, predictedLimit: Double? = nil,
    predictedLimitLabel: String = "2/λmax", title: String = "Learning-rate sweep", palette: Palette = .okabeIto
  ) -> LineChart {
    let chartSeries = series.map { s in
      Series(
        s.label, detail: s.detail,
        points: zip(s.learningRates, s.values).map { PlotPoint($0, $1.isFinite ? $1 : .infinity) }, style: .lineAndMarkers)
    }
    let finite = series.flatMap(\.values).filter(\.isFinite)
    let positive = !finite.isEmpty && finite.allSatisfy { $0 > 0 }
    let spread = (finite.max() ?? 1) / Swift.max(finite.min() ?? 1, .leastNormalMagnitude)
    let useLog = positive && (metric == .finalLoss || spread > 30)
    var lines: [ReferenceLine] = []
    if let predictedLimit, predictedLimit > 0, predictedLimit.isFinite {
      lines.append(ReferenceLine(.vertical, at: predictedLimit, label: "\(predictedLimitLabel) = \(Ticks.shortNumber(predictedLimit))", color: Color(hex: 0xB2182B)))
    }
    return LineChart(
      series: chartSeries, xAxis: Axis("learning rate η", scale: .log), yAxis: Axis(metric.axisLabel, scale: useLog ? .log : .linear),
      title: title, referenceLines: lines,
      offScaleLabel: metric == .finalLoss ? "diverged" : "tolerance not reached", palette: palette)
  }

  /// The SVG document (see ``chart(series:metric:predictedLimit:title:palette:)``).
  public static func svg(
    series: [SweepSeries], metric: Metric = .finalLoss, predictedLimit: Double? = nil,
    predictedLimitLabel: String = "2/λmax", title: String = "Learning-rate sweep", palette: Palette = .okabeIto
  ) -> String {
    chart(
      series: series, metric: metric, predictedLimit: predictedLimit, predictedLimitLabel: predictedLimitLabel,
      title: title, palette: palette
    ).svg()
  }
}
