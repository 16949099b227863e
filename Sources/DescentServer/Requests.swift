import DescentCore
import DescentOptimizers
import Hummingbird

/// A rectangle of the plane: `{"x": [-2, 2], "y": [-1, 1]}`.
public struct WindowSpec: Codable, Sendable, Equatable {
  public var x: [Double]
  public var y: [Double]

  public init(x: ClosedRange<Double>, y: ClosedRange<Double>) {
    self.x = [x.lowerBound, x.upperBound]
    self.y = [y.lowerBound, y.upperBound]
  }

  public init(from decoder: any Decoder) throws {
    try rejectUnknownKeys(decoder, allowed: ["x", "y"])
    let c = try decoder.container(keyedBy: CodingKeys.self)
    x = try c.decode([Double].self, forKey: .x)
    y = try c.decode([Double].self, forKey: .y)
  }

  /// The two ranges, checked: two finite, increasing numbers per axis, not too narrow.
  func ranges(field: String) throws(APIError) -> [ClosedRange<Double>] {
    var result: [ClosedRange<Double>] = []
    for (axis, pair) in [("x", x), ("y", y)] {
      let f = "\(field).\(axis)"
      guard pair.count == 2 else {
        throw .outOfRange(f, "expected two numbers [low, high], found \(pair.count)")
      }
      let (lo, hi) = (pair[0], pair[1])
      let m = ServerLimits.maximumCoordinate
      guard abs(lo) <= m, abs(hi) <= m else {
        throw .outOfRange(f, "window bounds must lie within ±\(formatLimit(m)) (found [\(lo), \(hi)])")
      }
      guard lo < hi else { throw .outOfRange(f, "the low bound must be below the high bound (found [\(lo), \(hi)])") }
      guard hi - lo >= ServerLimits.minimumRelativeWidth * max(abs(lo), abs(hi), 1e-300) else {
        throw .outOfRange(f, "the window is too narrow to sample in double precision ([\(lo), \(hi)])")
      }
      result.append(lo...hi)
    }
    return result
  }
}

/// One optimizer of a race: the optimizer itself (``OptimizerSpec`` JSON), its schedule
/// and what the loop does to its gradient.
///
/// ```json
/// {"optimizer": {"name": "momentum", "learningRate": 0.04, "momentum": 0.9},
///  "schedule": "cosine:t-max=200", "noise": 0.5, "seed": 7, "clipNorm": 10}
/// ```
public struct RunSpec: Codable, Sendable, Equatable {
  public var optimizer: OptimizerSpec
  /// Schedule text as `descent run --schedule` takes it (`step:size=100,gamma=0.5`); `nil`
  /// or `"constant"` for a constant rate.
  public var schedule: String?
  /// Standard deviation of Gaussian gradient noise; `nil` or 0 for none.
  public var noise: Double?
  /// Seed of the noise.
  public var seed: UInt64?
  public var clipNorm: Double?
  public var clipValue: Double?

  public init(
    optimizer: OptimizerSpec, schedule: String? = nil, noise: Double? = nil, seed: UInt64? = nil,
    clipNorm: Double? = nil, clipValue: Double? = nil
  ) {
    self.optimizer = optimizer
    self.schedule = schedule
    self.noise = noise
    self.seed = seed
    self.clipNorm = clipNorm
    self.clipValue = clipValue
  }

  /// The JSON fields of ``OptimizerSpec`` (its stored properties), for unknown-key checks.
  static let optimizerFields: [String] = Mirror(reflecting: OptimizerSpec(name: "gd")).children.compactMap(\.label)

