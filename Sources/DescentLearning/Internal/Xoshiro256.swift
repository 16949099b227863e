// DescentCore has no seeded generator yet (the schedules branch adds one); until it lands,
// DescentLearning uses this private one. It is deterministic across platforms and its
// state is Codable so checkpoints resume the exact random stream.

/// xoshiro256** (Blackman & Vigna 2018), seeded through SplitMix64 (Steele, Lea & Flood
/// 2014) as its authors recommend.
///
/// ```
/// result = rotl(s1 · 5, 7) · 9
/// t = s1 << 17;  s2 ^= s0;  s3 ^= s1;  s1 ^= s2;  s0 ^= s3;  s2 ^= t;  s3 = rotl(s3, 45)
/// ```
public struct Xoshiro256: RandomNumberGenerator, Codable, Sendable, Equatable {
  /// The four 64-bit words of state.
  public var state: [UInt64]

  /// A generator whose state is four SplitMix64 outputs from `seed`.
  public init(seed: UInt64) {
    var s = seed
    func splitMix() -> UInt64 {
      s &+= 0x9E37_79B9_7F4A_7C15
      var z = s
      z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
      z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
      return z ^ (z >> 31)
    }
    state = [splitMix(), splitMix(), splitMix(), splitMix()]
  }

  @inline(__always)
  private static func rotl(_ x: UInt64, _ k: UInt64) -> UInt64 { (x << k) | (x >> (64 &- k)) }

  public mutating func next() -> UInt64 {
    let result = Self.rotl(state[1] &* 5, 7) &* 9
    let t = state[1] << 17
    state[2] ^= state[0]
    state[3] ^= state[1]
    state[1] ^= state[2]
    state[0] ^= state[3]
    state[2] ^= t
    state[3] = Self.rotl(state[3], 45)
    return result
  }

  /// Uniform in `[0, 1)` from the top 53 bits.
  public mutating func nextUniform() -> Double {
    Double(next() >> 11) * 0x1p-53
  }

  /// Uniform in `[low, high)`.
  public mutating func uniform(_ low: Double, _ high: Double) -> Double {
    low + (high - low) * nextUniform()
  }

  /// Standard normal by the Box–Muller transform (one of the pair; the other is dropped so
  /// the generator's state is the whole state).
  ///
  /// ```
  /// z = √(−2 ln u₁) · cos(2π u₂),  u₁ ∈ (0, 1], u₂ ∈ [0, 1)
  /// ```
  public mutating func nextNormal() -> Double {
    let u1 = 1 - nextUniform()
    let u2 = nextUniform()
    return (-2 * _log(u1)).squareRoot() * _cos(2 * Double.pi * u2)
  }

  /// An integer uniform in `0..<bound` (Lemire's nearly-divisionless method via the
  /// standard library).
  public mutating func nextInt(below bound: Int) -> Int {
    Int.random(in: 0..<bound, using: &self)
  }

  /// Fisher–Yates shuffle of `array` in place.
  public mutating func shuffle<T>(_ array: inout [T]) {
    guard array.count > 1 else { return }
    for i in stride(from: array.count - 1, to: 0, by: -1) {
      let j = nextInt(below: i + 1)
      if i != j { array.swapAt(i, j) }
    }
  }
}
