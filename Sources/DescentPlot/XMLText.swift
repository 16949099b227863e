/// Escaping of text for XML content and attribute values.
public enum XMLText {
  /// `s` with `& < > " '` replaced by entities and the characters XML 1.0 forbids
  /// (C0 controls other than tab, newline and carriage return; U+FFFE, U+FFFF; lone
  /// surrogates cannot occur in a Swift `String`) replaced by U+FFFD, so any label a user
  /// types gives a well-formed document.
  public static func escape(_ s: String) -> String {
    var needs = false
    for u in s.unicodeScalars where u == "&" || u == "<" || u == ">" || u == "\"" || u == "'" || !allowed(u) {
      needs = true
      break
    }
    if !needs { return s }
    var out = ""
    out.reserveCapacity(s.utf8.count + 16)
    for u in s.unicodeScalars {
      switch u {
      case "&": out += "&amp;"
      case "<": out += "&lt;"
      case ">": out += "&gt;"
      case "\"": out += "&quot;"
      case "'": out += "&apos;"
      default: out.unicodeScalars.append(allowed(u) ? u : "\u{FFFD}")
      }
    }
    return out
  }

  static func allowed(_ u: Unicode.Scalar) -> Bool {
    let v = u.value
    if v < 0x20 { return v == 0x9 || v == 0xA || v == 0xD }
    return v != 0xFFFE && v != 0xFFFF
  }
}
