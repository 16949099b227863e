import RealModule

// Problems 1–20 of Moré, Garbow & Hillstrom (1981): the ones whose size is fixed.

extension MGH {
  /// Problem 1, Rosenbrock: `r₁ = 10(x₂ − x₁²)`, `r₂ = 1 − x₁`. n = m = 2,
  /// x₀ = (−1.2, 1), f* = 0 at (1, 1).
  public struct Rosenbrock: LeastSquaresProblem {
    public init() {}
    public var name: String { "rosenbrock" }
    public var title: String { "Rosenbrock" }
    public var dimension: Int { 2 }
    public var residualCount: Int { 2 }
    public var standardStart: [Double] { [-1.2, 1] }
    public var publishedMinima: [PublishedMinimum] { [PublishedMinimum(0)] }
    @inlinable
    public func residuals<R: ResidualScalar>(at x: UnsafeBufferPointer<R>, into r: UnsafeMutableBufferPointer<R>) {
      r[0] = 10 * (x[1] - x[0] * x[0])
      r[1] = 1 - x[0]
    }
  }

  /// Problem 2, Freudenstein and Roth: `r₁ = −13 + x₁ + ((5 − x₂)x₂ − 2)x₂`,
  /// `r₂ = −29 + x₁ + ((x₂ + 1)x₂ − 14)x₂`. n = m = 2, x₀ = (0.5, −2); f* = 0 at (5, 4)
  /// and the local minimum f = 48.9842… at (11.41…, −0.8968…).
  public struct FreudensteinRoth: LeastSquaresProblem {
    public init() {}
    public var name: String { "freudenstein-roth" }
    public var title: String { "Freudenstein and Roth" }
    public var dimension: Int { 2 }
    public var residualCount: Int { 2 }
    public var standardStart: [Double] { [0.5, -2] }
    public var publishedMinima: [PublishedMinimum] {
      [PublishedMinimum(0), PublishedMinimum(48.9842, digits: 6, note: "local, at (11.41…, −0.8968…)")]
    }
    @inlinable
    public func residuals<R: ResidualScalar>(at x: UnsafeBufferPointer<R>, into r: UnsafeMutableBufferPointer<R>) {
      r[0] = -13 + x[0] + ((5 - x[1]) * x[1] - 2) * x[1]
      r[1] = -29 + x[0] + ((x[1] + 1) * x[1] - 14) * x[1]
    }
  }

  /// Problem 3, Powell badly scaled: `r₁ = 10⁴x₁x₂ − 1`, `r₂ = e^(−x₁) + e^(−x₂) − 1.0001`.
  /// n = m = 2, x₀ = (0, 1), f* = 0 at (1.098…e−5, 9.106…).
  public struct PowellBadlyScaled: LeastSquaresProblem {
    public init() {}
    public var name: String { "powell-badly-scaled" }
    public var title: String { "Powell badly scaled" }
    public var dimension: Int { 2 }
    public var residualCount: Int { 2 }
    public var standardStart: [Double] { [0, 1] }
    public var publishedMinima: [PublishedMinimum] { [PublishedMinimum(0)] }
    @inlinable
    public func residuals<R: ResidualScalar>(at x: UnsafeBufferPointer<R>, into r: UnsafeMutableBufferPointer<R>) {
      r[0] = 10_000 * x[0] * x[1] - 1
      r[1] = R.exp(-x[0]) + R.exp(-x[1]) - 1.0001
    }
  }

  /// Problem 4, Brown badly scaled: `r₁ = x₁ − 10⁶`, `r₂ = x₂ − 2·10⁻⁶`, `r₃ = x₁x₂ − 2`.
  /// n = 2, m = 3, x₀ = (1, 1), f* = 0 at (10⁶, 2·10⁻⁶).
  public struct BrownBadlyScaled: LeastSquaresProblem {
    public init() {}
    public var name: String { "brown-badly-scaled" }
    public var title: String { "Brown badly scaled" }
    public var dimension: Int { 2 }
    public var residualCount: Int { 3 }
    public var standardStart: [Double] { [1, 1] }
    public var publishedMinima: [PublishedMinimum] { [PublishedMinimum(0)] }
    @inlinable
    public func residuals<R: ResidualScalar>(at x: UnsafeBufferPointer<R>, into r: UnsafeMutableBufferPointer<R>) {
      r[0] = x[0] - 1e6
      r[1] = x[1] - 2e-6
      r[2] = x[0] * x[1] - 2
    }
  }

