/// Tick positions and labels for an axis.
///
/// - Linear axes: steps of 1, 2 or 5 × 10ᵏ, the smallest such step giving at most
///   `target` intervals over the domain (Heckbert, "Nice numbers for graph labels",
///   Graphics Gems, 1990).
/// - Log axes: a major tick at every decade, minor ticks at 2…9 × 10ᵏ. Over less than
///   one decade the majors are 1-2-5 (and, if still fewer than three, linear ticks);
///   over many decades every k-th decade is labelled (k from 1, 2, 5, 10, 20, 25, 50, …) so
///   at most ~8 labels appear, and some of the others become minor ticks.
public struct Ticks: Sendable, Hashable {
  /// Labelled tick values, ascending, inside the domain.
  public var major: [Double]
  /// Unlabelled tick values (log axes), inside the domain.
  public var minor: [Double]
  /// One label per major tick.
  public var labels: [String]

  public init(major: [Double], minor: [Double], labels: [String]) {
    self.major = major
    self.minor = minor
    self.labels = labels
  }

  /// Ticks for `domain` on `scale`.
  public static func forDomain(_ domain: ClosedRange<Double>, scale: Axis.Scale, target: Int = 6) -> Ticks {
    switch scale {
    case .linear: return linear(domain, target: target)
    case .log: return logarithmic(domain)
    }
  }

  /// The 1-2-5 step for about `target` intervals over `span`: at most `target` intervals,
  /// or, with `rounding`, the count nearest to `target`.
  public static func niceStep(span: Double, target: Int, rounding: Bool = false) -> Double {
    guard span > 0, span.isFinite else { return 1 }
    let raw = span / Double(Swift.max(1, target))
    let exponent = log10Value(raw).rounded(.down)
    let base = exp10Value(exponent)
    let fraction = raw / base
    let nice: Double
    if rounding {
      nice = fraction < 1.5 ? 1 : fraction < 3.5 ? 2 : fraction < 7.5 ? 5 : 10
    } else {
      nice = fraction <= 1 ? 1 : fraction <= 2 ? 2 : fraction <= 5 ? 5 : 10
    }
    return nice * base
  }

  /// Linear ticks at multiples of a 1-2-5 step.
  public static func linear(_ domain: ClosedRange<Double>, target: Int = 6) -> Ticks {
    let lo = domain.lowerBound
    let hi = domain.upperBound
    let step = niceStep(span: hi - lo, target: target)
    let slack = step * 1e-9
    let first = (lo / step - 1e-9).rounded(.up)
    var values: [Double] = []
    var k = first
    while k * step <= hi + slack && values.count < 1000 {
      var v = k * step
      if v.magnitude < slack { v = 0 }
      values.append(v)
      k += 1
    }
    return Ticks(major: values, minor: [], labels: labels(for: values, step: step))
  }

  /// Logarithmic ticks (see the type's summary).
  public static func logarithmic(_ domain: ClosedRange<Double>) -> Ticks {
    let lo = domain.lowerBound
    let hi = domain.upperBound
    precondition(lo > 0, "log ticks need a positive domain")
    let e0 = Int(log10Value(lo).rounded(.down))
    let e1 = Int(log10Value(hi).rounded(.up))
    func inside(_ v: Double) -> Bool { v >= lo * (1 - 1e-9) && v <= hi * (1 + 1e-9) }

    let decades = (e0...e1).map { exp10Value(Double($0)) }.filter(inside)
    if decades.count >= 2 {
      let every = decadeStep(span: e1 - e0)
      // Unlabelled decades between labels: each one up to 5 apart, then a fifth of the step.
      let minorEvery = every <= 5 ? 1 : every / 5
      var major: [Double] = []
      var minor: [Double] = []
      for e in e0...e1 {
        let v = exp10Value(Double(e))
        if inside(v) {
          if e.isMultiple(of: every) {
            major.append(v)
          } else if e.isMultiple(of: minorEvery) {
            minor.append(v)
          }
        }
        if every == 1 {
          for m in 2...9 {
            let w = Double(m) * v
            if inside(w) { minor.append(w) }
          }
        }
      }
      return Ticks(major: major, minor: minor, labels: major.map { logLabel($0, allMajors: major) })
    }
    // Less than ~one decade: 1-2-5 majors, 1…9 minors.
    var major: [Double] = []
    var minor: [Double] = []
    for e in e0...e1 {
      let v = exp10Value(Double(e))
      for m in 1...9 {
        let w = Double(m) * v
        guard inside(w) else { continue }
        if m == 1 || m == 2 || m == 5 { major.append(w) } else { minor.append(w) }
      }
    }
    if major.count >= 3 {
      return Ticks(major: major, minor: minor, labels: major.map { logLabel($0, allMajors: major) })
    }
    // Very narrow: plain linear ticks read best.
    let lin = linear(domain, target: 4)
    return Ticks(major: lin.major.filter { $0 > 0 }, minor: [], labels: zip(lin.major, lin.labels).filter { $0.0 > 0 }.map(\.1))
  }

