import DescentCore
import Testing

@testable import DescentOptimizers

/// Every MGH problem against the independent sympy/mpmath reference: values, gradients
/// (and against central differences), Hessians, sizes, starts and minimum values.
@Suite("MGH problems match the paper's definitions")
struct MGHProblemTests {
  static let problems = MGH.standard.map { $0.name }

  @Test("every problem in MGH.standard has a reference and the same n, m and start", arguments: problems)
  func sizesAndStart(name: String) throws {
    let p = try #require(MGH.named(name))
    let ref = MGHReference.problem(name)
    #expect(p.dimension == ref.n)
    #expect(p.residualCount == ref.m)
    #expect(relativeError(p.standardStart, ref.start, floor: 1) <= 1e-15)
  }

  @Test("f at the start and three seeded points agrees with the reference to 1e-12", arguments: problems)
  func values(name: String) throws {
    let p = try #require(MGH.named(name))
    let f = p.anyObjective(Double.self)
    for point in MGHReference.problem(name).points {
      let value = f.value(at: point.x)
      #expect(abs(value - point.value) <= 1e-12 * abs(point.value), "\(name) at \(point.x): \(value) vs \(point.value)")
      var g = [Double]()
      let value2 = f.value(at: point.x, gradient: &g)
      #expect(abs(value2 - point.value) <= 1e-12 * abs(point.value))
    }
  }

  @Test("the forward-mode gradient 2Jᵀr agrees with sympy (1e-11) and with central differences (1e-5, normwise)", arguments: problems)
  func gradients(name: String) throws {
    let p = try #require(MGH.named(name))
    let f = p.anyObjective(Double.self)
    for point in MGHReference.problem(name).points {
      let g = f.gradient(at: point.x)
      #expect(relativeError(g, point.gradient) <= 1e-11, "\(name): \(g) vs \(point.gradient)")
      // Normwise: the badly scaled problems (Brown: f ≈ 10¹², Osborne 1 at a seeded point:
      // f ≈ 10²⁶) have components far below what differences of f can resolve.
      var numeric = [Double](repeating: 0, count: p.dimension)
      point.x.withUnsafeBufferPointer { xp in
        numeric.withUnsafeMutableBufferPointer { FiniteDifference.gradient(of: f, at: xp, into: $0) }
      }
      #expect(relativeError(numeric, g) <= 1e-5, "\(name): finite differences \(numeric) vs \(g)")
    }
  }

  @Test("the hyper-dual Hessian 2JᵀJ + 2Σrᵢ∇²rᵢ agrees with sympy to 1e-10", arguments: problems)
  func hessians(name: String) throws {
    let p = try #require(MGH.named(name))
    let f = p.anyObjective(Double.self)
    #expect(f.hasExactHessian)
    for point in MGHReference.problem(name).points {
      let h = f.hessian(at: point.x)
      #expect(relativeError(h, point.hessian) <= 1e-10, "\(name)")
    }
  }

  @Test("published minima: the paper's digits, and f at the refined minimizer", arguments: problems)
  func minima(name: String) throws {
    let p = try #require(MGH.named(name))
    let ref = MGHReference.problem(name)
    let published = p.publishedMinima.map(\.value)
    for minimum in ref.minima {
      #expect(published.contains(minimum.published), "\(name): \(minimum.published) not in \(published)")
      if let x = minimum.minimizer {
        let value = p.value(at: x)
        #expect(abs(value - minimum.value) <= 1e-9 * minimum.value, "\(name): f(x*) = \(value) vs \(minimum.value)")
      }
    }
  }

  @Test("Float evaluation agrees with Double to single precision")
  func floatPrecision() {
    let p = MGH.Wood()
    let xs = MGHReference.problem("wood").points[1].x
    let fd = p.objective(Double.self).value(at: xs)
    let ff = p.objective(Float.self).value(at: xs.map(Float.init))
    #expect(abs(Double(ff) - fd) <= 1e-5 * fd)
  }

  @Test("the chained Rosenbrock gradient and Hessian agree with finite differences")
  func chainedRosenbrock() {
    let f = ChainedRosenbrock<Double>(dimension: 7)
    let x: [Double] = [-1.2, 1, 0.3, -0.5, 2, 1.1, 0.9]
    #expect(f.checkGradient(at: x).passed)
    let exact = f.hessian(at: x)
    var fd = [Double](repeating: 0, count: 49)
    x.withUnsafeBufferPointer { xp in fd.withUnsafeMutableBufferPointer { FiniteDifference.hessian(of: f, at: xp, into: $0) } }
    #expect(relativeError(exact, fd) <= 1e-8)
    // f = Σ 100(xᵢ₊₁ − xᵢ²)² + (1 − xᵢ)² at the standard start of n = 4: 2·24.2 + 4.84·… by hand:
    // pairs (−1.2, 1), (1, −1.2), (−1.2, 1): 100·0.44²+4.84, 100·2.2²+0, 100·0.44²+4.84.
    let f4 = ChainedRosenbrock<Double>(dimension: 4)
    let expected = 2 * (100 * 0.44 * 0.44 + 4.84) + 100 * 2.2 * 2.2
    #expect(abs(f4.value(at: ChainedRosenbrock<Double>.standardStart(dimension: 4)) - expected) <= 1e-12 * expected)
  }

  @Test("MGH.forEachStandard hands over the problems of MGH.standard, as the same types, in order")
  func visitorMatchesStandard() {
    struct Collect: LeastSquaresProblemVisitor {
      var seen: [(name: String, n: Int, m: Int, type: String)] = []
      mutating func visit<P: LeastSquaresProblem>(_ problem: P) {
        seen.append((problem.name, problem.dimension, problem.residualCount, "\(P.self)"))
      }
    }
    var collect = Collect()
    MGH.forEachStandard(&collect)
    let standard = MGH.standard
    #expect(collect.seen.count == standard.count)
    for (a, b) in zip(collect.seen, standard) {
      #expect(a.name == b.name && a.n == b.dimension && a.m == b.residualCount && a.type == "\(type(of: b))")
    }
  }
}
