import DescentCore

/// SplitMix64: a small seeded generator, so every random test is reproducible.
struct SeededGenerator: RandomNumberGenerator {
  var state: UInt64
  init(seed: UInt64) { state = seed }
  mutating func next() -> UInt64 {
    state &+= 0x9E37_79B9_7F4A_7C15
    var z = state
    z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
    z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
    return z ^ (z >> 31)
  }
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