  /// Decades between labels on a log axis spanning `span` decades: the smallest of 1, 2, 5,
  /// 10, 20, 25, 50, 100, … giving at most 8 intervals (so labels read 10⁻³⁰⁰, 10⁻²⁵⁰, …
  /// rather than 10⁻²⁹⁶, 10⁻²⁵⁹, …).
  public static func decadeStep(span: Int) -> Int {
    var scale = 1
    while true {
      for m in [1, 2, 5, 10, 20, 25, 50] where m * scale * 8 >= span { return m * scale }
      scale *= 100
    }
  }

  /// Labels for linear ticks with spacing `step`: fixed decimals for ordinary magnitudes,
  /// `2e-5` style otherwise.
  public static func labels(for values: [Double], step: Double) -> [String] {
    let biggest = values.map(\.magnitude).max() ?? 0
    if step >= 1e-3 && biggest < 1e6 {
      let decimals = Swift.max(0, Int(-log10Value(step).rounded(.down)))
      return values.map { fixed($0, decimals: decimals) }
    }
    return values.map { scientific($0) }
  }

  /// `v` with `decimals` digits after the point, no `-0`.
  public static func fixed(_ v: Double, decimals: Int) -> String {
    let scale = exp10Value(Double(decimals))
    var n = (v * scale).rounded()
    guard n.isFinite, n.magnitude < 9e15 else { return v.isNaN ? "NaN" : v.isInfinite ? (v > 0 ? "∞" : "−∞") : "\(v)" }
    if n == 0 { n = 0 }  // drop the sign of -0
    let negative = n < 0
    let digits = String(Int64(n.magnitude))
    guard decimals > 0 else { return (negative ? "−" : "") + digits }
    let padded = String(repeating: "0", count: Swift.max(0, decimals + 1 - digits.count)) + digits
    let cut = padded.index(padded.endIndex, offsetBy: -decimals)
    return (negative ? "−" : "") + padded[..<cut] + "." + padded[cut...]
  }

  /// `v` as `m×10ᵏ` with a short mantissa (`2e-5` reads poorly on charts).
  public static func scientific(_ v: Double) -> String {
    if v == 0 { return "0" }
    guard v.isFinite, v.magnitude >= 1e-300 else { return "\(v)" }
    let e = Int(log10Value(v.magnitude).rounded(.down))
    var m = v / exp10Value(Double(e))
    m = (m * 100).rounded() / 100
    let mantissa = m.magnitude == 1 ? (m < 0 ? "−" : "") : shortDecimal(m) + "×"
    return mantissa + "10" + superscript(e)
  }

  /// A label for a log tick: plain decimals when every major lies in `[10⁻³, 10⁴]`,
  /// otherwise powers of ten written with superscripts (`10⁻⁴`, `2×10⁻⁴`).
  public static func logLabel(_ v: Double, allMajors: [Double]) -> String {
    let plain = allMajors.allSatisfy { $0 >= 1e-3 * (1 - 1e-9) && $0 <= 1e4 * (1 + 1e-9) }
    if plain {
      let e = Int(log10Value(v).rounded(.down))
      return fixed(v, decimals: Swift.max(0, -e))
    }
    return scientific(v)
  }

  /// Shortest decimal with at most two decimals (`2`, `2.5`, `2.25`).
  static func shortDecimal(_ v: Double) -> String {
    for d in 0...2 {
      let s = fixed(v, decimals: d)
      let back = Double(String(s.map { $0 == "−" ? "-" : $0 })) ?? .nan
      if (back - v).magnitude <= 1e-9 * Swift.max(1, v.magnitude) { return s }
    }
    return fixed(v, decimals: 2)
  }

  /// An integer in Unicode superscript digits (`-4 → ⁻⁴`).
  public static func superscript(_ n: Int) -> String {
    let digits: [Character] = ["⁰", "¹", "²", "³", "⁴", "⁵", "⁶", "⁷", "⁸", "⁹"]
    var s = n < 0 ? "⁻" : ""
    for c in String(n.magnitude) { s.append(digits[Int(String(c))!]) }
    return s
  }
}

extension Ticks {
  /// A short human-readable number for descriptions and labels: up to 4 significant
  /// digits, `1.2e-5` style beyond `[1e-3, 1e6)`.
  public static func shortNumber(_ v: Double) -> String {
    if v.isNaN { return "NaN" }
    if v.isInfinite { return v > 0 ? "∞" : "−∞" }
    if v == 0 { return "0" }
    let a = v.magnitude
    if a >= 1e-3 && a < 1e6 {
      let e = Int(log10Value(a).rounded(.down))
      let decimals = Swift.max(0, 3 - e)
      var s = fixed(v, decimals: decimals)
      if s.contains(".") {
        while s.last == "0" { s.removeLast() }
        if s.last == "." { s.removeLast() }
      }
      return s
    }
    let e = Int(log10Value(a).rounded(.down))
    var m = v / exp10Value(Double(e))
    m = (m * 1000).rounded() / 1000
    var ms = fixed(m, decimals: 3)
    while ms.last == "0" { ms.removeLast() }
    if ms.last == "." { ms.removeLast() }
    return ms + "e" + String(e)
  }
}
