/// A problem with a formula's text: what is wrong and where.
///
/// `description` is one line; ``diagnostic`` adds the formula (a window of it when it is
/// long) and a caret under the offending characters:
///
/// ```
/// error: expected a number, variable, function or '(' after '^', found '^' at column 7
/// 0.5*x^^2
///       ^
/// ```
///
/// Columns count characters (Unicode scalars) from 1. An error at the end of the formula
/// (a missing operand or ')') has the column one past the last character.
public struct FormulaError: Error, CustomStringConvertible, Equatable, Sendable {
  /// What is wrong, in words a user can act on (without the position).
  public let message: String
  /// 1-based column of the first offending character.
  public let column: Int
  /// How many characters the problem spans (at least 1).
  public let length: Int
  /// The formula as shown in ``diagnostic``: all of it, or a window around ``column``
  /// marked with `…` at the cut ends.
  public let excerpt: String
  /// 1-based column of the problem within ``excerpt``.
  public let excerptColumn: Int

  /// How many characters ``excerpt`` shows at most around the problem.
  public static let excerptWidth = 72

  /// Builds an error for `source` (the formula, or at least a prefix of it that reaches past
  /// the problem; `totalCount` is the full length when `source` is a prefix).
  init(_ message: String, column: Int, length: Int = 1, source: [Unicode.Scalar], totalCount: Int? = nil) {
    let total = totalCount ?? source.count
    self.message = message
    self.column = Swift.max(1, column)
    self.length = Swift.max(1, length)
    let offset = self.column - 1
    var start = 0
    var end = total
    if total > Self.excerptWidth {
      start = Swift.max(0, Swift.min(offset - Self.excerptWidth / 2, total - Self.excerptWidth))
      end = Swift.min(total, start + Self.excerptWidth)
    }
    var text = start > 0 ? "…" : ""
    for i in start..<Swift.min(end, source.count) {
      let s = source[i]
      // Tabs and line breaks would move the caret off its character.
      text.unicodeScalars.append(s.value < 0x20 || s.value == 0x7F ? " " : s)
    }
    if end < total { text += "…" }
    self.excerpt = text
    self.excerptColumn = offset - start + 1 + (start > 0 ? 1 : 0)
  }

  /// `error: <message> at column N`.
  public var description: String { "error: \(message) at column \(column)" }

  /// Three lines: ``description``, the formula (or a window of it), and a caret line with
  /// `^` under the first offending character and `~` under the rest of the span.
  public var diagnostic: String {
    let visible = Swift.max(1, Swift.min(length, excerpt.unicodeScalars.count - excerptColumn + 1))
    let caret = String(repeating: " ", count: excerptColumn - 1) + "^"
      + String(repeating: "~", count: visible - 1)
    return description + "\n" + excerpt + "\n" + caret
  }
}