  public init(from decoder: any Decoder) throws {
    try rejectUnknownKeys(decoder, allowed: ["optimizer", "schedule", "noise", "seed", "clipNorm", "clipValue"])
    let c = try decoder.container(keyedBy: CodingKeys.self)
    if c.contains(.optimizer), (try? c.decodeNil(forKey: .optimizer)) == false,
      let nested = try? c.nestedContainer(keyedBy: AnyKey.self, forKey: .optimizer)
    {
      for key in nested.allKeys where !Self.optimizerFields.contains(key.stringValue) {
        let suggestion = Suggest.closest(to: key.stringValue, in: Self.optimizerFields)
        throw APIError(
          .badRequest,
          "unknown optimizer setting '\(key.stringValue)'" + (suggestion.map { "; did you mean '\($0)'?" } ?? ""),
          field: jsonPath(decoder.codingPath + [CodingKeys.optimizer], appending: key.stringValue),
          suggestion: suggestion)
      }
    }
    optimizer = try c.decode(OptimizerSpec.self, forKey: .optimizer)
    schedule = try c.decodeIfPresent(String.self, forKey: .schedule)
    noise = try c.decodeIfPresent(Double.self, forKey: .noise)
    seed = try c.decodeIfPresent(UInt64.self, forKey: .seed)
    clipNorm = try c.decodeIfPresent(Double.self, forKey: .clipNorm)
    clipValue = try c.decodeIfPresent(Double.self, forKey: .clipValue)
  }
}

/// `POST /api/landscape`.
public struct LandscapeRequest: Codable, Sendable {
  /// A catalog name or a formula in two variables.
  public var function: String
  /// Default: the function's window.
  public var window: WindowSpec?
  /// Grid points per axis. Default 160.
  public var resolution: Int?
  /// About how many contour levels. Default 14.
  public var levels: Int?
  /// `automatic` (DescentPlot's choice, the default), `linear` or `logarithmic`.
  public var spacing: String?
  /// Include the grid values (default `true`); the page draws from `shade` and `contours`
  /// and leaves them out (a third of the answer's size and time at 200 × 200).
  public var values: Bool?

  public init(
    function: String, window: WindowSpec? = nil, resolution: Int? = nil, levels: Int? = nil, spacing: String? = nil
  ) {
    self.function = function
    self.window = window
    self.resolution = resolution
    self.levels = levels
    self.spacing = spacing
  }

  public init(from decoder: any Decoder) throws {
    try rejectUnknownKeys(decoder, allowed: ["function", "window", "resolution", "levels", "spacing", "values"])
    let c = try decoder.container(keyedBy: CodingKeys.self)
    function = try c.decode(String.self, forKey: .function)
    window = try c.decodeIfPresent(WindowSpec.self, forKey: .window)
    resolution = try c.decodeIfPresent(Int.self, forKey: .resolution)
    levels = try c.decodeIfPresent(Int.self, forKey: .levels)
    spacing = try c.decodeIfPresent(String.self, forKey: .spacing)
    values = try c.decodeIfPresent(Bool.self, forKey: .values)
  }
}

/// `POST /api/trajectories`.
public struct TrajectoryRequest: Codable, Sendable {
  public var function: String
  /// Default: the function's standard start.
  public var start: [Double]?
  /// Steps per optimizer. Default 500.
  public var steps: Int?
  /// A run has arrived (and stops) when `‖∇f‖ ≤ tolerance`. Default `1e-6`.
  public var tolerance: Double?
  public var runs: [RunSpec]

  public init(function: String, start: [Double]? = nil, steps: Int? = nil, tolerance: Double? = nil, runs: [RunSpec]) {
    self.function = function
    self.start = start
    self.steps = steps
    self.tolerance = tolerance
    self.runs = runs
  }

  public init(from decoder: any Decoder) throws {
    try rejectUnknownKeys(decoder, allowed: ["function", "start", "steps", "tolerance", "runs"])
    let c = try decoder.container(keyedBy: CodingKeys.self)
    function = try c.decode(String.self, forKey: .function)
    start = try c.decodeIfPresent([Double].self, forKey: .start)
    steps = try c.decodeIfPresent(Int.self, forKey: .steps)
    tolerance = try c.decodeIfPresent(Double.self, forKey: .tolerance)
    runs = try c.decode([RunSpec].self, forKey: .runs)
  }
}

/// `POST /api/curvature`.
public struct CurvatureRequest: Codable, Sendable {
  public var function: String
  public var point: [Double]
  /// η, for the per-direction contraction and the stability verdict.
  public var learningRate: Double?
  /// Where to look for the nearest minimum. Default: the function's window.
  public var window: WindowSpec?

  public init(function: String, point: [Double], learningRate: Double? = nil, window: WindowSpec? = nil) {
    self.function = function
    self.point = point
    self.learningRate = learningRate
    self.window = window
  }

