/// SplitMix64: the 64-bit generator used to seed other generators from one integer.
///
/// ```
/// state ← state + 0x9E3779B97F4A7C15
/// z ← (state ⊕ (state ≫ 30)) · 0xBF58476D1CE4E5B9
/// z ← (z ⊕ (z ≫ 27)) · 0x94D049BB133111EB
/// return z ⊕ (z ≫ 31)
/// ```
///
/// G. L. Steele, D. Lea and C. H. Flood, "Fast Splittable Pseudorandom Number Generators",
/// 2014; the reference C code by S. Vigna (prng.di.unimi.it/splitmix64.c).
public struct SplitMix64: RandomNumberGenerator, Codable, Sendable, Hashable {
  public var state: UInt64

  public init(state: UInt64) { self.state = state }

  @inlinable
  public mutating func next() -> UInt64 {
    state &+= 0x9E37_79B9_7F4A_7C15
    var z = state
    z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
    z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
    return z ^ (z >> 31)
  }
}

/// xoshiro256**: a fast, small-state (256-bit) generator with excellent statistical
/// quality, seeded from one integer through ``SplitMix64`` as its authors recommend.
///
/// ```
/// result ← rotl(s₁ · 5, 7) · 9
/// t ← s₁ ≪ 17;  s₂ ⊕= s₀;  s₃ ⊕= s₁;  s₁ ⊕= s₂;  s₀ ⊕= s₃;  s₂ ⊕= t;  s₃ ← rotl(s₃, 45)
/// ```
///
/// Integer operations only, so the stream is identical on every platform. The state is
/// `Codable`: a saved run resumes the same stream.
///
/// D. Blackman and S. Vigna, "Scrambled Linear Pseudorandom Number Generators", ACM TOMS
/// 2021; reference C code prng.di.unimi.it/xoshiro256starstar.c.
public struct Xoshiro256StarStar: RandomNumberGenerator, Codable, Sendable, Hashable {
  public var s0: UInt64
  public var s1: UInt64
  public var s2: UInt64
  public var s3: UInt64

  /// Seeds the four state words with four outputs of `SplitMix64(state: seed)`.
  public init(seed: UInt64) {
    var seeder = SplitMix64(state: seed)
    s0 = seeder.next()
    s1 = seeder.next()
    s2 = seeder.next()
    s3 = seeder.next()
  }

  @inlinable
  static func rotl(_ x: UInt64, _ k: UInt64) -> UInt64 { (x << k) | (x >> (64 - k)) }

  @inlinable
  public mutating func next() -> UInt64 {
    let result = Self.rotl(s1 &* 5, 7) &* 9
    let t = s1 << 17
    s2 ^= s0
    s3 ^= s1
    s1 ^= s2
    s0 ^= s3
    s2 ^= t
    s3 = Self.rotl(s3, 45)
    return result
  }

  /// A uniform double in `[0, 1)`: the top 53 bits of the next output times `2⁻⁵³`.
  @inlinable
  public mutating func nextUniform() -> Double {
    Double(next() >> 11) * 0x1.0p-53
  }
}

/// Standard normal random numbers from a seeded ``Xoshiro256StarStar``, identical on every
/// platform.
///
/// Marsaglia's polar method: draw `u, v` uniform in `(−1, 1)` until
/// `0 < s = u² + v² < 1`, then
///
/// ```
/// m = √(−2 ln s / s),   return u·m, and keep v·m for the next call
/// ```
///
/// The logarithm is ``PortableMath/log(_:)``, built from `+ − × ÷` only, so every value
/// is the same on every platform (the C library's `log` may differ in the last bit between
/// systems); `√` is correctly rounded by IEEE 754. The generator and the kept value are
/// `Codable` so a saved run continues the same sequence.
///
/// G. Marsaglia and T. A. Bray, "A Convenient Method for Generating Normal Variables",
/// SIAM Review 6(3), 1964.
public struct GaussianGenerator: Codable, Sendable, Hashable {
  public var source: Xoshiro256StarStar
  /// The second value of the last pair, returned by the next call.
  public var spare: Double?

  public init(seed: UInt64) {
    source = Xoshiro256StarStar(seed: seed)
    spare = nil
  }

  /// The next standard normal value.
  @inlinable
  public mutating func next() -> Double {
    if let spare {
      self.spare = nil
      return spare
    }
    while true {
      let u = 2 * source.nextUniform() - 1
      let v = 2 * source.nextUniform() - 1
      let s = u * u + v * v
      if s >= 1 || s == 0 { continue }
      let m = (-2 * PortableMath.log(s) / s).squareRoot()
      spare = v * m
      return u * m
    }
  }
}

/// Elementary functions built only from IEEE 754 basic operations, which are correctly
/// rounded on every platform, so results are bit-identical everywhere.
public enum PortableMath {
  /// The natural logarithm of a positive finite `x`, accurate to about 1 ulp.
  ///
  /// ```
  /// x = m · 2ᵉ with m ∈ [√½, √2),   f = (m − 1)/(m + 1)
  /// ln x = e·ln 2 + 2 (f + f³/3 + f⁵/5 + … + f²⁵/25)
  /// ```
  ///
  /// `|f| ≤ 0.1716`, so the series' tail is below `10⁻¹⁹` relative; `ln 2` is split into a
  /// high part with trailing zero bits (exact when multiplied by `e`) and a low part, as
  /// in fdlibm. Returns NaN for `x < 0` or NaN, `−∞` for 0, `+∞` for `+∞`.
  @inlinable
  public static func log(_ x: Double) -> Double {
    if x.isNaN || x < 0 { return .nan }
    if x == 0 { return -.infinity }
    if x == .infinity { return .infinity }
    var e = Double(x.exponent)
    var m = x.significand  // [1, 2), exact, subnormals included
    if m > 1.4142135623730951 {
      m *= 0.5
      e += 1
    }
    let f = (m - 1) / (m + 1)
    let f2 = f * f
    var series = 1.0 / 25
    var k = 23.0
    while k >= 3 {
      series = 1 / k + f2 * series
      k -= 2
    }
    let logm = 2 * f + 2 * f * (f2 * series)
    let ln2High = 6.93147180369123816490e-01
    let ln2Low = 1.90821492927058770002e-10
    return e * ln2High + (e * ln2Low + logm)
  }
}