  /// Problem 5, Beale: `rᵢ = yᵢ − x₁(1 − x₂ⁱ)`, y = (1.5, 2.25, 2.625). n = 2, m = 3,
  /// x₀ = (1, 1), f* = 0 at (3, 0.5).
  public struct Beale: LeastSquaresProblem {
    public init() {}
    public var name: String { "beale" }
    public var title: String { "Beale" }
    public var dimension: Int { 2 }
    public var residualCount: Int { 3 }
    public var standardStart: [Double] { [1, 1] }
    public var publishedMinima: [PublishedMinimum] { [PublishedMinimum(0)] }
    @inlinable
    public func residuals<R: ResidualScalar>(at x: UnsafeBufferPointer<R>, into r: UnsafeMutableBufferPointer<R>) {
      let x2 = x[1]
      let x2sq = x2 * x2
      r[0] = 1.5 - x[0] * (1 - x2)
      r[1] = 2.25 - x[0] * (1 - x2sq)
      r[2] = 2.625 - x[0] * (1 - x2sq * x2)
    }
  }

  /// Problem 6, Jennrich and Sampson: `rᵢ = 2 + 2i − (e^(ix₁) + e^(ix₂))`, i = 1…m.
  /// n = 2, m = 10, x₀ = (0.3, 0.4), f* = 124.362 at x₁ = x₂ = 0.2578.
  public struct JennrichSampson: LeastSquaresProblem {
    public init() {}
    public var name: String { "jennrich-sampson" }
    public var title: String { "Jennrich and Sampson" }
    public var dimension: Int { 2 }
    public var residualCount: Int { 10 }
    public var standardStart: [Double] { [0.3, 0.4] }
    public var publishedMinima: [PublishedMinimum] { [PublishedMinimum(124.362, digits: 6)] }
    @inlinable
    public func residuals<R: ResidualScalar>(at x: UnsafeBufferPointer<R>, into r: UnsafeMutableBufferPointer<R>) {
      for i in 1...10 {
        let fi = R(Double(i))
        r[i - 1] = R(Double(2 + 2 * i)) - (R.exp(fi * x[0]) + R.exp(fi * x[1]))
      }
    }
  }

  /// Problem 7, helical valley: `r₁ = 10(x₃ − 10θ(x₁, x₂))`, `r₂ = 10(√(x₁² + x₂²) − 1)`,
  /// `r₃ = x₃`, with `2πθ = arctan(x₂/x₁)` for x₁ > 0 and `arctan(x₂/x₁) + π` for x₁ < 0
  /// (at x₁ = 0, the limit: θ = ±1/4 by the sign of x₂). n = m = 3, x₀ = (−1, 0, 0),
  /// f* = 0 at (1, 0, 0).
  public struct HelicalValley: LeastSquaresProblem {
    public init() {}
    public var name: String { "helical-valley" }
    public var title: String { "Helical valley" }
    public var dimension: Int { 3 }
    public var residualCount: Int { 3 }
    public var standardStart: [Double] { [-1, 0, 0] }
    public var publishedMinima: [PublishedMinimum] { [PublishedMinimum(0)] }
    @inlinable
    public func residuals<R: ResidualScalar>(at x: UnsafeBufferPointer<R>, into r: UnsafeMutableBufferPointer<R>) {
      let twoPi = 2 * Double.pi
      let theta: R
      if x[0].primal > 0 {
        theta = R.atan(x[1] / x[0]) / R(twoPi)
      } else if x[0].primal < 0 {
        theta = R.atan(x[1] / x[0]) / R(twoPi) + 0.5
      } else {
        theta = R(x[1].primal >= 0 ? 0.25 : -0.25)
      }
      r[0] = 10 * (x[2] - 10 * theta)
      r[1] = 10 * (R.sqrt(x[0] * x[0] + x[1] * x[1]) - 1)
      r[2] = x[2]
    }
  }

