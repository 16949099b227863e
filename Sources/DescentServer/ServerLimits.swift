/// The bounds on the work one request may cause. Every limit is checked before any work
/// starts and answered with a `4xx` JSON error naming the field and the limit.
///
/// Measured on the 2-core development machine (release build): a landscape at the
/// largest grid takes about 10 ms, a trajectory request at the largest budget
/// (8 × 20,000 steps) about 40 ms, a basin map at the largest budget about 1 s.
public enum ServerLimits {
  /// Largest request body, in bytes (64 KiB: the longest formula plus a full set of runs).
  public static let maximumBodyBytes = 64 * 1024
  /// Longest formula, in characters (the compiler's own limit is larger; a navigator
  /// formula beyond this is a mistake, and a short limit bounds compile time).
  public static let maximumFormulaLength = 4_000
  /// Grid points per axis of a landscape.
  public static let landscapeResolution = 2...400
  /// Contour levels asked for.
  public static let contourLevels = 2...40
  /// Steps per optimizer.
  public static let steps = 1...20_000
  /// Optimizers per trajectory request.
  public static let maximumRuns = 8
  /// Start points per axis of a basin map.
  public static let basinResolution = 2...128
  /// Steps per start of a basin map.
  public static let basinSteps = 1...5_000
  /// Start points × steps of a basin map.
  public static let maximumBasinWork = 4_000_000
  /// Largest |coordinate| of a window, a start or a point.
  public static let maximumCoordinate = 1e6
  /// Smallest window width relative to its largest |coordinate|.
  public static let minimumRelativeWidth = 1e-9
  /// Gradient-noise standard deviation.
  public static let maximumNoise = 1e6
}
