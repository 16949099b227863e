import DescentCore
import Foundation
import Testing

@testable import DescentAnalysis

// The classic functions, written inline until the catalog lands (each gradient is checked
// against finite differences below).

/// Himmelblau `(x² + y − 11)² + (x + y² − 7)²`, with its exact Hessian.
let himmelblau = ClosureObjective<Double>(
  dimension: 2,
  hessian: { p, h in
    let x = p[0], y = p[1]
    h[0] = 12 * x * x + 4 * y - 42
    h[1] = 4 * x + 4 * y
    h[2] = h[1]
    h[3] = 12 * y * y + 4 * x - 26
  }
) { p, g in
  let x = p[0], y = p[1]
  let a = x * x + y - 11, b = x + y * y - 7
  g[0] = 4 * x * a + 2 * b
  g[1] = 2 * a + 4 * y * b
  return a * a + b * b
}

/// Six-hump camel `(4 − 2.1x² + x⁴/3)x² + xy + (−4 + 4y²)y²` (finite-difference Hessian).
let sixHumpCamel = ClosureObjective<Double>(dimension: 2) { p, g in
  let x = p[0], y = p[1]
  let x2 = x * x, y2 = y * y
  g[0] = 8 * x - 8.4 * x2 * x + 2 * x2 * x2 * x + y
  g[1] = x - 8 * y + 16 * y2 * y
  return (4 - 2.1 * x2 + x2 * x2 / 3) * x2 + x * y + (-4 + 4 * y2) * y2
}

/// Goldstein–Price (finite-difference Hessian).
let goldsteinPrice = ClosureObjective<Double>(dimension: 2) { p, g in
  let x = p[0], y = p[1]
  let a = x + y + 1
  let b = 19 - 14 * x + 3 * x * x - 14 * y + 6 * x * y + 3 * y * y
  let c = 2 * x - 3 * y
  let d = 18 - 32 * x + 12 * x * x + 48 * y - 36 * x * y + 27 * y * y
  let first = 1 + a * a * b
  let second = 30 + c * c * d
  let bDerivative = -14 + 6 * x + 6 * y  // ∂b/∂x = ∂b/∂y
  let firstX = 2 * a * b + a * a * bDerivative
  let firstY = firstX
  let secondX = 4 * c * d + c * c * (-32 + 24 * x - 36 * y)
  let secondY = -6 * c * d + c * c * (48 - 36 * x + 54 * y)
  g[0] = firstX * second + first * secondX
  g[1] = firstY * second + first * secondY
  return first * second
}

/// The double well `x⁴ − 4x² + 1`.
let doubleWell = ClosureObjective<Double>(dimension: 1) { p, g in
  let x = p[0]
  g[0] = 4 * x * x * x - 8 * x
  return x * x * x * x - 4 * x * x + 1
}

/// `x² − y²`.
let saddle2D = ClosureObjective<Double>(dimension: 2) { p, g in
  g[0] = 2 * p[0]
  g[1] = -2 * p[1]
  return p[0] * p[0] - p[1] * p[1]
}

/// The monkey saddle `x³ − 3xy²`, with its exact Hessian (zero at the origin).
let monkeySaddle = ClosureObjective<Double>(
  dimension: 2,
  hessian: { p, h in
    h[0] = 6 * p[0]
    h[1] = -6 * p[1]
    h[2] = -6 * p[1]
    h[3] = -6 * p[0]
  }
) { p, g in
  let x = p[0], y = p[1]
  g[0] = 3 * x * x - 3 * y * y
  g[1] = -6 * x * y
  return x * x * x - 3 * x * y * y
}

/// Freudenstein–Roth: `(−13 + x + ((5 − y)y − 2)y)² + (−29 + x + ((y + 1)y − 14)y)²`.
let freudensteinRoth = ClosureObjective<Double>(dimension: 2) { p, g in
  let x = p[0], y = p[1]
  let r1 = -13 + x + ((5 - y) * y - 2) * y
  let r2 = -29 + x + ((y + 1) * y - 14) * y
  g[0] = 2 * r1 + 2 * r2
  g[1] = 2 * r1 * (-3 * y * y + 10 * y - 2) + 2 * r2 * (3 * y * y + 2 * y - 14)
  return r1 * r1 + r2 * r2
}