  /// Problem 8, Bard: `rᵢ = yᵢ − (x₁ + uᵢ/(vᵢx₂ + wᵢx₃))`, uᵢ = i, vᵢ = 16 − i,
  /// wᵢ = min(uᵢ, vᵢ). n = 3, m = 15, x₀ = (1, 1, 1); f* = 8.21487e−3, and 17.4286 at
  /// (0.8406…, −∞, −∞).
  public struct Bard: LeastSquaresProblem {
    public init() {}
    public var name: String { "bard" }
    public var title: String { "Bard" }
    public var dimension: Int { 3 }
    public var residualCount: Int { 15 }
    public var standardStart: [Double] { [1, 1, 1] }
    public var publishedMinima: [PublishedMinimum] {
      [PublishedMinimum(8.21487e-3, digits: 6), PublishedMinimum(17.4286, digits: 6, note: "at (0.8406…, −∞, −∞)")]
    }
    @usableFromInline static let y: [Double] = [
      0.14, 0.18, 0.22, 0.25, 0.29, 0.32, 0.35, 0.39, 0.37, 0.58, 0.73, 0.96, 1.34, 2.10, 4.39,
    ]
    @inlinable
    public func residuals<R: ResidualScalar>(at x: UnsafeBufferPointer<R>, into r: UnsafeMutableBufferPointer<R>) {
      for i in 1...15 {
        let u = Double(i)
        let v = Double(16 - i)
        let w = Swift.min(u, v)
        r[i - 1] = R(Self.y[i - 1]) - (x[0] + R(u) / (R(v) * x[1] + R(w) * x[2]))
      }
    }
  }

  /// Problem 9, Gaussian: `rᵢ = x₁ exp(−x₂(tᵢ − x₃)²/2) − yᵢ`, tᵢ = (8 − i)/2. n = 3,
  /// m = 15, x₀ = (0.4, 1, 0), f* = 1.12793e−8.
  public struct Gaussian: LeastSquaresProblem {
    public init() {}
    public var name: String { "gaussian" }
    public var title: String { "Gaussian" }
    public var dimension: Int { 3 }
    public var residualCount: Int { 15 }
    public var standardStart: [Double] { [0.4, 1, 0] }
    public var publishedMinima: [PublishedMinimum] { [PublishedMinimum(1.12793e-8, digits: 6)] }
    @usableFromInline static let y: [Double] = [
      0.0009, 0.0044, 0.0175, 0.0540, 0.1295, 0.2420, 0.3521, 0.3989, 0.3521, 0.2420, 0.1295,
      0.0540, 0.0175, 0.0044, 0.0009,
    ]
    @inlinable
    public func residuals<R: ResidualScalar>(at x: UnsafeBufferPointer<R>, into r: UnsafeMutableBufferPointer<R>) {
      for i in 1...15 {
        let d = R(Double(8 - i) / 2) - x[2]
        r[i - 1] = x[0] * R.exp(-0.5 * x[1] * d * d) - R(Self.y[i - 1])
      }
    }
  }

  /// Problem 10, Meyer: `rᵢ = x₁ exp(x₂/(tᵢ + x₃)) − yᵢ`, tᵢ = 45 + 5i. n = 3, m = 16,
  /// x₀ = (0.02, 4000, 250), f* = 87.9458. Notoriously hard (scales 10⁻², 10³, 10²).
  public struct Meyer: LeastSquaresProblem {
    public init() {}
    public var name: String { "meyer" }
    public var title: String { "Meyer" }
    public var dimension: Int { 3 }
    public var residualCount: Int { 16 }
    public var standardStart: [Double] { [0.02, 4000, 250] }
    public var publishedMinima: [PublishedMinimum] { [PublishedMinimum(87.9458, digits: 6)] }
    @usableFromInline static let y: [Double] = [
      34780, 28610, 23650, 19630, 16370, 13720, 11540, 9744, 8261, 7030, 6005, 5147, 4427, 3820,
      3307, 2872,
    ]
    @inlinable
    public func residuals<R: ResidualScalar>(at x: UnsafeBufferPointer<R>, into r: UnsafeMutableBufferPointer<R>) {
      for i in 1...16 {
        let t = R(Double(45 + 5 * i))
        r[i - 1] = x[0] * R.exp(x[1] / (t + x[2])) - R(Self.y[i - 1])
      }
    }
  }

