import DescentCore
import DescentOptimizers

/// One optimizer run as the charts draw it: a label, its settings, the recorded points
/// and losses, and whether it blew up.
public struct PlotRun: Sendable {
  /// Short name shown in the legend, e.g. `"Adam"`.
  public var label: String
  /// Settings shown under the label, e.g. `"lr=0.02, β₁=0.9"`.
  public var detail: String
  /// The recorded step numbers (step 0 is the start).
  public var steps: [Int]
  /// The recorded points, one array of `n` coordinates per recorded step.
  public var points: [[Double]]
  /// The loss at each recorded point.
  public var losses: [Double]
  /// True when the run diverged (drawn with a cross where it ends or leaves the picture).
  public var diverged: Bool

  /// - Precondition: `points`, `losses` and `steps` have the same length.
  public init(label: String, detail: String = "", steps: [Int]? = nil, points: [[Double]], losses: [Double], diverged: Bool? = nil) {
    precondition(points.count == losses.count, "a run needs one loss per point (\(points.count) points, \(losses.count) losses)")
    let steps = steps ?? Array(0..<points.count)
    precondition(steps.count == points.count, "a run needs one step number per point")
    self.label = label
    self.detail = detail
    self.steps = steps
    self.points = points
    self.losses = losses
    self.diverged = diverged ?? !(losses.last?.isFinite ?? true)
  }

  /// From a recorded trajectory. `stopReason` marks the run diverged when it is one of the
  /// divergence stops; without it, a non-finite last loss does.
  public init<S: DescentScalar>(label: String, detail: String = "", trajectory: [TrajectoryPoint<S>], stopReason: StopReason? = nil) {
    self.init(
      label: label, detail: detail, steps: trajectory.map(\.step),
      points: trajectory.map { $0.x.map { Double($0) } },
      losses: trajectory.map { Double($0.loss) },
      diverged: stopReason.map(\.isDivergence))
  }

  /// From the result of ``DescentOptimizers/minimize(_:from:using:options:observer:)``
  /// (its trajectory must have been recorded).
  public init<S: DescentScalar>(label: String, detail: String = "", result: MinimizationResult<S>) {
    self.init(label: label, detail: detail, trajectory: result.trajectory, stopReason: result.stopReason)
  }

  /// The legend text: label, then detail.
  var legendDetail: String {
    var parts: [String] = []
    if !detail.isEmpty { parts.append(detail) }
    if diverged {
      parts.append("diverged" + (steps.last.map { " at step \($0)" } ?? ""))
    }
    return parts.joined(separator: " · ")
  }
}