/// Beale: `(1.5 − x + xy)² + (2.25 − x + xy²)² + (2.625 − x + xy³)²`.
let beale = ClosureObjective<Double>(dimension: 2) { p, g in
  let x = p[0], y = p[1]
  let r1 = 1.5 - x + x * y
  let r2 = 2.25 - x + x * y * y
  let r3 = 2.625 - x + x * y * y * y
  g[0] = 2 * r1 * (y - 1) + 2 * r2 * (y * y - 1) + 2 * r3 * (y * y * y - 1)
  g[1] = 2 * r1 * x + 2 * r2 * 2 * x * y + 2 * r3 * 3 * x * y * y
  return r1 * r1 + r2 * r2 + r3 * r3
}

private func has(_ atlas: CriticalPointAtlas, _ kind: PointKind, near x: [Double], within: Double) -> CriticalPointAtlas.Point? {
  atlas.points.first { $0.kind == kind && VectorMath.distance($0.x, x) <= within }
}

func describe(_ atlas: CriticalPointAtlas) -> String {
  atlas.points.map { "\($0.kind) \($0.x) f=\($0.value) λ=\($0.eigenvalues)" }.joined(separator: "\n")
}

@Suite("Critical-point atlas")
struct CriticalPointAtlasTests {
  @Test("The inline gradients agree with finite differences")
  func gradientsAreRight() {
    let cases: [(String, ClosureObjective<Double>, [Double])] = [
      ("himmelblau", himmelblau, [1.3, -0.7]), ("camel", sixHumpCamel, [0.4, -0.9]),
      ("goldstein-price", goldsteinPrice, [0.3, -1.2]), ("double well", doubleWell, [0.8]),
      ("monkey", monkeySaddle, [0.5, 0.3]), ("freudenstein-roth", freudensteinRoth, [10, 1.5]),
      ("beale", beale, [1.1, 0.6]),
    ]
    for (name, f, x) in cases {
      let check = f.checkGradient(at: x)
      #expect(check.passed, "\(name): \(check.maxRelativeError)")
    }
    // The hand-written Hessians too.
    for (name, f, x) in [("himmelblau", himmelblau, [1.3, -0.7]), ("monkey", monkeySaddle, [0.5, 0.3])] {
      let exact = f.hessian(at: x)
      var fd = [Double](repeating: 0, count: 4)
      x.withUnsafeBufferPointer { xp in fd.withUnsafeMutableBufferPointer { FiniteDifference.hessian(of: f, at: xp, into: $0) } }
      let error = zip(exact, fd).map { ($0 - $1).magnitude }.max()!
      #expect(error <= 1e-6 * exact.map(\.magnitude).max()!, "\(name) Hessian")
    }
  }

  @Test("Himmelblau in [−5,5]²: 4 minima, 4 saddles, and the maximum (−0.270845, −0.923039) with f = 181.617")
  func himmelblauAtlas() throws {
    let atlas = CriticalPointAtlas(of: himmelblau, in: [-5...5, -5...5])
    #expect(atlas.points.count == 9, "\(describe(atlas))")
    #expect(atlas.count(.minimum) == 4)
    #expect(atlas.count(.saddle) == 4)
    #expect(atlas.count(.maximum) == 1)
    let maximum = try #require(has(atlas, .maximum, near: [-0.270845, -0.923039], within: 1e-5))
    #expect(relativeError(maximum.value, 181.617) <= 1e-5)
    for m in [[3.0, 2.0], [-2.805118, 3.131312], [-3.779310, -3.283186], [3.584428, -1.848126]] {
      let found = try #require(has(atlas, .minimum, near: m, within: 1e-5))
      #expect(found.value.magnitude <= 1e-20)
    }
    // Minima first: the atlas is sorted by value.
    #expect(atlas.points.first?.kind == .minimum)
    #expect(atlas.points.last?.kind == .maximum)
  }

