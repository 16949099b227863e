import DescentCore
import Testing

/// The MGH problems by name through ``ResolvedFunction/resolve(_:dimension:)``: what every
/// command that takes `--function` goes through.
@Suite("MGH problems resolve by name, number and size")
struct MGHResolutionTests {
  static let names = MGH.standard.map(\.name)

  @Test("Every problem of MGH.standard resolves as mgh:NAME at its standard size", arguments: names)
  func resolvesEveryProblem(name: String) throws {
    let problem = try #require(MGH.named(name))
    let r = try ResolvedFunction.resolve("mgh:\(name)")
    #expect(r.name == "mgh:\(name)")
    #expect(r.formula == nil)
    #expect(r.dimension == problem.dimension)
    #expect(r.variables == (1...problem.dimension).map { "x\($0)" })
    #expect(r.standardStart == problem.standardStart)
    #expect(r.leastSquares?.residualCount == problem.residualCount)
    #expect(r.leastSquares?.publishedMinima == problem.publishedMinima)
    #expect(r.window.count == problem.dimension)
    for (range, s) in zip(r.window, problem.standardStart) { #expect(range.contains(s)) }
    // The objective is the problem's: same value at the start, exact Hessian.
    let f = r.objective(Double.self)
    #expect(f.hasExactHessian)
    let expected = problem.value(at: problem.standardStart)
    #expect(abs(f.value(at: problem.standardStart) - expected) <= 1e-14 * max(abs(expected), 1e-300))
    let g = r.objective(Float.self)
    let start32 = problem.standardStart.map(Float.init)
    #expect(abs(Double(g.value(at: start32)) - expected) <= 1e-4 * max(abs(expected), 1e-30), "\(name) in Float")
    // f*: the published value, or the precise one that rounds to it.
    if let published = problem.publishedMinima.first {
      let fStar = try #require(r.minimumValue)
      if let digits = published.significantDigits {
        // The paper truncates (Bard's 8.2148773e-3 is printed 8.21487e-3): within one unit
        // of the last printed digit.
        let unit = pow10(Int((abs(published.value)).log10Floor) - digits + 1)
        #expect(abs(fStar - published.value) <= unit * (1 + 1e-9), "\(name): \(fStar) vs \(published.value)")
      } else {
        #expect(fStar == published.value)
      }
    }
  }

  @Test("The paper's numbers resolve: mgh:18 is Biggs EXP6, mgh:35 Chebyquad; 11 is not in the set")
  func numbers() throws {
    #expect(try ResolvedFunction.resolve("mgh:18").name == "mgh:biggs-exp6")
    #expect(try ResolvedFunction.resolve("mgh:35").name == "mgh:chebyquad")
    #expect(try ResolvedFunction.resolve("mgh:1").leastSquares?.number == 1)
    #expect(MGH.entries.map(\.number) == Array(1...10) + [12] + Array(13...32) + [35])
    #expect(throws: FunctionResolutionError.self) { try ResolvedFunction.resolve("mgh:11") }
  }

  @Test("Names ignore case, dashes and underscores")
  func spellings() throws {
    for text in ["MGH:Box-3D", "mgh:box_3d", "box3d", "Biggs_EXP6", "mgh:penalty-1"] {
      let r = try ResolvedFunction.resolve(text)
      #expect(r.leastSquares != nil, "\(text)")
    }
  }

  @Test("Bare names: MGH where the catalog does not have the name, the catalog's otherwise")
  func bareNames() throws {
    let biggs = try ResolvedFunction.resolve("biggs-exp6")
    #expect(biggs.name == "mgh:biggs-exp6" && biggs.dimension == 6)
    for shared in ["rosenbrock", "beale", "wood", "helical-valley", "powell-singular", "freudenstein-roth",
                   "powell-badly-scaled", "brown-badly-scaled"] {
      let catalog = try ResolvedFunction.resolve(shared)
      #expect(catalog.name == shared && catalog.formula != nil && catalog.leastSquares == nil, "\(shared)")
      let mgh = try ResolvedFunction.resolve("mgh:\(shared)")
      #expect(mgh.leastSquares != nil)
      // The same function either way (the catalog's forms follow the paper).
      let x = mgh.standardStart
      let a = catalog.objective(Double.self).value(at: x)
      let b = mgh.objective(Double.self).value(at: x)
      #expect(abs(a - b) <= 1e-12 * max(abs(a), 1), "\(shared): catalog \(a), MGH \(b)")
    }
  }

  @Test("Variable-size problems honour the dimension and carry f* where the paper prints one")
  func sizes() throws {
    let rosen = try ResolvedFunction.resolve("mgh:extended-rosenbrock", dimension: 4)
    #expect(rosen.dimension == 4 && rosen.standardStart == [-1.2, 1, -1.2, 1] && rosen.minimumValue == 0)
    let penalty = try ResolvedFunction.resolve("mgh:penalty1", dimension: 4)
    #expect(penalty.minimumValue == 2.24997e-5)
    #expect(try ResolvedFunction.resolve("mgh:penalty1", dimension: 7).minimumValue == nil)
    let linear = try ResolvedFunction.resolve("mgh:linear-full-rank", dimension: 5)
    #expect(linear.leastSquares?.residualCount == 10 && linear.minimumValue == 5)
    #expect(try ResolvedFunction.resolve("mgh:watson", dimension: 12).minimumValue == 4.72238e-10)
  }

  @Test("Bad sizes and unknown names are errors that say what is accepted")
  func errors() {
    func message(_ text: String, _ n: Int? = nil) -> String {
      do {
        _ = try ResolvedFunction.resolve(text, dimension: n)
        return "resolved"
      } catch { return error.description }
    }
    #expect(message("mgh:biggs-exp6", 4) == "mgh:biggs-exp6 does not take 4 variables (accepted: n = 6)")
    #expect(message("mgh:extended-rosenbrock", 5).contains("even n from 2 to 1000"))
    #expect(message("mgh:extended-powell-singular", 6).contains("n a multiple of 4 from 4 to 1000"))
    #expect(message("mgh:watson", 40).contains("2 ≤ n ≤ 31"))
    #expect(message("mgh:penalty1", 5000).contains("1 ≤ n ≤ 1000"))
    #expect(message("mgh:biggs-exp").hasPrefix("unknown MGH problem 'mgh:biggs-exp'; did you mean 'mgh:biggs-exp6'?"))
    #expect(message("mgh:qqqqqqqq").contains("choices: rosenbrock, freudenstein-roth"))
    #expect(message("biggs-exp").hasPrefix("unknown function 'biggs-exp'; did you mean 'mgh:biggs-exp6'?"))
    #expect(message("himmelblow").hasPrefix("unknown function 'himmelblow'; did you mean 'himmelblau'?"))
  }

  @Test("Two-variable problems frame start and minimizer, and mark the minimizer")
  func windows() throws {
    let beale = try ResolvedFunction.resolve("mgh:beale")
    #expect(beale.window[0].contains(1) && beale.window[0].contains(3))
    #expect(beale.window[1].contains(1) && beale.window[1].contains(0.5))
    #expect(beale.criticalPoints == [CriticalPoint(x: [3, 0.5], value: 0, kind: .minimum)])
    let twoVariable = MGH.entries.filter { !$0.minima.isEmpty }
    #expect(twoVariable.map(\.number) == [1, 2, 3, 4, 5, 6])
    for entry in twoVariable {
      let window = entry.window(dimension: 2)
      let start = entry.problem(dimension: 2).standardStart
      #expect(window[0].contains(start[0]) && window[1].contains(start[1]), "\(entry.name)")
      #expect(entry.minima.first?.value == entry.minimumValue(dimension: 2), "\(entry.name)")
      for m in entry.minima {
        #expect(window[0].contains(m.x[0]) && window[1].contains(m.x[1]), "\(entry.name)")
        // The minimizers are printed to 7 digits: f there is the minimum value to within
        // that rounding, and the gradient nearly vanishes.
        let f = entry.objective(dimension: 2, as: Double.self)
        let value = f.value(at: m.x)
        #expect(abs(value - m.value) <= 1e-6 * max(m.value, 1), "\(entry.name): f(x*) = \(value), f* = \(m.value)")
      }
    }
  }

  @Test("The relative gradient of Dennis & Schnabel, and its ε^(1/3) threshold")
  func stationarity() {
    #expect(Stationarity.relativeGradient(x: [0.5, -20.0], loss: 4.0, gradientNorm: 1e-3) == 1e-3 * 20 / 4)
    #expect(Stationarity.relativeGradient(x: [0.5], loss: 0.01, gradientNorm: 1e-3) == 1e-3)
    #expect(abs(Stationarity.tolerance(Double.self) - 6.055454e-6) <= 1e-11)
    #expect(abs(Stationarity.tolerance(Float.self) - 4.9215667e-3) <= 1e-8)
    #expect(Stationarity.isNearStationary(x: [1.0], loss: 1, gradientNorm: 6e-6))
    #expect(!Stationarity.isNearStationary(x: [1.0], loss: 1, gradientNorm: 7e-6))
    #expect(!Stationarity.isNearStationary(x: [Double.nan], loss: 1, gradientNorm: 0))
  }
}

private func pow10(_ k: Int) -> Double {
  var v = 1.0
  for _ in 0..<abs(k) { v *= 10 }
  return k < 0 ? 1 / v : v
}

extension Double {
  /// `⌊log₁₀ x⌋` for x > 0.
  fileprivate var log10Floor: Double {
    var k = 0
    var v = self
    while v >= 10 { v /= 10; k += 1 }
    while v < 1 { v *= 10; k -= 1 }
    return Double(k)
  }
}
