/// Splits a formula into tokens.
///
/// ```
/// number := digits ['.' [digits]] [exponent] | '.' digits [exponent]
/// exponent := ('e' | 'E') ['+' | '-'] digits
/// name   := letter (letter | digit | '_')*
/// symbol := + - * / ^ ( ) ,
/// ```
///
/// Whitespace separates tokens and is otherwise ignored. Lexing stops at the first
/// character that cannot start a token: it becomes an ``FormulaToken/Kind/invalid`` token
/// carrying the message, followed by the end token, so that the parser reports the
/// leftmost problem of the formula.
enum FormulaLexer {
  static func tokenize(_ s: [Unicode.Scalar]) -> [FormulaToken] {
    var tokens: [FormulaToken] = []
    var i = 0
    let n = s.count
    func text(_ from: Int, _ to: Int) -> String {
      var t = ""
      t.unicodeScalars.append(contentsOf: s[from..<to])
      return t
    }
    while i < n {
      let c = s[i]
      if isSpace(c) {
        i += 1
        continue
      }
      let start = i
      if isDigit(c) || c == "." {
        tokens.append(number(s, &i))
        if tokens.last!.kind == .invalid { break }
        continue
      }
      if isLetter(c) {
        while i < n && (isLetter(s[i]) || isDigit(s[i]) || s[i] == "_") { i += 1 }
        tokens.append(FormulaToken(kind: .name, start: start, length: i - start, text: text(start, i)))
        continue
      }
      let kind: FormulaToken.Kind
      switch c {
      case "+": kind = .plus
      case "-": kind = .minus
      case "*":
        if i + 1 < n && s[i + 1] == "*" {
          tokens.append(
            FormulaToken(
              kind: .invalid, start: start, length: 2, text: "**",
              message: "'**' is not an operator; write powers with '^', as in x^2"))
          i = n
          continue
        }
        kind = .star
      case "/": kind = .slash
      case "^": kind = .caret
      case "(": kind = .leftParenthesis
      case ")": kind = .rightParenthesis
      case ",": kind = .comma
      default:
        tokens.append(
          FormulaToken(
            kind: .invalid, start: start, length: 1, text: text(start, start + 1),
            message: unexpectedCharacterMessage(c)))
        i = n
        continue
      }
      i += 1
      tokens.append(FormulaToken(kind: kind, start: start, length: 1, text: text(start, i)))
    }
    tokens.append(FormulaToken(kind: .end, start: n, length: 1, text: ""))
    return tokens
  }

  /// Reads a number starting at `i` (a digit or '.'), advancing `i` past it.
  private static func number(_ s: [Unicode.Scalar], _ i: inout Int) -> FormulaToken {
    let n = s.count
    let start = i
    var digits = 0
    while i < n && isDigit(s[i]) {
      i += 1
      digits += 1
    }
    if i < n && s[i] == "." {
      i += 1
      while i < n && isDigit(s[i]) {
        i += 1
        digits += 1
      }
    }
    if digits > 0 && i < n && (s[i] == "e" || s[i] == "E") {
      var j = i + 1
      if j < n && (s[j] == "+" || s[j] == "-") { j += 1 }
      if j < n && isDigit(s[j]) {
        i = j
        while i < n && isDigit(s[i]) { i += 1 }
      }
    }
    var malformed = digits == 0
    if i < n && (s[i] == "." || isDigit(s[i])) {
      // "1.2.3", "1e5.2": swallow the rest of the digits and dots for the message.
      malformed = true
      while i < n && (s[i] == "." || isDigit(s[i])) { i += 1 }
    }
    var text = ""
    text.unicodeScalars.append(contentsOf: s[start..<i])
    if malformed {
      return FormulaToken(
        kind: .invalid, start: start, length: i - start, text: text,
        message: "malformed number '\(text)'")
    }
    guard let value = Double(text) else {
      return FormulaToken(
        kind: .invalid, start: start, length: i - start, text: text,
        message: "malformed number '\(text)'")
    }
    if !value.isFinite {
      return FormulaToken(
        kind: .invalid, start: start, length: i - start, text: text,
        message: "number '\(text)' is too large (the largest is about 1.8e308)")
    }
    return FormulaToken(kind: .number, start: start, length: i - start, text: text, number: value)
  }

  static func isDigit(_ c: Unicode.Scalar) -> Bool { c >= "0" && c <= "9" }
  static func isLetter(_ c: Unicode.Scalar) -> Bool { (c >= "a" && c <= "z") || (c >= "A" && c <= "Z") }
  static func isSpace(_ c: Unicode.Scalar) -> Bool {
    c == " " || c == "\t" || c == "\n" || c == "\r"
  }

  /// What to say about a character that cannot start a token, with the ASCII spelling
  /// when the character is a common look-alike.
  static func unexpectedCharacterMessage(_ c: Unicode.Scalar) -> String {
    let shown = c.value < 0x20 || c.value == 0x7F || (c.value >= 0x80 && c.properties.isWhitespace)
      ? "U+" + String(c.value, radix: 16, uppercase: true).leftPadded(to: 4)
      : "'\(c)'"
    let replacement: String? =
      switch c {
      case "²": "^2"
      case "³": "^3"
      case "×", "·", "⋅", "∗": "*"
      case "−", "–", "—": "-"
      case "÷", "∕": "/"
      case "π": "pi"
      case "√": "sqrt(…)"
      case "[", "{": "("
      case "]", "}": ")"
      default: nil
      }
    if let replacement { return "unexpected character \(shown); write '\(replacement)' instead" }
    if c.value >= 0x80 { return "unexpected character \(shown); formulas use ASCII characters only" }
    return "unexpected character \(shown)"
  }
}

extension String {
  fileprivate func leftPadded(to width: Int) -> String {
    count >= width ? self : String(repeating: "0", count: width - count) + self
  }
}