  @Test("Six-hump camel in [−3,3]×[−2,2]: 6 minima, 7 saddles, 2 maxima")
  func camelAtlas() throws {
    let atlas = CriticalPointAtlas(of: sixHumpCamel, in: [-3...3, -2...2])
    #expect(atlas.count(.minimum) == 6, "\(describe(atlas))")
    #expect(atlas.count(.saddle) == 7)
    #expect(atlas.count(.maximum) == 2)
    #expect(atlas.count(.degenerate) == 0)
    let global = try #require(has(atlas, .minimum, near: [0.0898, -0.7126], within: 1e-3))
    #expect(relativeError(global.value, -1.0316284534898774) <= 1e-9)
  }

  @Test("Goldstein–Price in [−2,2]²: 4 minima, 4 saddles, 1 maximum; the global minimum f(0, −1) = 3")
  func goldsteinPriceAtlas() throws {
    let atlas = CriticalPointAtlas(of: goldsteinPrice, in: [-2...2, -2...2])
    #expect(atlas.count(.minimum) == 4, "\(describe(atlas))")
    #expect(atlas.count(.saddle) == 4)
    #expect(atlas.count(.maximum) == 1)
    #expect(atlas.count(.degenerate) == 0)
    let global = try #require(has(atlas, .minimum, near: [0, -1], within: 1e-7))
    #expect(relativeError(global.value, 3) <= 1e-12)
  }

  @Test("The double well x⁴ − 4x² + 1: minima at ±√2 (f = −3) and a maximum at 0")
  func doubleWellAtlas() throws {
    let atlas = CriticalPointAtlas(of: doubleWell, in: [-3...3])
    #expect(atlas.points.count == 3)
    for x in [-2.0.squareRoot(), 2.0.squareRoot()] {
      let m = try #require(has(atlas, .minimum, near: [x], within: 1e-10))
      #expect(relativeError(m.value, -3) <= 1e-14)
      #expect(relativeError(m.eigenvalues[0], 16) <= 1e-6)
    }
    let top = try #require(has(atlas, .maximum, near: [0], within: 1e-12))
    #expect(relativeError(top.eigenvalues[0], -8) <= 1e-6)
  }

  @Test("x² − y² has one critical point, a saddle with eigenvalues −2 and 2")
  func saddleAtlas() throws {
    let atlas = CriticalPointAtlas(of: saddle2D, in: [-1...1, -1...1])
    #expect(atlas.points.count == 1)
    let s = try #require(has(atlas, .saddle, near: [0, 0], within: 1e-12))
    #expect(relativeError(s.eigenvalues[0], -2) <= 1e-6)
    #expect(relativeError(s.eigenvalues[1], 2) <= 1e-6)
  }

  @Test("The monkey saddle x³ − 3xy² has one critical point, degenerate (exact or finite-difference Hessian)")
  func monkeyAtlas() throws {
    let atlas = CriticalPointAtlas(of: monkeySaddle, in: [-2...2, -2...2])
    #expect(atlas.points.count == 1, "\(describe(atlas))")
    #expect(has(atlas, .degenerate, near: [0, 0], within: 1e-6) != nil)
    let gradientOnly = ClosureObjective<Double>(dimension: 2) { p, g in
      monkeySaddle.value(at: p, gradient: g)
    }
    let fd = CriticalPointAtlas(of: gradientOnly, in: [-2...2, -2...2])
    #expect(fd.points.count == 1, "\(describe(fd))")
    #expect(has(fd, .degenerate, near: [0, 0], within: 1e-6) != nil)
  }

  @Test("Freudenstein–Roth: the minima (5, 4) and (11.41, −0.8968) and the saddle near (23.92, 2.23)")
  func freudensteinRothAtlas() throws {
    let atlas = CriticalPointAtlas(of: freudensteinRoth, in: [-10...30, -3...6])
    let global = try #require(has(atlas, .minimum, near: [5, 4], within: 1e-6))
    #expect(global.value <= 1e-20)
    let local = try #require(has(atlas, .minimum, near: [11.4128, -0.896805], within: 1e-3))
    #expect(relativeError(local.value, 48.98425367924) <= 1e-9)
    #expect(has(atlas, .saddle, near: [23.92, 2.23], within: 0.01) != nil, "\(describe(atlas))")
  }

