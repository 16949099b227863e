/// Reduce-on-plateau: multiply the rate by `factor` when the loss has not improved for
/// more than `patience` steps.
///
/// ```
/// better(a, best) = a < best·(1 − threshold)   (mode min, threshold rel)
///                   a < best − threshold       (mode min, threshold abs)
///                   a > best·(1 + threshold)   (mode max, threshold rel)
///                   a > best + threshold       (mode max, threshold abs)
/// after each update with loss a:
///   if better(a, best) { best ← a; bad ← 0 } else { bad ← bad + 1 }
///   if cooling down { cooldown ← cooldown − 1; bad ← 0 }
///   if bad > patience {
///     η_new = max(η·factor, η_min);  if η − η_new > eps { η ← η_new }
///     cooldown ← cooldownSteps; bad ← 0
///   }
/// ```
///
/// The only schedule with state: the current rate, the best loss, the count of bad steps
/// and the cooldown counter, all stored here and `Codable`, so a saved run resumes with
/// them. It learns the loss through ``observe(loss:step:base:)`` (the minimize loop calls
/// it after every update); `value(at:base:)` ignores the step. A NaN loss counts as a bad
/// step.
///
/// - `mode`: default `.min`.
/// - `factor`: default `0.1` (must be < 1).
/// - `patience`: default `10`.
/// - `threshold`: default `1e-4`; `thresholdMode`: default `.relative`.
/// - `cooldown`: default `0`.
/// - `minimumRate`: default `0`.
/// - `epsilon`: default `1e-8` (smaller reductions are skipped).
///
/// PyTorch's `ReduceLROnPlateau`. Text form:
/// `plateau:mode=min,factor=0.1,patience=10,threshold=1e-4,threshold-mode=rel,cooldown=0,min-lr=0,eps=1e-8`.
public struct ReduceOnPlateau: Schedule, Codable, Equatable {
  public enum Mode: String, Codable, Sendable, CaseIterable {
    /// The loss should fall.
    case min
    /// The monitored quantity should rise.
    case max
  }

  public enum ThresholdMode: String, Codable, Sendable, CaseIterable {
    case relative = "rel"
    case absolute = "abs"
  }

  // Settings.
  public var mode: Mode
  public var factor: Double
  public var patience: Int
  public var threshold: Double
  public var thresholdMode: ThresholdMode
  public var cooldown: Int
  public var minimumRate: Double
  public var epsilon: Double

  // State.
  /// The current rate; `nil` until the first reduction (the base rate).
  public var currentRate: Double?
  /// The best loss so far; `nil` before the first observation.
  public var best: Double?
  /// Steps without improvement since the last improvement or reduction.
  public var badSteps: Int = 0
  /// Steps of cooldown left.
  public var cooldownLeft: Int = 0

  public init(
    mode: Mode = .min, factor: Double = 0.1, patience: Int = 10, threshold: Double = 1e-4,
    thresholdMode: ThresholdMode = .relative, cooldown: Int = 0, minimumRate: Double = 0, epsilon: Double = 1e-8
  ) {
    self.mode = mode
    self.factor = factor
    self.patience = patience
    self.threshold = threshold
    self.thresholdMode = thresholdMode
    self.cooldown = cooldown
    self.minimumRate = minimumRate
    self.epsilon = epsilon
  }

  public func value(at step: Int, base: Double) -> Double { currentRate ?? base }

  /// True when `loss` improves on `best` by more than the threshold.
  public func isBetter(_ loss: Double, than best: Double?) -> Bool {
    let best = best ?? (mode == .min ? .infinity : -.infinity)
    switch (mode, thresholdMode) {
    case (.min, .relative): return loss < best * (1.0 - threshold)
    case (.min, .absolute): return loss < best - threshold
    case (.max, .relative): return loss > best * (threshold + 1.0)
    case (.max, .absolute): return loss > best + threshold
    }
  }

  public mutating func observe(loss: Double, step: Int, base: Double) {
    if isBetter(loss, than: best) {
      best = loss
      badSteps = 0
    } else {
      badSteps += 1
    }
    if cooldownLeft > 0 {
      cooldownLeft -= 1
      badSteps = 0
    }
    if badSteps > patience {
      let old = currentRate ?? base
      let new = Swift.max(old * factor, minimumRate)
      if old - new > epsilon { currentRate = new }
      cooldownLeft = cooldown
      badSteps = 0
    }
  }
}
