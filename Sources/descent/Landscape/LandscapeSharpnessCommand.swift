import ArgumentParser
import Descent
import Foundation

/// `descent landscape sharpness`: λmax over training against 2/η.
struct LandscapeSharpnessCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "sharpness",
    abstract: "The sharpness λmax over training, against the stability threshold 2/η.",
    discussion: """
      Trains the model (the `descent train` flags) and measures λmax of the full
      training loss's Hessian (Lanczos on exact Hessian-vector products) at the
      start and every --every epochs. With --checkpoint, reads the measurements a
      run made with `descent train --sharpness-every K`.

      Gradient descent with rate η is stable on a quadratic only while λmax < 2/η;
      full-batch training drives λmax up to about 2/η and holds it there, the edge
      of stability (Cohen et al., ICLR 2021). With momentum β the threshold is (2 +
      2β)/η; for Adam, 2/η is only a reference line (it follows the preconditioned
      sharpness). Try --batch-size 0 --optimizer gd --lr 0.1.
      """)

  @OptionGroup var source: LandscapeModelOptions

  @Option(help: "Measure every this many epochs.")
  var every: Int = 1

  @Option(help: "Output format: table or json.")
  var format: OutputFormat = .table

  @Option(help: "Write λmax and 2/η against the epoch as an SVG chart.")
  var plot: String?

  func validate() throws {
    if every < 1 { throw ValidationError("--every must be at least 1 (got \(every))") }
    if format == .csv { throw ValidationError("--format must be table or json for landscape") }
  }

  struct Point: Encodable {
    var epoch: Int
    var learningRate: Double
    var sharpness: Double
    /// `2/η`.
    var threshold: Double
    /// `η λmax / 2`: 1 at the edge of stability.
    var ratio: Double
  }

  struct Output: Encodable {
    var model: LandscapeModelSummary
    var points: [Point]
  }

  func run() throws {
    let model: LandscapeModel
    if source.checkpoint != nil {
      model = try source.load()
    } else {
      switch source.loop.precision {
      case .float:
        model = try LandscapeModel.trained(
          Float.self, setup: source.setup, loop: source.loop, on: source.on, sharpnessInterval: every, measureAtStart: true)
      case .double:
        model = try LandscapeModel.trained(
          Double.self, setup: source.setup, loop: source.loop, on: source.on, sharpnessInterval: every, measureAtStart: true)
      }
    }
    let points = model.history.compactMap { r -> Point? in
      guard let s = r.sharpness else { return nil }
      return Point(epoch: r.epoch, learningRate: r.learningRate, sharpness: s, threshold: 2 / r.learningRate, ratio: r.learningRate * s / 2)
    }
    if points.isEmpty {
      throw InputError(
        "the checkpoint holds no sharpness measurements: train it with `descent train --sharpness-every K`, or run this without --checkpoint")
    }
    let f = model.objective
    let output = Output(model: model.summary(objective: f), points: points)
    if let plot { try writeSVG(chart(points, model: model).svg(), to: plot) }
    switch format {
    case .json: print(try jsonString(output))
    case .table, .csv:
      print(output.model.line)
      print("optimizer \(model.optimizer); λmax of the full training loss (Lanczos, exact Hessian-vector products)")
      print("epoch".rightAligned(5) + "lr".rightAligned(11) + "λmax".rightAligned(12) + "2/η".rightAligned(12) + "ηλmax/2".rightAligned(10))
      for p in points {
        print(
          String(p.epoch).rightAligned(5) + formatNumber(p.learningRate, digits: 4).rightAligned(11)
            + formatNumber(p.sharpness, digits: 5).rightAligned(12) + formatNumber(p.threshold, digits: 5).rightAligned(12)
            + formatNumber(p.ratio, digits: 3).rightAligned(10))
      }
    }
  }

  func chart(_ points: [Point], model: LandscapeModel) -> LineChart {
    let epochs = points.map { Double($0.epoch) }
    let values = points.map(\.sharpness) + points.map(\.threshold)
    let logScale = values.allSatisfy { $0 > 0 && $0.isFinite }
    return LineChart(
      series: [
        Series("λmax", detail: "top Hessian eigenvalue", x: epochs, y: points.map(\.sharpness), style: .lineAndMarkers),
        Series("2/η", detail: "GD stability threshold", x: epochs, y: points.map(\.threshold), dashed: true),
      ],
      xAxis: Axis("epoch"), yAxis: Axis("sharpness", scale: logScale ? .log : .linear),
      title: "Sharpness over training, \(model.network.shapeDescription), \(model.optimizer)")
  }
}
