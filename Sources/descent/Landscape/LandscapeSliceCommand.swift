import ArgumentParser
import Descent
import Foundation

/// `descent landscape slice`: the loss along a filter-normalized random direction.
struct LandscapeSliceCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "slice",
    abstract: "The loss f(θ + α d) along a filter-normalized random direction d.",
    discussion: """
      d is Gaussian, rescaled so each unit's incoming weights (a filter) in d have
      the norm of that unit's weights in θ, with zero on the biases (Li et al.,
      "Visualizing the Loss Landscape of Neural Nets", 2018). So α = 1 moves every
      unit by its own size. The same --analysis-seed gives the same direction, the α
      axis of `landscape plane`.
      """)

  @OptionGroup var source: LandscapeModelOptions

  @Option(parsing: .unconditional, help: "The α range, lo:hi.")
  var range: String = "-1:1"

  @Option(help: "Points along the range.")
  var points: Int = 51

  @Option(help: "Seed of the random direction.")
  var analysisSeed: UInt64 = 0

  @Option(help: "Output format: table or json.")
  var format: OutputFormat = .table

  @Option(help: "Write the slice as an SVG line chart.")
  var plot: String?

  func validate() throws {
    _ = try parseRange(range, flag: "--range")
    if !(2...100_000).contains(points) { throw ValidationError("--points must be between 2 and 100000 (got \(points))") }
    if format == .csv { throw ValidationError("--format must be table or json for landscape") }
  }

  struct Output: Encodable {
    var model: LandscapeModelSummary
    var direction: String
    var seed: UInt64
    var slice: LossSlice
  }

  func run() throws {
    let model = try source.load()
    let f = model.objective
    let d = model.network.filterNormalizedDirections(at: model.parameters, count: 1, seed: analysisSeed)[0]
    let slice = f.slice(at: model.parameters, direction: d, alphas: LossSlice.grid(try parseRange(range, flag: "--range"), points: points))
    let output = Output(model: model.summary(objective: f), direction: "filter-normalized Gaussian, biases excluded", seed: analysisSeed, slice: slice)
    if let plot {
      try writeSVG(
        sliceChart(
          slice, xLabel: "α (along d)", title: "Loss along a filter-normalized direction, \(model.network.shapeDescription)",
          marks: [(0, "θ")]
        ).svg(),
        to: plot)
    }
    switch format {
    case .json: print(try jsonString(output))
    case .table, .csv:
      print(model.summary(objective: f).line)
      print("direction: filter-normalized Gaussian (seed \(analysisSeed)), biases excluded")
      print(sliceTable(slice, label: "α"))
    }
  }
}

/// The table of a 1-D slice: `α  loss  [accuracy]`.
func sliceTable(_ slice: LossSlice, label: String) -> String {
  var lines = [label.padding(toLength: 10, withPad: " ", startingAt: 0) + "loss".rightAligned(14) + (slice.accuracies == nil ? "" : "accuracy".rightAligned(11))]
  for (k, alpha) in slice.alphas.enumerated() {
    var line = formatNumber(alpha, digits: 4).padding(toLength: 10, withPad: " ", startingAt: 0)
    line += formatNumber(slice.losses[k], digits: 6).rightAligned(14)
    if let a = slice.accuracies { line += String(format: "%.2f%%", a[k] * 100).rightAligned(11) }
    lines.append(line)
  }
  return lines.joined(separator: "\n")
}

/// A 1-D slice as a ``SlicePlot`` line chart (log scale when the losses span more than two
/// decades).
func sliceChart(_ slice: LossSlice, xLabel: String, title: String, marks: [(Double, String)]) -> LineChart {
  let alphas = slice.alphas
  let lo = alphas.first!
  let hi = alphas.last!
  let finite = slice.losses.filter { $0.isFinite }
  let logScale = (finite.min() ?? 0) > 0 && (finite.max() ?? 0) / (finite.min() ?? 1) > 100
  // SlicePlot samples the same evenly spaced grid; look the values up instead of recomputing.
  var chart = SlicePlot.line(
    range: lo...hi, samples: alphas.count, xLabel: xLabel, valueLabel: "loss", logScale: logScale, title: title
  ) { alpha in
    let k = Int(((alpha - lo) / (hi - lo) * Double(alphas.count - 1)).rounded())
    return slice.losses[min(max(k, 0), alphas.count - 1)]
  }
  chart.referenceLines = marks.filter { (lo...hi).contains($0.0) }.map {
    ReferenceLine(.vertical, at: $0.0, label: $0.1, color: Color(hex: 0x777777))
  }
  return chart
}

extension String {
  func rightAligned(_ width: Int) -> String { String(repeating: " ", count: max(0, width - count)) + self }
}
