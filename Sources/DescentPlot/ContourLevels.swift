/// The values at which a contour plot draws level sets.
///
/// Automatic choice, from the finite values `f` of the grid (`m = min f`, `M = max f`):
/// - **linear**: multiples of a 1-2-5 step strictly between `m` and `M`, about `count`
///   of them;
/// - **logarithmic** (offset by the minimum): `m + d` for `d` in a 1-2-5 (or 1-3, or
///   1-per-decade when the range is huge) sequence of powers of ten from the 1st
///   percentile of `f − m` up to `M − m`. Chosen automatically when more than 25 % of the
///   samples would fall below the first linear level (`f − m < (M − m)/count`) — a
///   landscape mostly near its floor with steep walls, such as Rosenbrock's (58 % on
///   `[−2, 2] × [−1, 3]`) or Beale's (84 %), where linear levels would all crowd the walls
///   and leave the valleys blank; Himmelblau's function on `[−5, 5]²` has 33 %, a bowl 13 %.
///
/// Values passed as `including` (the function's values at its critical points) are always
/// levels when they lie inside `(m + 10⁻⁹(M − m), M)`; automatic levels closer to one of them
/// than a third of the local spacing are dropped so lines do not crowd. The level through
/// a saddle then shows the saddle's X.
public struct ContourLevels: Sendable, Hashable {
  /// How automatic levels are spaced.
  public enum Spacing: String, Sendable, Hashable, CaseIterable {
    case automatic
    case linear
    case logarithmic
  }

  /// The levels, ascending.
  public var values: [Double]
  /// True for levels that came from `including` (drawn emphasized).
  public var isRequired: [Bool]
  /// True when the levels are log-spaced above ``offset``.
  public var isLogarithmic: Bool
  /// The minimum the log spacing is measured from (`m`); 0 for linear levels.
  public var offset: Double

  public init(values: [Double], isRequired: [Bool]? = nil, isLogarithmic: Bool = false, offset: Double = 0) {
    self.values = values
    self.isRequired = isRequired ?? Array(repeating: false, count: values.count)
    self.isLogarithmic = isLogarithmic
    self.offset = offset
  }

  /// Automatic levels for the finite values in `values` (see the type's summary).
  ///
  /// - Parameters:
  ///   - count: about how many automatic levels (default 12).
  ///   - including: values that must be levels (critical values).
  ///   - spacing: force linear or logarithmic spacing.
  ///   - minimum: a known minimum below the sampled values (the true `f*`), used as the
  ///     offset of log spacing instead of the grid minimum.
  public static func automatic(
    for values: [Double], count: Int = 12, including required: [Double] = [],
    spacing: Spacing = .automatic, minimum: Double? = nil
  ) -> ContourLevels {
    var finite = values.filter(\.isFinite)
    guard !finite.isEmpty else { return ContourLevels(values: []) }
    finite.sort()
    var m = finite.first!
    if let minimum, minimum.isFinite, minimum < m { m = minimum }
    let M = finite.last!
    guard M > m else { return ContourLevels(values: []) }
    let range = M - m
    let firstBand = range / Double(Swift.max(2, count))
    let belowFirstBand = Double(finite.prefix { $0 - m < firstBand }.count) / Double(finite.count)

    let useLog: Bool
    switch spacing {
    case .linear: useLog = false
    case .logarithmic: useLog = true
    case .automatic: useLog = belowFirstBand > 0.25
    }

    var auto: [Double]
    var linearStep = range
    if useLog {
      let positive = finite.lazy.map { $0 - m }.filter { $0 > 0 }
      let sortedPositive = Array(positive)
      let low = Swift.max(
        range * 1e-9,
        sortedPositive.isEmpty ? range * 1e-3 : sortedPositive[sortedPositive.count / 100])
      auto = logSequence(from: low, to: range, count: count).map { m + $0 }
    } else {
      let step = Ticks.niceStep(span: range, target: Swift.max(2, count), rounding: true)
      linearStep = step
      auto = []
      var k = (m / step).rounded(.down) + 1
      while k * step < M && auto.count < 10 * count {
        if k * step > m { auto.append(k * step) }
        k += 1
      }
    }

    // Insert the required values and drop automatic levels that crowd them.
    // Values within 1e-9 of the range above the minimum are the minimum itself (a
    // minimum's value found to 1e-30 by Newton): their level set is a point.
    let inside = Array(Set(required.filter { $0.isFinite && $0 - m > 1e-9 * range && $0 < M })).sorted()
    func position(_ v: Double) -> Double { useLog ? log10Value(Swift.max(v - m, range * 1e-12)) : v }
    var levels: [(Double, Bool)] = []
    for (index, a) in auto.enumerated() {
      let prev = index > 0 ? position(auto[index - 1]) : position(a) - 1
      let next = index + 1 < auto.count ? position(auto[index + 1]) : position(a) + 1
      let spacingHere = useLog ? Swift.min(position(a) - prev, next - position(a)) : linearStep
      let crowded = inside.contains { Swift.abs(position($0) - position(a)) < spacingHere / 3 }
      if !crowded { levels.append((a, false)) }
    }
    levels += inside.map { ($0, true) }
    levels.sort { $0.0 < $1.0 }
    return ContourLevels(
      values: levels.map(\.0), isRequired: levels.map(\.1), isLogarithmic: useLog, offset: useLog ? m : 0)
  }

  /// Powers of ten times 1-2-5 (or 1-3, or 1) between `low` and `high`, the densest of
  /// these giving at most about `count + 3` values.
  static func logSequence(from low: Double, to high: Double, count: Int) -> [Double] {
    guard low > 0, high > low else { return [] }
    let decades = log10Value(high / low)
    let patterns: [[Double]] = [[1, 2, 5], [1, 3], [1]]
    var chosen = patterns[2]
    for p in patterns where Double(p.count) * decades <= Double(count + 3) {
      chosen = p
      break
    }
    var stride = 1
    if Double(chosen.count) * decades > Double(count + 3) {
      stride = Int((decades / Double(count)).rounded(.up))
    }
    var out: [Double] = []
    let e0 = Int(log10Value(low).rounded(.down))
    let e1 = Int(log10Value(high).rounded(.up))
    for e in e0...e1 where (e - e0) % stride == 0 {
      for m in chosen {
        let v = m * exp10Value(Double(e))
        if v >= low && v < high { out.append(v) }
      }
    }
    return out
  }
}