  /// Problem 12, Box three-dimensional: `rᵢ = e^(−tᵢx₁) − e^(−tᵢx₂) − x₃(e^(−tᵢ) − e^(−10tᵢ))`,
  /// tᵢ = 0.1i. n = 3, m = 10 (any m ≥ 3), x₀ = (0, 10, 20); f* = 0 at (1, 10, 1),
  /// (10, 1, −1) and wherever x₁ = x₂, x₃ = 0.
  public struct Box3D: LeastSquaresProblem {
    public let residualCount: Int
    public init(residualCount m: Int = 10) {
      precondition(m >= 3, "Box 3-D needs m ≥ 3")
      residualCount = m
    }
    public var name: String { "box3d" }
    public var title: String { "Box three-dimensional" }
    public var dimension: Int { 3 }
    public var standardStart: [Double] { [0, 10, 20] }
    public var publishedMinima: [PublishedMinimum] { [PublishedMinimum(0)] }
    @inlinable
    public func residuals<R: ResidualScalar>(at x: UnsafeBufferPointer<R>, into r: UnsafeMutableBufferPointer<R>) {
      for i in 1...residualCount {
        let t = 0.1 * Double(i)
        let c = R(Double.exp(-t) - Double.exp(-10 * t))
        r[i - 1] = R.exp(R(-t) * x[0]) - R.exp(R(-t) * x[1]) - x[2] * c
      }
    }
  }

  /// Problem 13, Powell singular: `r₁ = x₁ + 10x₂`, `r₂ = √5(x₃ − x₄)`, `r₃ = (x₂ − 2x₃)²`,
  /// `r₄ = √10(x₁ − x₄)²`. n = m = 4, x₀ = (3, −1, 0, 1), f* = 0 at the origin (where
  /// the Hessian is singular).
  public struct PowellSingular: LeastSquaresProblem {
    public init() {}
    public var name: String { "powell-singular" }
    public var title: String { "Powell singular" }
    public var dimension: Int { 4 }
    public var residualCount: Int { 4 }
    public var standardStart: [Double] { [3, -1, 0, 1] }
    public var publishedMinima: [PublishedMinimum] { [PublishedMinimum(0)] }
    @inlinable
    public func residuals<R: ResidualScalar>(at x: UnsafeBufferPointer<R>, into r: UnsafeMutableBufferPointer<R>) {
      powellSingularBlock(x, offset: 0, into: r)
    }
  }

  /// Problem 14, Wood: `r₁ = 10(x₂ − x₁²)`, `r₂ = 1 − x₁`, `r₃ = √90(x₄ − x₃²)`, `r₄ = 1 − x₃`,
  /// `r₅ = √10(x₂ + x₄ − 2)`, `r₆ = (x₂ − x₄)/√10`. n = 4, m = 6, x₀ = (−3, −1, −3, −1),
  /// f* = 0 at (1, 1, 1, 1).
  public struct Wood: LeastSquaresProblem {
    public init() {}
    public var name: String { "wood" }
    public var title: String { "Wood" }
    public var dimension: Int { 4 }
    public var residualCount: Int { 6 }
    public var standardStart: [Double] { [-3, -1, -3, -1] }
    public var publishedMinima: [PublishedMinimum] { [PublishedMinimum(0)] }
    @inlinable
    public func residuals<R: ResidualScalar>(at x: UnsafeBufferPointer<R>, into r: UnsafeMutableBufferPointer<R>) {
      r[0] = 10 * (x[1] - x[0] * x[0])
      r[1] = 1 - x[0]
      r[2] = R(Double(90).squareRoot()) * (x[3] - x[2] * x[2])
      r[3] = 1 - x[2]
      r[4] = R(Double(10).squareRoot()) * (x[1] + x[3] - 2)
      r[5] = (x[1] - x[3]) / R(Double(10).squareRoot())
    }
  }

