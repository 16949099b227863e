/// One connected piece of a level set `f(x, y) = level`, in data coordinates.
///
/// Closed rings repeat no point (the last point connects back to the first). Open
/// polylines end on the grid boundary or at a cell skipped for a non-finite value.
public struct ContourLine: Sendable, Hashable {
  public var level: Double
  public var points: [PlotPoint]
  public var isClosed: Bool

  public init(level: Double, points: [PlotPoint], isClosed: Bool) {
    self.level = level
    self.points = points
    self.isClosed = isClosed
  }
}