  @Test("Beale: the minimum (3, 0.5) with f = 0 and the saddle at (0, 1)")
  func bealeAtlas() throws {
    let atlas = CriticalPointAtlas(of: beale, in: [-4.5...4.5, -4.5...4.5])
    let minimum = try #require(has(atlas, .minimum, near: [3, 0.5], within: 1e-8))
    #expect(minimum.value <= 1e-20)
    #expect(has(atlas, .saddle, near: [0, 1], within: 1e-8) != nil, "\(describe(atlas))")
  }

  @Test("Three double wells Σ(xᵢ⁴ − 4xᵢ²) in 3-D: 27 points — 8 minima, 18 saddles, 1 maximum")
  func separable3D() throws {
    let wells = ClosureObjective<Double>(dimension: 3) { p, g in
      var f = 0.0
      for i in 0..<3 {
        let x = p[i]
        g[i] = 4 * x * x * x - 8 * x
        f += x * x * x * x - 4 * x * x
      }
      return f
    }
    let atlas = CriticalPointAtlas(of: wells, in: [-2.5...2.5, -2.5...2.5, -2.5...2.5])
    #expect(atlas.points.count == 27)
    #expect(atlas.count(.minimum) == 8)
    #expect(atlas.count(.saddle) == 18)
    #expect(atlas.count(.maximum) == 1)
    let top = try #require(has(atlas, .maximum, near: [0, 0, 0], within: 1e-12))
    #expect(top.value.magnitude <= 1e-15)
    let bottom = try #require(atlas.points.first)
    #expect(relativeError(bottom.value, -12) <= 1e-14)
  }

  @Test("A Float objective: Himmelblau's 9 points, to Float accuracy")
  func floatObjective() throws {
    let f = ClosureObjective<Float>(dimension: 2) { p, g in
      let x = p[0], y = p[1]
      let a = x * x + y - 11, b = x + y * y - 7
      g[0] = 4 * x * a + 2 * b
      g[1] = 2 * a + 4 * y * b
      return a * a + b * b
    }
    let atlas = CriticalPointAtlas(of: f, in: [-5...5, -5...5])
    #expect(atlas.count(.minimum) == 4, "\(describe(atlas))")
    #expect(atlas.count(.saddle) == 4)
    #expect(atlas.count(.maximum) == 1)
    #expect(has(atlas, .maximum, near: [-0.270845, -0.923039], within: 1e-4) != nil)
  }

  @Test("A circle of minima (x² + y² − 1)²: the maximum at 0, degenerate points on the circle, and a note")
  func continuum() throws {
    let ring = ClosureObjective<Double>(dimension: 2) { p, g in
      let r = p[0] * p[0] + p[1] * p[1] - 1
      g[0] = 4 * r * p[0]
      g[1] = 4 * r * p[1]
      return r * r
    }
    let atlas = CriticalPointAtlas(of: ring, in: [-2...2, -2...2])
    #expect(has(atlas, .maximum, near: [0, 0], within: 1e-12) != nil)
    let onCircle = atlas.points.filter { $0.kind == .degenerate }
    #expect(onCircle.count >= 10)
    #expect(onCircle.allSatisfy { (VectorMath.norm($0.x) - 1).magnitude <= 1e-9 })
    #expect(atlas.count(.minimum) == 0)  // never called strict minima: one eigenvalue is 0
    #expect(atlas.notes.contains { $0.contains("continuum") })
  }

  @Test("A function that is NaN on half the box: the one minimum of the other half")
  func partlyUndefined() throws {
    let half = ClosureObjective<Double>(dimension: 2) { p, g in
      if p[0] < 0 {
        g[0] = .nan
        g[1] = .nan
        return .nan
      }
      g[0] = 2 * (p[0] - 1)
      g[1] = 2 * p[1]
      return (p[0] - 1) * (p[0] - 1) + p[1] * p[1]
    }
    let atlas = CriticalPointAtlas(of: half, in: [-2...2, -2...2])
    #expect(atlas.points.count == 1)
    #expect(has(atlas, .minimum, near: [1, 0], within: 1e-12) != nil)
  }

