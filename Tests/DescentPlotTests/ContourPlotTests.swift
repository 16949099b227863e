import DescentCore
import DescentOptimizers
import Foundation
import Testing

@testable import DescentPlot

@Suite("Contour plots")
struct ContourPlotTests {
  func rosenbrockRun(learningRate: Double = 1e-3, steps: Int = 3000) -> MinimizationResult<Double> {
    minimize(
      Rosenbrock.objective, from: [-1.5, 2.5], using: GradientDescent<Double>(learningRate: learningRate),
      options: MinimizeOptions(maxSteps: steps, gradientTolerance: nil))
  }

  @Test("the SVG is well-formed XML with a title and description first")
  func wellFormed() throws {
    let plot = ContourPlot(
      window: PlotWindow(x: -2...2, y: -1...3), runs: [PlotRun(label: "GD <η=1e-3> & \"friends\"", result: rosenbrockRun())],
      criticalPoints: [CriticalPoint(x: [1, 1], value: 0, kind: .minimum)], title: "Rosenbrock & co"
    ) { x, y in Rosenbrock.value(x, y) }
    let svg = plot.svg()
    let (elements, error) = SVGParse.parse(svg)
    let parsed = try #require(elements, "not well-formed: \(String(describing: error))")
    #expect(parsed.first?.name == "svg")
    #expect(parsed[1].name == "title" && parsed[1].text == "Rosenbrock & co")
    #expect(parsed[2].name == "desc" && parsed[2].text.contains("Run GD"))
    #expect(parsed.first?.attributes["role"] == "img")
    // Small: well under 200 kB for a 161×161 landscape with a 3000-step run.
    #expect(svg.utf8.count < 200_000, "SVG is \(svg.utf8.count) bytes")
  }

  @Test("a trajectory's polyline maps back to the recorded points through the inverse axis transform")
  func trajectoryMapsBack() throws {
    let result = rosenbrockRun(steps: 400)
    let plot = ContourPlot(
      window: PlotWindow(x: -2...2, y: -1...3), runs: [PlotRun(label: "GD", result: result)]
    ) { x, y in Rosenbrock.value(x, y) }
    let svg = plot.svg()
    let elements = try #require(SVGParse.parse(svg).elements)
    let path = try #require(elements.first { $0.attributes["id"] == "run-0" })
    let pieces = parsePathData(path.attributes["d"]!).map(\.points)
    let frame = plot.frame()
    let recorded = result.trajectory.map { PlotPoint($0.x[0], $0.x[1]) }
    // Every vertex of the drawn path is a recorded point (to the 0.05 px rounding).
    for piece in pieces {
      for vertex in piece {
        let data = frame.dataPoint(atPixel: vertex)
        let nearest = recorded.map { hypot(frame.x.pixel($0.x) - vertex.x, frame.y.pixel($0.y) - vertex.y) }.min()!
        #expect(nearest <= 0.075, "vertex \(vertex) → \(data) is \(nearest) px from every recorded point")
      }
    }
    // Every recorded point lies on the drawn path (within the 0.3 px simplification).
    let pixelPieces = pieces
    for p in recorded {
      let px = frame.pixel(p)
      #expect(distance(from: px, toPolylines: pixelPieces) <= 0.3 + 0.075)
    }
    // The first vertex is the start point, exactly invertible.
    let start = frame.dataPoint(atPixel: pieces[0][0])
    #expect(abs(start.x - -1.5) < 0.01 && abs(start.y - 2.5) < 0.01)
  }

  @Test("a diverged run is clipped at the window and marked with a cross where it leaves")
  func divergedRun() throws {
    let result = rosenbrockRun(learningRate: 0.01, steps: 200)
    #expect(result.stopReason.isDivergence)
    let plot = ContourPlot(
      window: PlotWindow(x: -2...2, y: -1...3), runs: [PlotRun(label: "GD", detail: "lr=0.01", result: result)]
    ) { x, y in Rosenbrock.value(x, y) }
    let svg = plot.svg()
    let elements = try #require(SVGParse.parse(svg).elements)
    let path = try #require(elements.first { $0.attributes["id"] == "run-0" })
    let frame = plot.frame()
    for piece in parsePathData(path.attributes["d"]!) {
      for p in piece.points {
        #expect(p.x >= frame.left - 4.1 && p.x <= frame.right + 4.1 && p.y >= frame.top - 4.1 && p.y <= frame.bottom + 4.1)
      }
    }
    #expect(elements.contains { $0.attributes["class"] == "end diverged" })
    #expect(svg.contains("diverged at step"))
  }

  @Test("critical points get one marker shape per kind and a legend entry each")
  func criticalPointMarkers() throws {
    let plot = ContourPlot(window: PlotWindow(x: -5...5, y: -5...5), criticalPoints: Himmelblau.criticalPoints) { x, y in
      Himmelblau.value(x, y)
    }
    let elements = try #require(SVGParse.parse(plot.svg()).elements)
    #expect(elements.filter { $0.attributes["class"] == "minimum" }.count == 4)
    #expect(elements.filter { $0.attributes["class"] == "maximum" }.count == 1)
    #expect(elements.filter { $0.attributes["class"] == "saddle" }.count == 4)
    let legendText = elements.filter { $0.name == "text" }.map(\.text)
    #expect(legendText.contains("4 minima") && legendText.contains("maximum") && legendText.contains("4 saddle points"))
    // The level through each saddle is drawn (dashed), and passes within half a cell of it.
    let frame = plot.frame()
    let contours = elements.filter { $0.attributes["class"] == "contour" }
    for saddle in Himmelblau.criticalPoints where saddle.kind == .saddle {
      let line = try #require(contours.first { Double($0.attributes["data-level"]!) == saddle.value })
      #expect(line.attributes["stroke-dasharray"] != nil)
      let pieces = parsePathData(line.attributes["d"]!).map { $0.closed ? $0.points + [$0.points[0]] : $0.points }
      let px = frame.pixel(PlotPoint(saddle.x[0], saddle.x[1]))
      #expect(distance(from: px, toPolylines: pieces) < 2.0)
    }
  }

  @Test("NaN regions are greyed out and listed in the legend; every mode stays well-formed")
  func undefinedRegions() throws {
    for shading in ContourPlot.Shading.allCases {
      let plot = ContourPlot(window: PlotWindow(x: -2...2, y: -2...2), resolution: 61, shading: shading) { x, y in
        let r = 1.5 - x * x - y * y
        return r < 0 ? .nan : (y > 1 ? .infinity : r.squareRoot())
      }
      let elements = try #require(SVGParse.parse(plot.svg()).elements, "shading \(shading)")
      #expect(elements.contains { $0.attributes["class"] == "undefined" })
      #expect(elements.contains { $0.name == "text" && $0.text == "f undefined (NaN)" })
    }
  }

  @Test("filled bands are closed rings and the colour bar has one block per band")
  func bands() throws {
    let plot = ContourPlot(window: PlotWindow(x: -2...2, y: -2...2), resolution: 61) { x, y in x * x + y * y }
    let elements = try #require(SVGParse.parse(plot.svg()).elements)
    let fills = elements.filter { $0.attributes["fill-rule"] == "evenodd" }
    #expect(fills.count == plot.levels.values.count)
    for f in fills { #expect(parsePathData(f.attributes["d"]!).allSatisfy { $0.closed }) }
  }
}
