import DescentCore

/// The landscapes the page offers in its menu, in teaching order: the narrow ravine first.
///
/// Names, titles, summaries and formulas come from the test-function catalog
/// (`Catalog.all` in DescentCore), so the page and the CLI mean the same function by the
/// same name; the navigator chooses only the view (window), the start and the contour
/// spacing — for the ravines the teaching navigator's (1.8, 0.5) on a window that shows the
/// zig-zag.
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

  /// A catalog function with the navigator's view of it (`nil`: the catalog's window/start).
  static func catalog(
    _ name: String, window: [ClosedRange<Double>]? = nil, start: [Double]? = nil, spacing: String? = nil
  ) -> Preset {
    guard let f = try? Catalog.function(named: name), !f.dimension.isVariable || f.dimension.minimum <= 2 else {
      preconditionFailure("navigator preset '\(name)' is not a 2-D catalog function")
    }
    return Preset(
      name: f.name, aliases: f.aliases, title: f.title, summary: f.summary, formula: f.formula(dimension: 2),
      window: window ?? f.window(dimension: 2), start: start ?? f.standardStart(dimension: 2), spacing: spacing)
  }

  public static let all: [Preset] = [
    catalog("narrow-ravine", window: [-2.4...2.4, -1.2...1.2], start: [1.8, 0.5], spacing: "logarithmic"),
    catalog("ill-conditioned-ravine", window: [-2.4...2.4, -1.2...1.2], start: [1.8, 0.5], spacing: "logarithmic"),
    catalog("bowl", spacing: "logarithmic"),
    catalog("saddle", start: [-1.5, 0.01]),
    catalog("monkey-saddle", start: [1, 0.5]),
    catalog("plateau", start: [1.2, 1.0]),
    catalog("rosenbrock", window: [-2...2, -1...3], start: [-1.2, 1]),
    catalog("himmelblau"),
    catalog("six-hump-camel", window: [-3...3, -2...2], start: [-1.5, 1.5]),
    catalog("three-hump-camel", start: [-2.5, 2.5]),
    catalog("beale", start: [1, 1]),
    catalog("booth"),
    catalog("matyas", start: [8, 6]),
    catalog("goldstein-price"),
    catalog("mccormick"),
    catalog("branin"),
    catalog("styblinski-tang"),
    catalog("rastrigin", start: [2.3, -1.7]),
    catalog("ackley"),
    catalog("easom"),
    catalog("levi-13"),
    catalog("freudenstein-roth"),
  ]

  /// The preset called `name` (or with that alias), ignoring case.
  public static func named(_ name: String) -> Preset? {
    let key = name.lowercased()
    return all.first { $0.name == key || $0.aliases.contains(key) }
  }
}
