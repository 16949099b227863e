/// What an expression node computes.
enum ExpressionOperation: UInt8, Sendable {
  case constant, variable
  case negate, add, subtract, multiply, divide, power, minimum, maximum
  case sin, cos, tan, asin, acos, atan, sinh, cosh, tanh
  case exp, log, sqrt, abs, sign, sigmoid, softplus

  /// Operations with two operands.
  var isBinary: Bool {
    switch self {
    case .add, .subtract, .multiply, .divide, .power, .minimum, .maximum: true
    default: false
    }
  }

  /// Operations with one operand.
  var isUnary: Bool { self != .constant && self != .variable && !isBinary }

  /// The formula-language name of a function operation (`nil` for operators and leaves).
  var functionName: String? {
    switch self {
    case .minimum: "min"
    case .maximum: "max"
    case .sin, .cos, .tan, .asin, .acos, .atan, .sinh, .cosh, .tanh, .exp, .log, .sqrt, .abs, .sign,
      .sigmoid, .softplus:
      "\(self)"
    default: nil
    }
  }
}

/// One node of an expression DAG: an operation and the ids of its operands.
///
/// Operands always have smaller ids than the node that uses them (nodes are created
/// bottom-up), so ascending id order is a topological order. Constants keep the bit
/// pattern of their `Double` value so that hashing and equality are exact.
struct ExpressionNode: Hashable, Sendable {
  var operation: ExpressionOperation
  /// First operand id, or the variable's index.
  var a: Int32
  /// Second operand id (binary operations only).
  var b: Int32
  /// The constant's `Double.bitPattern`.
  var bits: UInt64

  init(_ operation: ExpressionOperation, _ a: Int = 0, _ b: Int = 0, bits: UInt64 = 0) {
    self.operation = operation
    self.a = Int32(truncatingIfNeeded: a)
    self.b = Int32(truncatingIfNeeded: b)
    self.bits = bits
  }

  var first: Int { Int(a) }
  var second: Int { Int(b) }
  /// The value of a constant node.
  var constantValue: Double { Double(bitPattern: bits) }
}
