import DescentCore
import Testing
import _Differentiation

@differentiable(reverse)
func himmelblauSIMD(_ p: SIMD2<Double>) -> Double {
  let a = p[0] * p[0] + p[1] - 11
  let b = p[0] + p[1] * p[1] - 7
  return a * a + b * b
}

@differentiable(reverse)
func rosenbrockArray(_ x: [Double]) -> Double {
  var s = 0.0
  for i in withoutDerivative(at: 0..<(x.count - 1)) {
    let a = x[i + 1] - x[i] * x[i]
    let b = 1 - x[i]
    s = s + 100 * a * a + b * b
  }
  return s
}

/// A user's own model type: y ≈ slope·t + intercept.
struct Line: Differentiable, FlatDifferentiable {
  var slope: Double
  var intercept: Double
  init(slope: Double, intercept: Double) {
    self.slope = slope
    self.intercept = intercept
  }
  init(flat x: UnsafeBufferPointer<Double>) { self.init(slope: x[0], intercept: x[1]) }
  static func flatten(_ t: TangentVector, into g: UnsafeMutableBufferPointer<Double>) {
    g[0] = t.slope
    g[1] = t.intercept
  }
}

@differentiable(reverse)
func lineLoss(_ m: Line) -> Double {
  // Least squares on (0, 1), (1, 3), (2, 5): minimum at slope 2, intercept 1.
  let r0 = m.intercept - 1
  let r1 = m.slope + m.intercept - 3
  let r2 = 2 * m.slope + m.intercept - 5
  return r0 * r0 + r1 * r1 + r2 * r2
}

@Suite("Swift @differentiable functions as objectives")
struct DifferentiableObjectiveTests {
  @Test("SIMD2: value and gradient match the hand-derived gradient of Himmelblau")
  func simd() {
    let f = DifferentiableObjective(dimension: 2, himmelblauSIMD)
    let x = [1.5, -0.75]
    let a = x[0] * x[0] + x[1] - 11, b = x[0] + x[1] * x[1] - 7
    let expected = [4 * x[0] * a + 2 * b, 2 * a + 4 * x[1] * b]
    let g = f.gradient(at: x)
    #expect(abs(f.value(at: x) - (a * a + b * b)) <= 1e-14 * (a * a + b * b))
    for i in 0..<2 { #expect(abs(g[i] - expected[i]) <= 1e-13 * abs(expected[i])) }
    #expect(f.gradient(at: [3, 2]) == [0, 0])
  }

  @Test("[Double]: the gradient of N-D Rosenbrock agrees with central differences")
  func array() {
    let f = DifferentiableObjective<[Double]>(dimension: 5, rosenbrockArray)
    let check = f.checkGradient(at: [-1.2, 1, 0.5, -0.3, 2])
    #expect(check.passed, "max relative error \(check.maxRelativeError)")
    #expect(f.gradient(at: [1, 1, 1, 1, 1]).allSatisfy { $0 == 0 })
  }

  @Test("[Double]: a function that ignores its input has a zero gradient")
  func constant() {
    let f = DifferentiableObjective<[Double]>(dimension: 3) { _ in 7 }
    #expect(f.gradient(at: [1, 2, 3]) == [0, 0, 0])
  }

  @Test("A user's Differentiable struct: gradient and the finite-difference Hessian")
  func userStruct() {
    let f = DifferentiableObjective<Line>(dimension: 2, lineLoss)
    #expect(f.gradient(at: [2, 1]) == [0, 0])
    let h = f.hessian(at: [0.3, -0.2])
    // H = 2·AᵀA with A = [[0,1],[1,1],[2,1]] → [[10, 6], [6, 6]].
    let expected = [10.0, 6, 6, 6]
    for i in 0..<4 { #expect(abs(h[i] - expected[i]) <= 1e-6 * 10) }
  }

  @Test("Float points work too")
  func float() {
    let f = DifferentiableObjective(dimension: 2) { (p: SIMD2<Float>) -> Float in p[0] * p[0] + 3 * p[1] }
    #expect(f.gradient(at: [2, 5]) == [4, 3])
  }
}