  @Test("A constant function has no listed critical points and says why")
  func constant() {
    let flat = ClosureObjective<Double>(dimension: 2) { _, g in
      g[0] = 0
      g[1] = 0
      return 1
    }
    let atlas = CriticalPointAtlas(of: flat, in: [-1...1, -1...1])
    #expect(atlas.points.isEmpty)
    #expect(atlas.notes.count == 1)
  }

  @Test("The atlas encodes criticalPoints-style JSON: x, value, kind, eigenvalues")
  func json() throws {
    let atlas = CriticalPointAtlas(of: doubleWell, in: [-3...3])
    let object = try #require(
      try JSONSerialization.jsonObject(with: JSONEncoder().encode(atlas)) as? [String: Any])
    let points = try #require(object["points"] as? [[String: Any]])
    #expect(points.count == 3)
    #expect(points[0]["kind"] as? String == "minimum")
    #expect(points[0]["x"] is [Double])
    #expect(points[0]["eigenvalues"] is [Double])
    #expect(points[0]["value"] is Double)
  }

  @Test("A 2-D atlas takes well under half a second even in a debug build")
  func speed() {
    let clock = ContinuousClock()
    let elapsed = clock.measure { _ = CriticalPointAtlas(of: sixHumpCamel, in: [-3...3, -2...2]) }
    #expect(elapsed < .milliseconds(500), "took \(elapsed)")
  }
}

/// The algebraic reference written by `scripts/critical_points_reference.py` (sympy resultants,
/// mpmath at 60 digits).
struct CriticalPointFixture: Decodable {
  struct Function: Decodable {
    struct Point: Decodable {
      var x: [Double]
      var value: Double
      var kind: PointKind
      var eigenvalues: [Double]
    }
    var name: String
    var region: [[Double]]
    var points: [Point]
  }
  var functions: [Function]

  static let shared: CriticalPointFixture = {
    let url = Bundle.module.url(forResource: "critical_points_reference", withExtension: "json", subdirectory: "Fixtures")!
    return try! JSONDecoder().decode(CriticalPointFixture.self, from: Data(contentsOf: url))
  }()
}

@Suite("Critical-point atlas against the algebraic reference")
struct CriticalPointAtlasReferenceTests {
  static let objectives: [String: ClosureObjective<Double>] = [
    "himmelblau": himmelblau, "six-hump-camel": sixHumpCamel, "goldstein-price": goldsteinPrice,
    "beale": beale, "freudenstein-roth": freudensteinRoth,
  ]

  @Test("Every critical point in the box, and nothing else: position, value, kind and eigenvalues",
        arguments: CriticalPointFixture.shared.functions.map(\.name))
  func matchesReference(name: String) throws {
    let reference = CriticalPointFixture.shared.functions.first { $0.name == name }!
    let f = try #require(Self.objectives[name])
    let region = reference.region.map { $0[0]...$0[1] }
    let atlas = CriticalPointAtlas(of: f, in: region)
    let diagonal = VectorMath.norm(region.map { $0.upperBound - $0.lowerBound })
    #expect(atlas.points.count == reference.points.count, "\(describe(atlas))")
    let valueScale = reference.points.map(\.value.magnitude).max()!
    for p in reference.points {
      let found = atlas.points.min { VectorMath.distance($0.x, p.x) < VectorMath.distance($1.x, p.x) }!
      let distance = VectorMath.distance(found.x, p.x)
      #expect(distance <= 1e-9 * diagonal, "\(name) \(p.kind) at \(p.x): nearest found \(found.x)")
      #expect(found.kind == p.kind, "\(name) at \(p.x): \(found.kind), expected \(p.kind)")
      #expect((found.value - p.value).magnitude <= 1e-12 * valueScale, "\(name) value at \(p.x)")
      let norm = p.eigenvalues.map(\.magnitude).max()!
      for (a, b) in zip(found.eigenvalues, p.eigenvalues) {
        #expect((a - b).magnitude <= 1e-6 * norm, "\(name) eigenvalues at \(p.x): \(found.eigenvalues) vs \(p.eigenvalues)")
      }
    }
  }
}
