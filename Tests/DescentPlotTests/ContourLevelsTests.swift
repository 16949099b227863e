import Testing

@testable import DescentPlot

@Suite("Contour levels")
struct ContourLevelsTests {
  @Test("a bowl gets linear 1-2-5 levels strictly inside the range")
  func linearLevels() {
    let grid = ScalarGrid(window: PlotWindow(x: -2...2, y: -2...2), columns: 41, rows: 41) { x, y in x * x + y * y }
    let levels = ContourLevels.automatic(for: grid.values, count: 8)
    #expect(!levels.isLogarithmic)
    #expect(levels.values.count >= 6 && levels.values.count <= 12)
    #expect(levels.values.allSatisfy { $0 > 0 && $0 < 8 })
    let steps = zip(levels.values, levels.values.dropFirst()).map { $1 - $0 }
    #expect(steps.allSatisfy { abs($0 - steps[0]) < 1e-12 })
  }

  @Test("Rosenbrock's large dynamic range gets log-spaced levels above the minimum")
  func logLevels() {
    let grid = ScalarGrid(window: PlotWindow(x: -2...2, y: -1...3), columns: 161, rows: 161) { x, y in Rosenbrock.value(x, y) }
    let levels = ContourLevels.automatic(for: grid.values)
    #expect(levels.isLogarithmic)
    #expect(levels.offset == 0)
    // Successive ratios are 2 or 2.5 (1-2-5 sequence).
    for (a, b) in zip(levels.values, levels.values.dropFirst()) {
      let r = b / a
      #expect(abs(r - 2) < 1e-9 || abs(r - 2.5) < 1e-9)
    }
    #expect(levels.values.last! > 1000)
    #expect(levels.values.first! <= 1)
  }

  @Test("the given critical values are always levels, and crowding automatic levels go")
  func includesCriticalValues() {
    let grid = ScalarGrid(window: PlotWindow(x: -5...5, y: -5...5), columns: 121, rows: 121) { x, y in Himmelblau.value(x, y) }
    let critical = Himmelblau.criticalPoints.map(\.value)
    let levels = ContourLevels.automatic(for: grid.values, including: critical)
    for c in critical where c > 1e-9 {
      let index = levels.values.firstIndex { $0 == c }
      #expect(index != nil, "critical value \(c) missing from \(levels.values)")
      if let index { #expect(levels.isRequired[index]) }
    }
    // Values at or below the minimum draw nothing and are not levels.
    #expect(!levels.values.contains { $0 <= 0 })
    #expect(levels.values == levels.values.sorted())
  }
}
