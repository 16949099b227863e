import DescentCore

/// The seeded random numbers of the analysis (Lanczos start vectors, Hutchinson and SLQ
/// probes, the atlas's random starts): one xoshiro256** stream, DescentCore's
/// ``GaussianGenerator`` and its uniform source, so that the same seed gives the same
/// numbers on every platform.
@usableFromInline
struct SeededGenerator: Sendable {
  @usableFromInline var stream: GaussianGenerator

  @usableFromInline init(seed: UInt64) { stream = GaussianGenerator(seed: seed) }

  /// Uniform in `[0, 1)` (53 bits).
  @usableFromInline mutating func nextUnit() -> Double { stream.source.nextUniform() }

  /// Uniform in `range`.
  @usableFromInline mutating func uniform(in range: ClosedRange<Double>) -> Double {
    range.lowerBound + nextUnit() * (range.upperBound - range.lowerBound)
  }

  /// `±1` with equal probability (a Rademacher variable), from the top bit.
  @usableFromInline mutating func rademacher() -> Double { stream.source.next() >> 63 == 0 ? 1 : -1 }

  /// A standard normal variate (Marsaglia's polar method, see ``GaussianGenerator``).
  @usableFromInline mutating func normal() -> Double { stream.next() }
}
