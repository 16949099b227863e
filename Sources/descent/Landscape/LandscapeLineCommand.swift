import ArgumentParser
import Descent
import Foundation

/// `descent landscape line`: the loss on the straight line between two sets of weights.
struct LandscapeLineCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "line",
    abstract: "The loss on the straight line θ(α) = (1 − α) θ₀ + α θ₁ between two checkpoints.",
    discussion: """
      θ₀ is the model's weights (--checkpoint, or trained here); θ₁ is --to: another
      checkpoint of the same network, or `init` for the weights the run started
      from. α = 0 and α = 1 are the two weight vectors exactly; the range may extend
      beyond [0, 1] (Goodfellow, Vinyals & Saxe 2015). The loss is measured on θ₀'s
      data.
      """)

  @OptionGroup var source: LandscapeModelOptions

  @Option(help: "The other end: a checkpoint (directory or file), or init.")
  var to: String = "init"

  @Option(parsing: .unconditional, help: "The α range, lo:hi.")
  var range: String = "-0.5:1.5"

  @Option(help: "Points along the range.")
  var points: Int = 41

  @Option(help: "Output format: table or json.")
  var format: OutputFormat = .table

  @Option(help: "Write the line as an SVG chart.")
  var plot: String?

  func validate() throws {
    _ = try parseRange(range, flag: "--range")
    if !(2...100_000).contains(points) { throw ValidationError("--points must be between 2 and 100000 (got \(points))") }
    if format == .csv { throw ValidationError("--format must be table or json for landscape") }
  }

  struct Output: Encodable {
    var model: LandscapeModelSummary
    /// What θ₁ is: `init` or the checkpoint's path.
    var to: String
    var toEpoch: Int?
    var line: LossSlice
  }

  func run() throws {
    let model = try source.load()
    let f = model.objective
    var end = model.initialParameters
    var endName = "the initial weights"
    var endEpoch: Int? = 0
    if to != "init" {
      let other = try LandscapeModel.fromCheckpoint(path: to, on: model.on)
      try other.checkFinite()
      guard other.network.layerSizes == model.network.layerSizes else {
        throw InputError(
          "--to \(to) holds a \(other.network.shapeDescription) network; θ₀ is \(model.network.shapeDescription): the line needs the same shape")
      }
      end = other.parameters
      endName = "checkpoint \(LandscapeModel.checkpointURL(to).path) (epoch \(other.epoch))"
      endEpoch = other.epoch
    }
    let line = f.interpolation(
      from: model.parameters, to: end, alphas: LossSlice.grid(try parseRange(range, flag: "--range"), points: points))
    if let plot {
      let chart = sliceChart(
        line, xLabel: "α", title: "Loss on the line (1 − α) θ₀ + α θ₁, \(model.network.shapeDescription)",
        marks: [(0, "θ₀"), (1, to == "init" ? "θ₁ (initial)" : "θ₁")])
      try writeSVG(chart.svg(), to: plot)
    }
    switch format {
    case .json:
      print(try jsonString(Output(model: model.summary(objective: f), to: to == "init" ? "init" : LandscapeModel.checkpointURL(to).path, toEpoch: endEpoch, line: line)))
    case .table, .csv:
      print(model.summary(objective: f).line)
      print("θ₀: these weights; θ₁: \(endName)")
      print(sliceTable(line, label: "α"))
    }
  }
}
