import Foundation
import Testing

@testable import DescentCore

/// `Fixtures/random.json`, written by `scripts/golden_random.py` (independent Python
/// implementations of the reference algorithms).
private struct RandomFixture: Decodable {
  struct Stream: Decodable { var seed: String; var outputs: [String] }
  struct Normals: Decodable { var seed: String; var values: [Double] }
  struct Log: Decodable { var x: Double; var portable: Double; var libm: Double }
  var splitmix64: [Stream]
  var xoshiro256starstar: [Stream]
  var gaussian: [Normals]
  var log: [Log]

  static let shared: RandomFixture = {
    let url = Bundle.module.url(forResource: "Fixtures/random", withExtension: "json")!
    return try! JSONDecoder().decode(RandomFixture.self, from: Data(contentsOf: url))
  }()
}

@Suite("Seeded random numbers")
struct RandomTests {
  @Test("SplitMix64 reproduces the reference stream (seed 0 starts 0xE220A8397B1DCDAF)")
  func splitMix() {
    var zero = SplitMix64(state: 0)
    #expect(zero.next() == 0xE220_A839_7B1D_CDAF)
    for stream in RandomFixture.shared.splitmix64 {
      var g = SplitMix64(state: UInt64(stream.seed)!)
      #expect(stream.outputs.map { UInt64($0)! } == (0..<8).map { _ in g.next() })
    }
  }

  @Test("xoshiro256** seeded through SplitMix64 reproduces the reference stream")
  func xoshiro() {
    for stream in RandomFixture.shared.xoshiro256starstar {
      var g = Xoshiro256StarStar(seed: UInt64(stream.seed)!)
      #expect(stream.outputs.map { UInt64($0)! } == (0..<8).map { _ in g.next() })
    }
  }

  @Test("the Gaussian stream is bit-identical to the reference implementation")
  func gaussianBits() {
    for stream in RandomFixture.shared.gaussian {
      var g = GaussianGenerator(seed: UInt64(stream.seed)!)
      let ours = (0..<stream.values.count).map { _ in g.next() }
      #expect(ours.map(\.bitPattern) == stream.values.map(\.bitPattern), "seed \(stream.seed)")
    }
  }

  @Test("Gaussian moments over 200,000 draws: mean 0, variance 1, kurtosis 3 (within 5 standard errors)")
  func gaussianMoments() {
    var g = GaussianGenerator(seed: 7)
    let n = 200_000
    var s1 = 0.0, s2 = 0.0, s4 = 0.0
    for _ in 0..<n {
      let v = g.next()
      s1 += v; s2 += v * v; s4 += v * v * v * v
    }
    let mean = s1 / Double(n), variance = s2 / Double(n), fourth = s4 / Double(n)
    #expect(abs(mean) < 5 / Double(n).squareRoot())
    #expect(abs(variance - 1) < 5 * 2.0.squareRoot() / Double(n).squareRoot())
    #expect(abs(fourth - 3) < 5 * 96.0.squareRoot() / Double(n).squareRoot())
  }

  @Test("saving and restoring the generator continues the same stream")
  func codableState() throws {
    var g = GaussianGenerator(seed: 99)
    _ = (0..<11).map { _ in g.next() }  // odd count: a spare is pending
    let saved = try JSONEncoder().encode(g)
    let expected = (0..<10).map { _ in g.next() }
    var restored = try JSONDecoder().decode(GaussianGenerator.self, from: saved)
    #expect((0..<10).map { _ in restored.next() }.map(\.bitPattern) == expected.map(\.bitPattern))
  }

  @Test("the portable log equals the reference bit for bit and libm to 2 ulp")
  func portableLog() {
    for entry in RandomFixture.shared.log {
      let ours = PortableMath.log(entry.x)
      #expect(ours.bitPattern == entry.portable.bitPattern, "x = \(entry.x)")
      #expect(abs(ours - entry.libm) <= 2 * max(entry.libm.ulp, Double.leastNormalMagnitude), "x = \(entry.x)")
    }
    #expect(PortableMath.log(0) == -.infinity)
    #expect(PortableMath.log(-1).isNaN)
    #expect(PortableMath.log(1) == 0)
  }
}
