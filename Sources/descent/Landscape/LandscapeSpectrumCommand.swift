import ArgumentParser
import Descent
import Foundation

/// `descent landscape spectrum`: top Hessian eigenvalues, trace and eigenvalue density.
struct LandscapeSpectrumCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "spectrum",
    abstract: "Top Hessian eigenvalues, trace and eigenvalue density at the weights.",
    discussion: """
      From exact Hessian-vector products: the --top largest eigenvalues by Lanczos
      with full reorthogonalization (each with its residual ‖Hy − θy‖), the trace by
      Hutchinson's estimator with --trace-probes Rademacher probes (± its standard
      error), and the density by stochastic Lanczos quadrature (--density-probes ×
      --density-steps products). Models with at most --dense-limit parameters get
      the exact Hessian (n products) and exact eigenvalues and trace instead. 2/λmax
      is the largest learning rate gradient descent can take at these weights
      without diverging along the top eigenvector.
      """)

  @OptionGroup var source: LandscapeModelOptions

  @Option(help: "How many of the largest eigenvalues.")
  var top: Int = 5

  @Option(help: "Hutchinson probes for the trace (0: skip).")
  var traceProbes: Int = 100

  @Option(help: "SLQ probes for the density (0: skip).")
  var densityProbes: Int = 10

  @Option(help: "Lanczos steps per SLQ probe.")
  var densitySteps: Int = 80

  @Option(help: "Most Lanczos steps for the top eigenvalues.")
  var maxIterations: Int = 200

  @Option(help: "Relative residual tolerance of the top eigenvalues.")
  var tolerance: Double = 1e-8

  @Option(help: "Form the exact Hessian for models with at most this many parameters.")
  var denseLimit: Int = 512

  @Option(help: "Seed of the Lanczos start vector and the probes.")
  var analysisSeed: UInt64 = 0

  @Option(help: "Output format: table or json.")
  var format: OutputFormat = .table

  @Option(help: "Write the eigenvalue density as an SVG file.")
  var plot: String?

  func validate() throws {
    if !(1...1000).contains(top) { throw ValidationError("--top must be between 1 and 1000 (got \(top))") }
    if !(0...100_000).contains(traceProbes) { throw ValidationError("--trace-probes must be between 0 and 100000 (got \(traceProbes))") }
    if !(0...10_000).contains(densityProbes) { throw ValidationError("--density-probes must be between 0 and 10000 (got \(densityProbes))") }
    if !(1...10_000).contains(densitySteps) { throw ValidationError("--density-steps must be between 1 and 10000 (got \(densitySteps))") }
    if !(1...100_000).contains(maxIterations) { throw ValidationError("--max-iterations must be between 1 and 100000 (got \(maxIterations))") }
    if !(tolerance > 0 && tolerance < 1) { throw ValidationError("--tolerance must be in (0, 1) (got \(tolerance))") }
    if denseLimit < 0 || denseLimit > 4096 { throw ValidationError("--dense-limit must be between 0 and 4096 (got \(denseLimit))") }
    if format == .csv { throw ValidationError("--format must be table or json for landscape") }
    if plot != nil && densityProbes == 0 { throw ValidationError("--plot draws the density: it needs --density-probes > 0") }
  }

  struct Output: Encodable {
    var model: LandscapeModelSummary
    var spectrum: HessianSpectrum
    /// `2/λmax` (nil when `λmax ≤ 0`).
    var stableLearningRate: Double?
    var hessianVectorProductsExact: Bool
    var seconds: Double
  }

  func run() throws {
    let model = try source.load()
    let f = model.objective
    let top = min(self.top, model.network.parameterCount)
    let started = Date()
    let spectrum = HessianSpectrum(
      of: f, at: model.parameters,
      options: .init(
        topCount: top, traceProbes: traceProbes, densityProbes: densityProbes, densitySteps: densitySteps,
        maxIterations: maxIterations, tolerance: tolerance, denseLimit: denseLimit, seed: analysisSeed))
    let seconds = Date().timeIntervalSince(started)
    let output = Output(
      model: model.summary(objective: f), spectrum: spectrum, stableLearningRate: spectrum.stableLearningRate,
      hessianVectorProductsExact: true, seconds: seconds)
    if let plot, let density = spectrum.density {
      let svg = SpectrumPlot.svg(
        grid: density.grid, density: density.density, eigenvalues: spectrum.topEigenvalues,
        title: "Hessian eigenvalue density, \(model.network.shapeDescription) on \(model.data.name)")
      try writeSVG(svg, to: plot)
    }
    switch format {
    case .json: print(try jsonString(output))
    case .table, .csv: print(table(output))
    }
  }

  func table(_ o: Output) -> String {
    let s = o.spectrum
    var lines = [o.model.line]
    let how =
      s.method == .dense
      ? "exact Hessian (\(s.parameterCount) exact Hessian-vector products), fully diagonalized"
      : "Lanczos, \(s.lanczosIterations) exact Hessian-vector products, " + (s.converged ? "converged" : "NOT converged (raise --max-iterations)")
    lines.append("top eigenvalues of the Hessian (\(how)):")
    for (k, value) in s.topEigenvalues.enumerated() {
      var line = "  λ\(k + 1)".padding(toLength: 7, withPad: " ", startingAt: 0) + formatNumber(value, digits: 6)
      if s.method == .lanczos { line += "   residual " + formatNumber(s.residualNorms[k], digits: 2) }
      lines.append(line)
    }
    lines.append(
      "λmin " + (s.method == .dense ? "= " : "≈ ") + formatNumber(s.smallestEigenvalue, digits: 6)
        + (s.method == .dense ? "" : " (smallest Ritz value)"))
    if let trace = s.trace {
      lines.append(
        s.method == .dense
          ? "trace = \(formatNumber(trace, digits: 6)) (exact)"
          : "trace ≈ \(formatNumber(trace, digits: 6)) ± \(formatNumber(s.traceStandardError ?? 0, digits: 2)) (Hutchinson, \(s.traceProbes) probes)")
    }
    if let rate = o.stableLearningRate {
      lines.append("2/λmax = \(formatNumber(rate, digits: 4)) (the largest stable gradient-descent learning rate here)")
    }
    if let d = s.density {
      // Eigenvalues within 1% of λmax of zero are "flat" (their sign is rounding noise).
      let cut = 0.01 * abs(s.topEigenvalues[0])
      let negative = d.fraction(in: -Double.infinity...(-cut))
      let flat = d.fraction(in: -cut...cut)
      lines.append(
        "density: SLQ, \(d.nodes.count) probes × \(d.nodes.first?.count ?? 0) steps, σ = \(formatNumber(d.bandwidth, digits: 3)); "
          + "spectral weight with |λ| ≤ 1% of λmax: \(String(format: "%.1f%%", flat * 100)), "
          + "λ below that: \(String(format: "%.1f%%", negative * 100))")
    }
    lines.append("\(s.hessianVectorProducts) Hessian-vector products in \(formatDuration(o.seconds))")
    return lines.joined(separator: "\n")
  }
}