  /// Problem 15, Kowalik and Osborne: `rᵢ = yᵢ − x₁(uᵢ² + uᵢx₂)/(uᵢ² + uᵢx₃ + x₄)`.
  /// n = 4, m = 11, x₀ = (0.25, 0.39, 0.415, 0.39); f* = 3.07505e−4, and 1.02734e−3 at
  /// (+∞, −14.07…, −∞, −∞). The uᵢ are the paper's rounded values (0.167, 0.0833, 0.0714).
  public struct KowalikOsborne: LeastSquaresProblem {
    public init() {}
    public var name: String { "kowalik-osborne" }
    public var title: String { "Kowalik and Osborne" }
    public var dimension: Int { 4 }
    public var residualCount: Int { 11 }
    public var standardStart: [Double] { [0.25, 0.39, 0.415, 0.39] }
    public var publishedMinima: [PublishedMinimum] {
      [PublishedMinimum(3.07505e-4, digits: 6), PublishedMinimum(1.02734e-3, digits: 6, note: "at (+∞, −14.07…, −∞, −∞)")]
    }
    @usableFromInline static let y: [Double] = [
      0.1957, 0.1947, 0.1735, 0.1600, 0.0844, 0.0627, 0.0456, 0.0342, 0.0323, 0.0235, 0.0246,
    ]
    @usableFromInline static let u: [Double] = [4, 2, 1, 0.5, 0.25, 0.167, 0.125, 0.1, 0.0833, 0.0714, 0.0625]
    @inlinable
    public func residuals<R: ResidualScalar>(at x: UnsafeBufferPointer<R>, into r: UnsafeMutableBufferPointer<R>) {
      for i in 0..<11 {
        let u = Self.u[i]
        let uu = R(u * u)
        let ru = R(u)
        r[i] = R(Self.y[i]) - x[0] * (uu + ru * x[1]) / (uu + ru * x[2] + x[3])
      }
    }
  }

  /// Problem 16, Brown and Dennis: `rᵢ = (x₁ + tᵢx₂ − e^(tᵢ))² + (x₃ + x₄ sin tᵢ − cos tᵢ)²`,
  /// tᵢ = i/5. n = 4, m = 20, x₀ = (25, 5, −5, −1), f* = 85822.2.
  public struct BrownDennis: LeastSquaresProblem {
    public init() {}
    public var name: String { "brown-dennis" }
    public var title: String { "Brown and Dennis" }
    public var dimension: Int { 4 }
    public var residualCount: Int { 20 }
    public var standardStart: [Double] { [25, 5, -5, -1] }
    public var publishedMinima: [PublishedMinimum] { [PublishedMinimum(85822.2, digits: 6)] }
    @inlinable
    public func residuals<R: ResidualScalar>(at x: UnsafeBufferPointer<R>, into r: UnsafeMutableBufferPointer<R>) {
      for i in 1...20 {
        let t = Double(i) / 5
        let a = x[0] + R(t) * x[1] - R(Double.exp(t))
        let b = x[2] + R(Double.sin(t)) * x[3] - R(Double.cos(t))
        r[i - 1] = a * a + b * b
      }
    }
  }

