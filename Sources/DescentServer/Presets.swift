/// The landscapes the page offers in its menu, in teaching order: the narrow ravine first.
///
/// Names, formulas and windows follow the test-function catalog (`Catalog.all` in
/// DescentCore) so that a link naming `himmelblau` means the same function before and after
/// the catalog is wired in; the navigator's own choices are the view and the start of the
/// two ravines (the teaching navigator's (1.8, 0.5) on a window that shows the zig-zag).
public struct Preset: Sendable, Equatable {
  public var name: String
  public var aliases: [String]
  public var title: String
  public var summary: String
  public var formula: String
  public var window: [ClosedRange<Double>]
  public var start: [Double]
  /// The page's contour spacing for this landscape (`nil`: DescentPlot's automatic choice).
  /// Quadratics get logarithmic levels: linear ones leave the ravine floor, where the
  /// iterates zig-zag, one flat colour.
  public var spacing: String? = nil

  public static let all: [Preset] = [
    Preset(
      name: "narrow-ravine", aliases: ["ravine"], title: "Narrow ravine",
      summary: "0.5x² + 10y², condition number 20: gradient descent zig-zags across the ravine.",
      formula: "0.5*x^2 + 10*y^2", window: [-2.4...2.4, -1.2...1.2], start: [1.8, 0.5], spacing: "logarithmic"),
    Preset(
      name: "ill-conditioned-ravine", aliases: ["steep-ravine"], title: "Ill-conditioned ravine",
      summary: "0.5x² + 50y², condition number 100: the stable rate is below 0.02.",
      formula: "0.5*x^2 + 50*y^2", window: [-2.4...2.4, -1.2...1.2], start: [1.8, 0.5], spacing: "logarithmic"),
    Preset(
      name: "bowl", aliases: ["paraboloid"], title: "Bowl",
      summary: "x² + y²: one minimum, condition number 1.",
      formula: "x^2 + y^2", window: [-2...2, -2...2], start: [1.5, 1.5], spacing: "logarithmic"),
    Preset(
      name: "saddle", aliases: [], title: "Saddle",
      summary: "x² − y²: a saddle at the origin and no minimum. Start just off the stable line; add noise to escape.",
      formula: "x^2 - y^2", window: [-2...2, -2...2], start: [-1.5, 0.01]),
    Preset(
      name: "monkey-saddle", aliases: [], title: "Monkey saddle",
      summary: "x³ − 3xy²: a degenerate critical point with three valleys.",
      formula: "x^3 - 3*x*y^2", window: [-1.5...1.5, -1.5...1.5], start: [1, 0.5]),
    Preset(
      name: "plateau", aliases: ["gaussian-well"], title: "Plateau",
      summary: "1 − exp(−2(x² + y²)): a narrow well in a flat plateau where gradients vanish.",
      formula: "1 - exp(-2*(x^2 + y^2))", window: [-3...3, -3...3], start: [1.2, 1.0]),
    Preset(
      name: "rosenbrock", aliases: ["banana"], title: "Rosenbrock",
      summary: "(1 − x)² + 100(y − x²)²: a curved valley; the minimum (1, 1) is easy to find and slow to reach.",
      formula: "(1 - x)^2 + 100*(y - x^2)^2", window: [-2...2, -1...3], start: [-1.2, 1]),
    Preset(
      name: "himmelblau", aliases: [], title: "Himmelblau",
      summary: "Four minima, one maximum and four saddles: which minimum you reach depends on where you start.",
      formula: "(x^2 + y - 11)^2 + (x + y^2 - 7)^2", window: [-5...5, -5...5], start: [0, 0]),
    Preset(
      name: "six-hump-camel", aliases: ["camel6", "camel"], title: "Six-hump camel",
      summary: "Six minima (two global) and saddles between them.",
      formula: "(4 - 2.1*x^2 + x^4/3)*x^2 + x*y + (-4 + 4*y^2)*y^2", window: [-3...3, -2...2], start: [-1.5, 1.5]),
    Preset(
      name: "three-hump-camel", aliases: ["camel3"], title: "Three-hump camel",
      summary: "Three minima; the global one at the origin.",
      formula: "2*x^2 - 1.05*x^4 + x^6/6 + x*y + y^2", window: [-5...5, -5...5], start: [-2.5, 2.5]),
    Preset(
      name: "beale", aliases: [], title: "Beale",
      summary: "Flat plateaus and sharp ridges; the minimum at (3, 0.5).",
      formula: "(1.5 - x + x*y)^2 + (2.25 - x + x*y^2)^2 + (2.625 - x + x*y^3)^2",
      window: [-4.5...4.5, -4.5...4.5], start: [1, 1]),
    Preset(
      name: "booth", aliases: [], title: "Booth",
      summary: "A tilted quadratic bowl with its minimum at (1, 3).",
      formula: "(x + 2*y - 7)^2 + (2*x + y - 5)^2", window: [-10...10, -10...10], start: [0, 0]),
    Preset(
      name: "matyas", aliases: [], title: "Matyas",
      summary: "A flat, elongated quadratic valley along y = x.",
      formula: "0.26*(x^2 + y^2) - 0.48*x*y", window: [-10...10, -10...10], start: [8, 6]),
    Preset(
      name: "rastrigin", aliases: [], title: "Rastrigin",
      summary: "A bowl covered in ripples: a local minimum at almost every integer point.",
      formula: "20 + x^2 - 10*cos(2*pi*x) + y^2 - 10*cos(2*pi*y)", window: [-5.12...5.12, -5.12...5.12],
      start: [2.3, -1.7]),
  ]

  /// The preset called `name` (or with that alias), ignoring case.
  public static func named(_ name: String) -> Preset? {
    let key = name.lowercased()
    return all.first { $0.name == key || $0.aliases.contains(key) }
  }
}
