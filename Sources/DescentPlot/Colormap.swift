/// A continuous colour scale `[0, 1] → Color`, sampled from anchor colours by linear
/// interpolation in sRGB.
///
/// ``viridis`` (van der Walt & Smith, 2015, CC0) is perceptually uniform, readable in
/// grey scale and by colour-blind readers. The anchors are the ten evenly spaced samples
/// of matplotlib's 256-entry table (indices `round(k·255/9)`); linear interpolation
/// between them stays within about 2/255 per channel of the full table.
public struct Colormap: Hashable, Sendable {
  public var anchors: [Color]

  /// - Precondition: at least two anchors.
  public init(anchors: [Color]) {
    precondition(anchors.count >= 2, "a colormap needs at least two anchors")
    self.anchors = anchors
  }

  /// The colour at `t`; `t` is clipped to `[0, 1]`, NaN gives the lowest colour.
  public func color(at t: Double) -> Color {
    let t = t.isNaN ? 0 : Swift.min(1, Swift.max(0, t))
    let scaled = t * Double(anchors.count - 1)
    let i = Swift.min(Int(scaled), anchors.count - 2)
    return anchors[i].mixed(with: anchors[i + 1], scaled - Double(i))
  }

  /// The same scale run backwards.
  public var reversed: Colormap { Colormap(anchors: anchors.reversed()) }

  public static let viridis = Colormap(anchors: [
    Color(hex: 0x440154), Color(hex: 0x482878), Color(hex: 0x3E4A89), Color(hex: 0x31688E),
    Color(hex: 0x26828E), Color(hex: 0x1F9E89), Color(hex: 0x35B779), Color(hex: 0x6ECE58),
    Color(hex: 0xB5DE2B), Color(hex: 0xFDE725),
  ])
}
