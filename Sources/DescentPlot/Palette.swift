/// A list of distinguishable colours for categories (one per run), cycled when there are
/// more categories than colours.
///
/// Both built-in palettes are designed to stay distinguishable under the common forms of
/// colour blindness:
/// - ``okabeIto``: Okabe & Ito, "Color Universal Design" (2008), reordered so the first
///   colours are the strongest on light and on viridis backgrounds.
/// - ``tolBright``: Paul Tol, "Colour schemes" (SRON technical note, 2021), the bright set.
public struct Palette: Hashable, Sendable {
  public var colors: [Color]

  /// - Precondition: `colors` is not empty.
  public init(_ colors: [Color]) {
    precondition(!colors.isEmpty, "a palette needs at least one colour")
    self.colors = colors
  }

  /// The colour for category `index` (cycled).
  public subscript(index: Int) -> Color {
    colors[((index % colors.count) + colors.count) % colors.count]
  }

  /// Okabe–Ito: blue, vermillion, bluish green, reddish purple, orange, sky blue, black,
  /// yellow.
  public static let okabeIto = Palette([
    Color(hex: 0x0072B2), Color(hex: 0xD55E00), Color(hex: 0x009E73), Color(hex: 0xCC79A7),
    Color(hex: 0xE69F00), Color(hex: 0x56B4E9), Color(hex: 0x000000), Color(hex: 0xF0E442),
  ])

  /// Tol's bright scheme: blue, red, green, yellow, cyan, purple, grey.
  public static let tolBright = Palette([
    Color(hex: 0x4477AA), Color(hex: 0xEE6677), Color(hex: 0x228833), Color(hex: 0xCCBB44),
    Color(hex: 0x66CCEE), Color(hex: 0xAA3377), Color(hex: 0xBBBBBB),
  ])
}
