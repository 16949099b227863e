import DescentCore

// The stream is DescentCore's `Xoshiro256StarStar` (the same algorithm and seeding); this
// type adds the samplers training needs and keeps the checkpoint format (`state` as four
// integers) so checkpoints resume the exact random stream.

/// xoshiro256** (Blackman & Vigna 2018), seeded through SplitMix64 (Steele, Lea & Flood
/// 2014) as its authors recommend.
///
/// ```
/// result = rotl(s1 · 5, 7) · 9
/// t = s1 << 17;  s2 ^= s0;  s3 ^= s1;  s1 ^= s2;  s0 ^= s3;  s2 ^= t;  s3 = rotl(s3, 45)
/// ```
public struct Xoshiro256: RandomNumberGenerator, Codable, Sendable, Equatable {
  /// The four 64-bit words of state.
  @usableFromInline var core: Xoshiro256StarStar

  public init(seed: UInt64) { core = Xoshiro256StarStar(seed: seed) }

  /// The generator's four state words (what checkpoints store).
  public var state: [UInt64] {
    get { [core.s0, core.s1, core.s2, core.s3] }
    set {
      precondition(newValue.count == 4, "xoshiro256** has four state words, got \(newValue.count)")
      (core.s0, core.s1, core.s2, core.s3) = (newValue[0], newValue[1], newValue[2], newValue[3])
    }
  }

  enum CodingKeys: String, CodingKey { case state }

  public init(from decoder: any Decoder) throws {
    let words = try decoder.container(keyedBy: CodingKeys.self).decode([UInt64].self, forKey: .state)
    guard words.count == 4 else {
      throw DecodingError.dataCorrupted(.init(codingPath: decoder.codingPath, debugDescription: "xoshiro256** state needs 4 words, got \(words.count)"))
    }
    core = Xoshiro256StarStar(seed: 0)
    state = words
  }

  public func encode(to encoder: any Encoder) throws {
    var c = encoder.container(keyedBy: CodingKeys.self)
    try c.encode(state, forKey: .state)
  }

  @inlinable
  public mutating func next() -> UInt64 { core.next() }

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
