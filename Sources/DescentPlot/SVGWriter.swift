/// Builds SVG text: elements with escaped attributes and content, numbers rounded for
/// pixels. Used by every chart; public so that callers can add their own layers.
public struct SVGWriter: Sendable {
  public private(set) var text: String = ""

  public init() {}

  /// Appends `s` as is (it must already be valid markup).
  public mutating func raw(_ s: String) { text += s }

  /// `<name a="v" …/>` or `<name a="v" …>content</name>`; attribute values and content
  /// are escaped.
  public mutating func element(_ name: String, _ attributes: [(String, String)], content: String? = nil) {
    open(name, attributes, selfClosing: content == nil)
    if let content {
      text += XMLText.escape(content)
      text += "</\(name)>"
    }
  }

  /// `<name a="v" …>` (or `…/>`).
  public mutating func open(_ name: String, _ attributes: [(String, String)] = [], selfClosing: Bool = false) {
    text += "<" + name
    for (k, v) in attributes {
      text += " " + k + "=\"" + XMLText.escape(v) + "\""
    }
    text += selfClosing ? "/>" : ">"
  }

  /// `</name>` followed by a newline.
  public mutating func close(_ name: String) { text += "</\(name)>\n" }

  public mutating func newline() { text += "\n" }
}

/// Number formatting for SVG output.
public enum SVGNumber {
  /// `v` rounded to 0.1 (pixels), shortest form: `12`, `12.3`, `-0.5`. Values beyond
  /// ±1e6 are clamped (callers clip geometry before it gets that far).
  @inlinable
  public static func pixel(_ v: Double) -> String {
    tenths(Int(tenthsOf: v))
  }

  /// A count of tenths written as a decimal: `123 → "12.3"`, `-5 → "-0.5"`, `40 → "4"`.
  @inlinable
  public static func tenths(_ n: Int) -> String {
    let a = n.magnitude
    let whole = a / 10
    let frac = a % 10
    var s = n < 0 ? "-" : ""
    s += String(whole)
    if frac != 0 { s += "." + String(frac) }
    return s
  }
}

extension Int {
  /// `v` in tenths, rounded, clamped to ±10⁷ tenths; NaN → 0.
  @inlinable
  init(tenthsOf v: Double) {
    if v.isNaN { self = 0; return }
    self = Int(Swift.min(1e7, Swift.max(-1e7, (v * 10).rounded())))
  }
}
