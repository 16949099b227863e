import ArgumentParser
import Descent
import Foundation

/// `descent landscape plane`: the loss over a plane of two filter-normalized directions.
struct LandscapePlaneCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "plane",
    abstract: "The loss f(θ + α d₁ + β d₂) over a plane of two filter-normalized random directions.",
    discussion: """
      d₁ and d₂ are drawn one after the other from one seeded Gaussian stream and
      filter-normalized (Li et al. 2018; see `landscape slice`); in high dimension
      they are nearly orthogonal. The trained weights sit at (0, 0). Costs --points²
      forward passes over the data.
      """)

  @OptionGroup var source: LandscapeModelOptions

  @Option(parsing: .unconditional, help: "The α and β range, lo:hi.")
  var range: String = "-1:1"

  @Option(help: "Grid points along each axis.")
  var points: Int = 31

  @Option(help: "Seed of the random directions.")
  var analysisSeed: UInt64 = 0

  @Option(help: "Output format: table or json.")
  var format: OutputFormat = .table

  @Option(help: "Write the plane as an SVG contour plot.")
  var plot: String?

  func validate() throws {
    _ = try parseRange(range, flag: "--range")
    if !(2...1000).contains(points) { throw ValidationError("--points must be between 2 and 1000 (got \(points))") }
    if format == .csv { throw ValidationError("--format must be table or json for landscape") }
  }

  struct Output: Encodable {
    var model: LandscapeModelSummary
    var seed: UInt64
    var surface: LossSurface
  }

  func run() throws {
    let model = try source.load()
    let f = model.objective
    let d = model.network.filterNormalizedDirections(at: model.parameters, count: 2, seed: analysisSeed)
    let grid = LossSlice.grid(try parseRange(range, flag: "--range"), points: points)
    let surface = f.surface(at: model.parameters, directions: (d[0], d[1]), alphas: grid, betas: grid)
    if let plot {
      let chart = ContourPlot(
        grid: ScalarGrid(xs: surface.alphas, ys: surface.betas, values: surface.flatLosses),
        title: "Loss over a filter-normalized plane, \(model.network.shapeDescription) (θ at 0, 0)",
        xAxis: Axis("α (along d₁)"), yAxis: Axis("β (along d₂)"), valueLabel: "loss")
      try writeSVG(chart.svg(), to: plot)
    }
    switch format {
    case .json: print(try jsonString(Output(model: model.summary(objective: f), seed: analysisSeed, surface: surface)))
    case .table, .csv:
      print(model.summary(objective: f).line)
      print("directions: two filter-normalized Gaussians (seed \(analysisSeed)), biases excluded")
      let flat = surface.flatLosses
      if let k = flat.indices.filter({ flat[$0].isFinite }).min(by: { flat[$0] < flat[$1] }) {
        let (j, i) = (k / grid.count, k % grid.count)
        print(
          "lowest loss on the grid \(formatNumber(flat[k], digits: 6)) at α = \(formatNumber(grid[i], digits: 4)), "
            + "β = \(formatNumber(grid[j], digits: 4))")
      }
      var lines = ["α".padding(toLength: 10, withPad: " ", startingAt: 0) + "β".padding(toLength: 10, withPad: " ", startingAt: 0) + "loss".rightAligned(14)]
      for (j, beta) in surface.betas.enumerated() {
        for (i, alpha) in surface.alphas.enumerated() {
          lines.append(
            formatNumber(alpha, digits: 4).padding(toLength: 10, withPad: " ", startingAt: 0)
              + formatNumber(beta, digits: 4).padding(toLength: 10, withPad: " ", startingAt: 0)
              + formatNumber(surface.losses[j][i], digits: 6).rightAligned(14))
        }
      }
      print(lines.joined(separator: "\n"))
    }
  }
}