  /// Problem 17, Osborne 1: `rᵢ = yᵢ − (x₁ + x₂e^(−tᵢx₄) + x₃e^(−tᵢx₅))`, tᵢ = 10(i − 1).
  /// n = 5, m = 33, x₀ = (0.5, 1.5, −1, 0.01, 0.02), f* = 5.46489e−5.
  public struct Osborne1: LeastSquaresProblem {
    public init() {}
    public var name: String { "osborne1" }
    public var title: String { "Osborne 1" }
    public var dimension: Int { 5 }
    public var residualCount: Int { 33 }
    public var standardStart: [Double] { [0.5, 1.5, -1, 0.01, 0.02] }
    public var publishedMinima: [PublishedMinimum] { [PublishedMinimum(5.46489e-5, digits: 6)] }
    @usableFromInline static let y: [Double] = [
      0.844, 0.908, 0.932, 0.936, 0.925, 0.908, 0.881, 0.850, 0.818, 0.784, 0.751, 0.718, 0.685,
      0.658, 0.628, 0.603, 0.580, 0.558, 0.538, 0.522, 0.506, 0.490, 0.478, 0.467, 0.457, 0.448,
      0.438, 0.431, 0.424, 0.420, 0.414, 0.411, 0.406,
    ]
    @inlinable
    public func residuals<R: ResidualScalar>(at x: UnsafeBufferPointer<R>, into r: UnsafeMutableBufferPointer<R>) {
      for i in 0..<33 {
        let t = R(10 * Double(i))
        r[i] = R(Self.y[i]) - (x[0] + x[1] * R.exp(-t * x[3]) + x[2] * R.exp(-t * x[4]))
      }
    }
  }

  /// Problem 18, Biggs EXP6: `rᵢ = x₃e^(−tᵢx₁) − x₄e^(−tᵢx₂) + x₆e^(−tᵢx₅) − yᵢ`,
  /// tᵢ = 0.1i, yᵢ = e^(−tᵢ) − 5e^(−10tᵢ) + 3e^(−4tᵢ). n = 6, m = 13,
  /// x₀ = (1, 2, 1, 1, 1, 1); f* = 0 at (1, 10, 1, 5, 4, 3), and the local minimum
  /// 5.65565e−3 the paper prints for m = 13.
  public struct BiggsEXP6: LeastSquaresProblem {
    public init() {}
    public var name: String { "biggs-exp6" }
    public var title: String { "Biggs EXP6" }
    public var dimension: Int { 6 }
    public var residualCount: Int { 13 }
    public var standardStart: [Double] { [1, 2, 1, 1, 1, 1] }
    public var publishedMinima: [PublishedMinimum] {
      [PublishedMinimum(0), PublishedMinimum(5.65565e-3, digits: 6, note: "local (m = 13)")]
    }
    @inlinable
    public func residuals<R: ResidualScalar>(at x: UnsafeBufferPointer<R>, into r: UnsafeMutableBufferPointer<R>) {
      for i in 1...13 {
        let t = 0.1 * Double(i)
        let y = Double.exp(-t) - 5 * Double.exp(-10 * t) + 3 * Double.exp(-4 * t)
        let mt = R(-t)
        r[i - 1] = x[2] * R.exp(mt * x[0]) - x[3] * R.exp(mt * x[1]) + x[5] * R.exp(mt * x[4]) - R(y)
      }
    }
  }

  /// Problem 19, Osborne 2: `rᵢ = yᵢ − (x₁e^(−tᵢx₅) + x₂e^(−x₆(tᵢ−x₉)²) + x₃e^(−x₇(tᵢ−x₁₀)²)
  /// + x₄e^(−x₈(tᵢ−x₁₁)²))`, tᵢ = (i − 1)/10. n = 11, m = 65,
  /// x₀ = (1.3, 0.65, 0.65, 0.7, 0.6, 3, 5, 7, 2, 4.5, 5.5), f* = 4.01377e−2.
  public struct Osborne2: LeastSquaresProblem {
    public init() {}
    public var name: String { "osborne2" }
    public var title: String { "Osborne 2" }
    public var dimension: Int { 11 }
    public var residualCount: Int { 65 }
    public var standardStart: [Double] { [1.3, 0.65, 0.65, 0.7, 0.6, 3, 5, 7, 2, 4.5, 5.5] }
    public var publishedMinima: [PublishedMinimum] { [PublishedMinimum(4.01377e-2, digits: 6)] }
    @usableFromInline static let y: [Double] = [
      1.366, 1.191, 1.112, 1.013, 0.991, 0.885, 0.831, 0.847, 0.786, 0.725, 0.746, 0.679, 0.608,
      0.655, 0.616, 0.606, 0.602, 0.626, 0.651, 0.724, 0.649, 0.649, 0.694, 0.644, 0.624, 0.661,
      0.612, 0.558, 0.533, 0.495, 0.500, 0.423, 0.395, 0.375, 0.372, 0.391, 0.396, 0.405, 0.428,
      0.429, 0.523, 0.562, 0.607, 0.653, 0.672, 0.708, 0.633, 0.668, 0.645, 0.632, 0.591, 0.559,
      0.597, 0.625, 0.739, 0.710, 0.729, 0.720, 0.636, 0.581, 0.428, 0.292, 0.162, 0.098, 0.054,
    ]
    @inlinable
    public func residuals<R: ResidualScalar>(at x: UnsafeBufferPointer<R>, into r: UnsafeMutableBufferPointer<R>) {
      for i in 0..<65 {
        let t = R(Double(i) / 10)
        let a = t - x[8]
        let b = t - x[9]
        let c = t - x[10]
        let model =
          x[0] * R.exp(-t * x[4]) + x[1] * R.exp(-x[5] * a * a) + x[2] * R.exp(-x[6] * b * b)
          + x[3] * R.exp(-x[7] * c * c)
        r[i] = R(Self.y[i]) - model
      }
    }
  }