  public init(from decoder: any Decoder) throws {
    try rejectUnknownKeys(decoder, allowed: ["function", "point", "learningRate", "window"])
    let c = try decoder.container(keyedBy: CodingKeys.self)
    function = try c.decode(String.self, forKey: .function)
    point = try c.decode([Double].self, forKey: .point)
    learningRate = try c.decodeIfPresent(Double.self, forKey: .learningRate)
    window = try c.decodeIfPresent(WindowSpec.self, forKey: .window)
  }
}

/// `POST /api/critical-points`.
public struct CriticalPointsRequest: Codable, Sendable {
  public var function: String
  public var window: WindowSpec?

  public init(function: String, window: WindowSpec? = nil) {
    self.function = function
    self.window = window
  }

  public init(from decoder: any Decoder) throws {
    try rejectUnknownKeys(decoder, allowed: ["function", "window"])
    let c = try decoder.container(keyedBy: CodingKeys.self)
    function = try c.decode(String.self, forKey: .function)
    window = try c.decodeIfPresent(WindowSpec.self, forKey: .window)
  }
}

/// `POST /api/basins`.
public struct BasinRequest: Codable, Sendable {
  public var function: String
  public var window: WindowSpec?
  /// Start points per axis. Default 48.
  public var resolution: Int?
  /// Steps per start. Default 300.
  public var steps: Int?
  /// Arrival: `‖∇f‖ ≤ tolerance`. Default `1e-6`.
  public var tolerance: Double?
  public var run: RunSpec

  public init(
    function: String, window: WindowSpec? = nil, resolution: Int? = nil, steps: Int? = nil, tolerance: Double? = nil,
    run: RunSpec
  ) {
    self.function = function
    self.window = window
    self.resolution = resolution
    self.steps = steps
    self.tolerance = tolerance
    self.run = run
  }

  public init(from decoder: any Decoder) throws {
    try rejectUnknownKeys(decoder, allowed: ["function", "window", "resolution", "steps", "tolerance", "run"])
    let c = try decoder.container(keyedBy: CodingKeys.self)
    function = try c.decode(String.self, forKey: .function)
    window = try c.decodeIfPresent(WindowSpec.self, forKey: .window)
    resolution = try c.decodeIfPresent(Int.self, forKey: .resolution)
    steps = try c.decodeIfPresent(Int.self, forKey: .steps)
    tolerance = try c.decodeIfPresent(Double.self, forKey: .tolerance)
    run = try c.decode(RunSpec.self, forKey: .run)
  }
}

// MARK: - Validation helpers

func formatLimit(_ value: Double) -> String {
  value == value.rounded() && abs(value) < 1e15 ? String(Int64(value)) : "\(value)"
}

/// `value ?? fallback`, checked to lie in `range`.
func checkedInt(_ value: Int?, default fallback: Int, in range: ClosedRange<Int>, field: String) throws(APIError) -> Int {
  let v = value ?? fallback
  guard range.contains(v) else {
    let status: HTTPStatus = v > range.upperBound ? .contentTooLarge : .badRequest
    throw APIError(
      status, "must be between \(range.lowerBound) and \(range.upperBound) (found \(v))", field: field)
  }
  return v
}

/// A point in the plane: two finite numbers within the coordinate limit.
func checkedPoint(_ point: [Double], field: String) throws(APIError) -> [Double] {
  guard point.count == 2 else {
    throw .outOfRange(field, "expected two coordinates [x, y], found \(point.count)")
  }
  for (i, v) in point.enumerated() where !(abs(v) <= ServerLimits.maximumCoordinate) {
    throw .outOfRange(
      "\(field)[\(i)]", "coordinates must be finite and within ±\(formatLimit(ServerLimits.maximumCoordinate)) (found \(v))")
  }
  return point
}

/// A tolerance: positive and finite.
func checkedTolerance(_ value: Double?, field: String) throws(APIError) -> Double {
  let v = value ?? 1e-6
  guard v.isFinite, v > 0, v < 1e6 else {
    throw .outOfRange(field, "must be a positive number below 1e6 (found \(v))")
  }
  return v
}

typealias HTTPStatus = HTTPResponse.Status
