/// The outer `<svg>` element shared by every chart: size, accessibility text, one small
/// stylesheet (consistent fonts and muted grid), and a white background.
///
/// `<title>` and `<desc>` are the first children and the root is marked `role="img"` with
/// `aria-labelledby`, so screen readers announce the chart's title and its summary.
enum ChartDocument {
  static let css = """
    svg{font-family:system-ui,-apple-system,"Segoe UI",Roboto,"Helvetica Neue",Arial,"Liberation Sans",sans-serif}\
    text{fill:#333;font-size:12px}\
    .title{font-size:16px;font-weight:600;fill:#1a1a1a}\
    .tk{font-size:11px;fill:#555}\
    .ax{font-size:12.5px;fill:#333}\
    .g{stroke:#e3e3e3;fill:none}\
    .gm{stroke:#f0f0f0;fill:none}\
    .fr{stroke:#8c8c8c;fill:none}\
    .tm{stroke:#8c8c8c;fill:none}\
    .lg{font-size:12px;fill:#222}\
    .lgd{font-size:10.5px;fill:#666}\
    .note{font-size:10.5px;fill:#444}
    """

  /// Starts a document of `width × height` pixels.
  static func begin(width: Double, height: Double, title: String, description: String) -> SVGWriter {
    var w = SVGWriter()
    let ws = SVGNumber.pixel(width.rounded(.up))
    let hs = SVGNumber.pixel(height.rounded(.up))
    w.open(
      "svg",
      [
        ("xmlns", "http://www.w3.org/2000/svg"), ("width", ws), ("height", hs),
        ("viewBox", "0 0 \(ws) \(hs)"), ("role", "img"), ("aria-labelledby", "chart-title chart-desc"),
      ])
    w.newline()
    w.element("title", [("id", "chart-title")], content: title.isEmpty ? "Chart" : title)
    w.newline()
    w.element("desc", [("id", "chart-desc")], content: description)
    w.newline()
    w.element("style", [], content: css)
    w.newline()
    w.element("rect", [("width", "100%"), ("height", "100%"), ("fill", "#fff")])
    w.newline()
    return w
  }

  /// Writes the title text at the top left of the plot area.
  static func title(_ title: String, x: Double, into w: inout SVGWriter) {
    guard !title.isEmpty else { return }
    w.element("text", [("class", "title"), ("x", SVGNumber.pixel(x)), ("y", "26")], content: title)
    w.newline()
  }

  /// Closes the document and returns its text.
  static func end(_ w: inout SVGWriter) -> String {
    w.raw("</svg>\n")
    return w.text
  }

  /// Approximate width in pixels of `text` at `fontSize` in a sans-serif font (for layout
  /// only: legend and margin sizes).
  static func textWidth(_ text: String, fontSize: Double) -> Double {
    var units = 0.0
    for c in text {
      switch c {
      case "i", "l", "j", "t", "f", "r", ".", ",", ":", ";", "'", "|", "!", "(", ")", "[", "]", " ":
        units += 0.33
      case "m", "w", "M", "W", "—":
        units += 0.95
      case "=", "+", "<", ">", "~", "−", "×":
        units += 0.84
      case _ where c.isNumber:
        units += 0.64
      case _ where c.isUppercase:
        units += 0.7
      default:
        // Generous (DejaVu Sans, the usual fallback on Linux, is wide): better a legend a
        // little roomy than text cut off at the edge.
        units += 0.61
      }
    }
    return units * fontSize
  }
}
