/// What kind of stationary point (`∇f = 0`) a point is, read off the Hessian's eigenvalues.
///
/// - `minimum`: all eigenvalues positive.
/// - `maximum`: all eigenvalues negative.
/// - `saddle`: eigenvalues of both signs.
/// - `degenerate`: some eigenvalue is zero (within the tolerance stated where the
///   classification is made) and the second-order test cannot decide, as for the monkey
///   saddle `x³ − 3xy²` at the origin or `x⁴` at 0.
public enum PointKind: String, Codable, Sendable, CaseIterable, Hashable {
  case minimum
  case maximum
  case saddle
  case degenerate
}

/// A known stationary point of a function: where it is, its value and its kind.
public struct CriticalPoint: Codable, Sendable, Hashable {
  public var x: [Double]
  public var value: Double
  public var kind: PointKind

  public init(x: [Double], value: Double, kind: PointKind) {
    self.x = x
    self.value = value
    self.kind = kind
  }
}
