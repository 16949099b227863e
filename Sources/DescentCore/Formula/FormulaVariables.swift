/// Variable names and the order of the parameter vector.
///
/// A variable is one ASCII letter optionally followed by a number without leading zeros:
/// `x`, `y`, `w`, `x1`, `x10`, `A`. The letter `e` alone is Euler's number, not a variable.
///
/// The parameter vector lists the variables in this order:
///
/// ```
/// x, y, z                       first, in that order (the bare letters only)
/// then all others by letter     a < A < b < B < … (lowercase before uppercase)
///   then by number              x < x1 < x2 < x10  (no number first, then numerically)
/// ```
///
/// so `w + x + y` has parameters `(x, y, w)` and `x10 + x2 + x1` has `(x1, x2, x10)`.
public enum FormulaVariables {
  /// True when `name` is a variable name.
  public static func isVariableName(_ name: String) -> Bool {
    let s = Array(name.unicodeScalars)
    guard let first = s.first, FormulaLexer.isLetter(first), name != "e" else { return false }
    let digits = s.dropFirst()
    guard digits.allSatisfy(FormulaLexer.isDigit) else { return false }
    return digits.count <= 1 || digits.first != "0"
  }

  /// `names` sorted into parameter order (see the type's documentation).
  public static func sorted(_ names: some Sequence<String>) -> [String] {
    names.sorted { orderKey($0) < orderKey($1) }
  }

  /// A sort key: group (bare x, y, z first), letter, case, number (by length, then digits).
  private static func orderKey(_ name: String) -> OrderKey {
    let scalars = Array(name.unicodeScalars)
    let letter = scalars[0]
    let suffix = String(String.UnicodeScalarView(scalars.dropFirst()))
    let group: Int
    switch name {
    case "x": group = 0
    case "y": group = 1
    case "z": group = 2
    default: group = 3
    }
    let lower = letter.properties.lowercaseMapping
    return OrderKey(
      group: group, letter: lower, uppercase: lower != String(letter), suffixLength: suffix.count,
      suffix: suffix)
  }

  private struct OrderKey: Comparable {
    var group: Int
    var letter: String
    var uppercase: Bool
    var suffixLength: Int
    var suffix: String

    static func < (l: OrderKey, r: OrderKey) -> Bool {
      if l.group != r.group { return l.group < r.group }
      if l.letter != r.letter { return l.letter < r.letter }
      if l.uppercase != r.uppercase { return !l.uppercase }
      if l.suffixLength != r.suffixLength { return l.suffixLength < r.suffixLength }
      return l.suffix < r.suffix
    }
  }
}
