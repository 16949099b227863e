import DescentCore

/// The tests' seeded generator: DescentCore's SplitMix64, so every random test is
/// reproducible.
typealias SeededGenerator = SplitMix64

extension SplitMix64 {
  init(seed: UInt64) { self.init(state: seed) }
}


/// `|a − b| / max(|a|, |b|)`, 0 when both are 0, ∞ when either is not finite (unless equal).
func relativeError(_ a: Double, _ b: Double) -> Double {
  if a == b { return 0 }
  guard a.isFinite && b.isFinite else { return .infinity }
  return abs(a - b) / max(abs(a), abs(b))
}

/// `|a − b| / max(|a|, |b|, floor)`: relative above `floor`, absolute below.
func relativeError(_ a: Double, _ b: Double, floor: Double) -> Double {
  if a == b { return 0 }
  guard a.isFinite && b.isFinite else { return .infinity }
  return abs(a - b) / max(abs(a), abs(b), floor)
}

/// A uniform random point in `[low, high]ⁿ`.
func randomPoint(_ n: Int, _ low: Double, _ high: Double, using g: inout SeededGenerator) -> [Double] {
  (0..<n).map { _ in Double.random(in: low...high, using: &g) }
}
