/// One token of a formula: an operator, a number, a name, or a lexical error.
struct FormulaToken: Sendable {
  enum Kind: Equatable, Sendable {
    case number, name
    case plus, minus, star, slash, caret
    case leftParenthesis, rightParenthesis, comma
    /// The end of the formula.
    case end
    /// Text that is not a token; ``message`` says why.
    case invalid
  }

  var kind: Kind
  /// 0-based offset of the first character (Unicode scalar).
  var start: Int
  /// Length in characters.
  var length: Int
  /// The source text (numbers, names and invalid tokens; the symbol for operators).
  var text: String
  /// A number token's value.
  var number: Double = 0
  /// An invalid token's error message.
  var message: String = ""

  /// 1-based column.
  var column: Int { start + 1 }

  /// True for tokens that can begin an operand.
  var beginsOperand: Bool {
    kind == .number || kind == .name || kind == .leftParenthesis
  }

  /// How the token is named in an error message.
  var quoted: String { kind == .end ? "the end of the formula" : "'\(text)'" }
}
