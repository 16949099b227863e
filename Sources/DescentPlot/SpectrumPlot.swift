/// The spectral density of a Hessian: density against eigenvalue as a filled curve, with
/// a tick along the bottom at each eigenvalue computed exactly (the rug) and a dashed line
/// at zero when the range crosses it (negative eigenvalues mean non-convexity there).
///
/// The density usually comes from stochastic Lanczos quadrature (Ghorbani, Krishnan &
/// Xiao, "An investigation into neural net optimization via Hessian eigenvalue density",
/// ICML 2019): a sum of Gaussians on a grid. Its tails span many orders of magnitude, so
/// `logDensity` is on by default.
public enum SpectrumPlot {
  /// - Parameters:
  ///   - grid: eigenvalue positions, increasing.
  ///   - density: density at each grid position.
  ///   - eigenvalues: individual eigenvalues to mark (optional).
  public static func chart(
    grid: [Double], density: [Double], eigenvalues: [Double] = [], logDensity: Bool = true,
    title: String = "Hessian eigenvalue density", color: Color = Color(hex: 0x0072B2)
  ) -> LineChart {
    precondition(grid.count == density.count, "spectrum needs one density per grid point")
    var yAxis = Axis("density", scale: logDensity ? .log : .linear)
    if logDensity {
      // Clip the deepest tails: eight decades below the peak.
      let peak = density.filter(\.isFinite).max() ?? 1
      let floor = Swift.max(peak * 1e-8, density.filter { $0 > 0 && $0.isFinite }.min() ?? peak * 1e-8)
      yAxis.domain = yAxis.resolvedDomain(dataMin: floor, dataMax: peak)
    }
    let values = logDensity ? density.map { $0 > 0 ? $0 : .nan } : density
    let lo = Swift.min(grid.first ?? 0, eigenvalues.min() ?? .infinity)
    let hi = Swift.max(grid.last ?? 1, eigenvalues.max() ?? -.infinity)
    let lines = lo < 0 && hi > 0 ? [ReferenceLine(.vertical, at: 0, label: "λ = 0", color: Color(hex: 0x777777))] : []
    return LineChart(
      series: [Series("density", x: grid, y: values, style: logDensity ? .line : .area, color: color)],
      xAxis: Axis("eigenvalue λ"), yAxis: yAxis, title: title, referenceLines: lines, rug: eigenvalues,
      rugLabel: eigenvalues.isEmpty ? "" : "eigenvalues (\(eigenvalues.count))",
      note: eigenvalues.isEmpty ? "" : "Eigenvalues from \(Ticks.shortNumber(eigenvalues.min()!)) to \(Ticks.shortNumber(eigenvalues.max()!)).")
  }

  /// The SVG document (see ``chart(grid:density:eigenvalues:logDensity:title:color:)``).
  public static func svg(
    grid: [Double], density: [Double], eigenvalues: [Double] = [], logDensity: Bool = true,
    title: String = "Hessian eigenvalue density"
  ) -> String {
    chart(grid: grid, density: density, eigenvalues: eigenvalues, logDensity: logDensity, title: title).svg()
  }
}
