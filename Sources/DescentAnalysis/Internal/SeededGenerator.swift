import DescentCore

// TEMPORARY home: when DescentCore gains its seeded generator (the schedules branch adds
// one), the lead replaces this file with it. Everything in DescentAnalysis that draws random
// numbers goes through `SeededGenerator`, so the swap is one file.

/// SplitMix64 (Steele, Lea & Flood 2014): a tiny, fast, deterministic generator. Same seed,
/// same numbers, on every platform — what seeded probes and random starts need.
@usableFromInline
struct SeededGenerator: RandomNumberGenerator, Sendable {
  @usableFromInline var state: UInt64

  @usableFromInline init(seed: UInt64) { state = seed }

  @usableFromInline mutating func next() -> UInt64 {
    state &+= 0x9E37_79B9_7F4A_7C15
    var z = state
    z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
    z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
    return z ^ (z >> 31)
  }

  /// Uniform in `[0, 1)` from the top 53 bits.
  @usableFromInline mutating func nextUnit() -> Double { Double(next() >> 11) * 0x1p-53 }

  /// Uniform in `range`.
  @usableFromInline mutating func uniform(in range: ClosedRange<Double>) -> Double {
    range.lowerBound + nextUnit() * (range.upperBound - range.lowerBound)
  }

  /// `±1` with equal probability (a Rademacher variable).
  @usableFromInline mutating func rademacher() -> Double { next() >> 63 == 0 ? 1 : -1 }

  /// A standard normal variate (Box–Muller; one of the pair is discarded for simplicity).
  @usableFromInline mutating func normal() -> Double {
    let u1 = 1 - nextUnit()  // (0, 1]
    let u2 = nextUnit()
    return (-2 * Double.log(u1)).squareRoot() * Double.cos(2 * Double.pi * u2)
  }
}