  /// Problem 20, Watson: for i = 1…29, tᵢ = i/29,
  /// `rᵢ = Σⱼ₌₂ⁿ (j − 1)xⱼtᵢ^(j−2) − (Σⱼ₌₁ⁿ xⱼtᵢ^(j−1))² − 1`; `r₃₀ = x₁`, `r₃₁ = x₂ − x₁² − 1`.
  /// 2 ≤ n ≤ 31, m = 31, x₀ = 0; f* = 2.28767e−3 (n = 6), 1.39976e−6 (n = 9),
  /// 4.72238e−10 (n = 12).
  public struct Watson: LeastSquaresProblem {
    public let dimension: Int
    public init(dimension n: Int = 9) {
      precondition((2...31).contains(n), "Watson needs 2 ≤ n ≤ 31")
      dimension = n
    }
    public var name: String { "watson" }
    public var title: String { "Watson" }
    public var residualCount: Int { 31 }
    public var standardStart: [Double] { [Double](repeating: 0, count: dimension) }
    public var publishedMinima: [PublishedMinimum] {
      switch dimension {
      case 6: [PublishedMinimum(2.28767e-3, digits: 6)]
      case 9: [PublishedMinimum(1.39976e-6, digits: 6)]
      case 12: [PublishedMinimum(4.72238e-10, digits: 6)]
      default: []
      }
    }
    @inlinable
    public func residuals<R: ResidualScalar>(at x: UnsafeBufferPointer<R>, into r: UnsafeMutableBufferPointer<R>) {
      let n = dimension
      for i in 1...29 {
        let t = Double(i) / 29
        var s1: R = 0
        var tPower = 1.0  // t^(j−2)
        for j in 2...n {
          s1 += R(Double(j - 1) * tPower) * x[j - 1]
          tPower *= t
        }
        var s2: R = 0
        tPower = 1  // t^(j−1)
        for j in 1...n {
          s2 += R(tPower) * x[j - 1]
          tPower *= t
        }
        r[i - 1] = s1 - s2 * s2 - 1
      }
      r[29] = x[0]
      r[30] = x[1] - x[0] * x[0] - 1
    }
  }
}

/// The four Powell-singular residuals of block `x[offset..<offset+4]`, shared by problems
/// 13 and 22.
@inlinable @inline(__always)
func powellSingularBlock<R: ResidualScalar>(
  _ x: UnsafeBufferPointer<R>, offset k: Int, into r: UnsafeMutableBufferPointer<R>
) {
  let a = x[k + 1] - 2 * x[k + 2]
  let b = x[k] - x[k + 3]
  r[k] = x[k] + 10 * x[k + 1]
  r[k + 1] = R(Double(5).squareRoot()) * (x[k + 2] - x[k + 3])
  r[k + 2] = a * a
  r[k + 3] = R(Double(10).squareRoot()) * b * b
}
