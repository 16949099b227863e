import Testing

@testable import DescentPlot

@Suite("Axes and ticks")
struct TicksTests {
  @Test("linear ticks use 1-2-5 steps inside the domain")
  func linearTicks() {
    let t = Ticks.linear(-2...3, target: 6)
    #expect(t.major == [-2, -1, 0, 1, 2, 3])
    #expect(t.labels == ["−2", "−1", "0", "1", "2", "3"])
    let small = Ticks.linear(0...0.27, target: 6)
    #expect(small.major.count >= 4 && small.major.count <= 8)
    let step = small.major[1] - small.major[0]
    #expect(abs(step - 0.05) < 1e-12)
    #expect(small.labels[1] == "0.05")
  }

  @Test("log ticks put majors on decades and minors on 2…9")
  func logTicks() {
    let t = Ticks.logarithmic(1e-6...1e2)
    #expect(t.major.count == 9)
    for (v, e) in zip(t.major, -6...2) {
      let expected = Double.exp10Test(e)
      #expect(abs(v - expected) <= 1e-12 * expected)
    }
    #expect(t.minor.count == 8 * 8)
    #expect(t.labels.first == "10⁻⁶")
    #expect(t.labels.last == "10²")
    // Inside [1e-3, 1e4] decades read as plain numbers.
    let plain = Ticks.logarithmic(1e-2...1e3)
    #expect(plain.labels == ["0.01", "0.1", "1", "10", "100", "1000"])
  }

  @Test("many decades label every k-th decade")
  func manyDecades() {
    let t = Ticks.logarithmic(1e-30...1e10)
    #expect(t.major.count <= 9)
    #expect(t.major.count >= 4)
    #expect(t.minor.allSatisfy { v in t.major.allSatisfy { abs($0 - v) > 1e-9 * v } })
  }

  @Test("hundreds of decades are labelled at round decades with a few minors between")
  func hundredsOfDecades() {
    // A learning-rate sweep's final losses reach 1e-300: labels every 50 decades, minor
    // ticks every 10 (not one per decade, which greys the plot).
    let t = Ticks.logarithmic(1e-300...1)
    #expect(t.labels == ["10⁻³⁰⁰", "10⁻²⁵⁰", "10⁻²⁰⁰", "10⁻¹⁵⁰", "10⁻¹⁰⁰", "10⁻⁵⁰", "10⁰"])
    #expect(t.minor.count == 24)
    #expect(Ticks.decadeStep(span: 40) == 5)
    #expect(Ticks.decadeStep(span: 8) == 1)
    #expect(Ticks.decadeStep(span: 9) == 2)
    #expect(Ticks.decadeStep(span: 170) == 25)
    #expect(Ticks.decadeStep(span: 3000) == 500)
  }

  @Test("less than a decade falls back to 1-2-5 majors")
  func narrowLog() {
    let t = Ticks.logarithmic(1.5...40)
    #expect(t.major == [2, 5, 10, 20])
  }

  @Test("log axis transform inverts")
  func transformInverts() {
    let a = AxisTransform(scale: .log, domain: 1e-4...1e2, pixelStart: 300, pixelEnd: 20)
    for v in [1e-4, 3.3e-3, 0.5, 17.0, 100.0] {
      let back = a.value(atPixel: a.pixel(v))
      #expect(abs(back - v) <= 1e-12 * v)
    }
    #expect(a.pixel(1e-4) == 300)
    #expect(abs(a.pixel(1e2) - 20) < 1e-9)
    #expect(a.pixel(-1).isNaN)
  }
}

extension Double {
  static func exp10Test(_ e: Int) -> Double {
    var v = 1.0
    if e >= 0 { for _ in 0..<e { v *= 10 } } else { for _ in 0..<(-e) { v /= 10 } }
    return v
  }
}
