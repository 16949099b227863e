import DescentCore
import Testing

@Suite("Catalog registry")
struct CatalogRegistryTests {
  @Test func catalogHasAtLeastThirtyFunctions() {
    #expect(Catalog.all.count >= 30)
  }

  @Test func namesAndAliasesAreUniqueKebabCase() {
    let names = Catalog.names
    #expect(Set(names).count == names.count, "a name or alias is used twice")
    for name in names {
      let ok = name.split(separator: "-", omittingEmptySubsequences: false).allSatisfy { part in
        !part.isEmpty && part.allSatisfy { $0.isLowercase || $0.isNumber }
      }
      #expect(ok, "\(name) is not kebab-case")
    }
  }

  @Test func requiredFunctionsArePresent() throws {
    let required = [
      "bowl", "narrow-ravine", "ill-conditioned-ravine", "saddle", "monkey-saddle", "double-well", "parabola",
      "rosenbrock", "himmelblau", "beale", "booth", "matyas", "three-hump-camel", "six-hump-camel",
      "goldstein-price", "mccormick", "branin", "styblinski-tang", "rastrigin", "ackley", "sphere",
      "freudenstein-roth", "powell-badly-scaled", "brown-badly-scaled", "helical-valley", "wood",
      "powell-singular", "dixon-price", "trid", "zakharov", "easom", "levi-13", "plateau",
    ]
    for name in required { #expect(try Catalog.function(named: name).name == name) }
    #expect(try Catalog.function(named: "ravine").name == "narrow-ravine")
  }

  @Test func lookupIgnoresCaseAndAcceptsAliases() throws {
    #expect(try Catalog.function(named: "Rosenbrock").name == "rosenbrock")
    #expect(try Catalog.function(named: "RAVINE").name == "narrow-ravine")
    for f in Catalog.all {
      for alias in f.aliases { #expect(try Catalog.function(named: alias.uppercased()).name == f.name) }
    }
  }

  @Test func misspeltNameSuggestsTheClosestAndListsChoices() {
    #expect(throws: CatalogError.self) { try Catalog.function(named: "rosenbrok") }
    do {
      _ = try Catalog.function(named: "himmelblow")
      Issue.record("expected an error")
    } catch {
      guard case .unknownFunction(let name, let suggestion, let choices) = error else {
        Issue.record("wrong error \(error)")
        return
      }
      #expect(name == "himmelblow")
      #expect(suggestion == "himmelblau")
      #expect(choices == Catalog.all.map(\.name))
      #expect(error.description.contains("did you mean 'himmelblau'?"))
      #expect(error.description.contains("rosenbrock"))
    }
    do {
      _ = try Catalog.function(named: "qqqqqqqqqq")
    } catch {
      #expect(error == .unknownFunction("qqqqqqqqqq", suggestion: nil, choices: Catalog.all.map(\.name)))
      #expect(!error.description.contains("did you mean"))
    }
  }

  @Test func dimensionsAreValidatedWithAnActionableError() throws {
    #expect(try TestFunction.rosenbrock.resolveDimension(nil) == 2)
    #expect(try TestFunction.rosenbrock.resolveDimension(10) == 10)
    #expect(throws: CatalogError.unsupportedDimension(function: "rosenbrock", requested: 1, accepted: "n ≥ 2 (default 2)")) {
      try TestFunction.rosenbrock.resolveDimension(1)
    }
    #expect(throws: CatalogError.unsupportedDimension(function: "himmelblau", requested: 3, accepted: "2")) {
      try TestFunction.himmelblau.resolveDimension(3)
    }
    let message = CatalogError.unsupportedDimension(function: "wood", requested: 2, accepted: "4").description
    #expect(message == "wood does not take 2 variables (accepted: 4)")
  }

  @Test(arguments: Catalog.all.map(\.name))
  func metadataIsCompleteAndConsistent(name: String) throws {
    let f = try Catalog.function(named: name)
    #expect(!f.title.isEmpty && !f.summary.isEmpty && !f.reference.isEmpty)
    #expect(!f.summary.contains("\n"), "summary must be one line")
    #expect(f.window.count == (f.dimension.isVariable ? 2 : f.dimension.defaultValue))
    for n in testedDimensions(f) {
      let objective = f.objective(dimension: n, as: Double.self)
      #expect(objective.dimension == n)
      #expect(objective.hasExactHessian)
      let box = f.window(dimension: n)
      #expect(box.count == n)
      let start = f.standardStart(dimension: n)
      #expect(start.count == n)
      for (value, range) in zip(start, box) { #expect(range.contains(value), "start outside the window") }
      let gradient = objective.gradient(at: start)
      #expect(VectorMath.norm(gradient) > 0, "the standard start must not be a critical point")
    }
  }

  @Test func mghStartsAreThePublishedOnes() {
    #expect(TestFunction.rosenbrock.standardStart() == [-1.2, 1])
    #expect(TestFunction.rosenbrock.standardStart(dimension: 4) == [-1.2, 1, -1.2, 1])
    #expect(TestFunction.freudensteinRoth.standardStart() == [0.5, -2])
    #expect(TestFunction.powellBadlyScaled.standardStart() == [0, 1])
    #expect(TestFunction.brownBadlyScaled.standardStart() == [1, 1])
    #expect(TestFunction.helicalValley.standardStart() == [-1, 0, 0])
    #expect(TestFunction.wood.standardStart() == [-3, -1, -3, -1])
    #expect(TestFunction.powellSingular.standardStart() == [3, -1, 0, 1])
  }
}
