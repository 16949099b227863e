/// A function a formula can call by name, with its definition.
///
/// ```
/// sin cos tan asin acos atan sinh cosh tanh   trigonometric and hyperbolic (radians)
/// exp log sqrt abs                            log is the natural logarithm
/// sign(t)     = −1, 0 or 1 (the derivative of abs; printed derivatives use it)
/// sigmoid(t)  = 1 / (1 + e^(−t))
/// softplus(t) = log(1 + e^t), computed as max(t, 0) + log1p(e^(−|t|))
/// min(a, b), max(a, b)
/// ```
///
/// Derivatives at kinks: `abs′(0) = 0`; `min`/`max` take the derivative of the branch
/// they pick and, at a tie, the average of both branches (as `torch.minimum`,
/// `torch.maximum` and `jax.numpy.maximum` do).
public enum FormulaFunction: String, CaseIterable, Sendable {
  case sin, cos, tan, asin, acos, atan, sinh, cosh, tanh
  case exp, log, sqrt, abs, sign
  case min, max
  case sigmoid, softplus

  /// How many arguments the function takes.
  public var arity: Int { self == .min || self == .max ? 2 : 1 }

  /// The graph operation the function becomes.
  var operation: ExpressionOperation {
    switch self {
    case .sin: .sin
    case .cos: .cos
    case .tan: .tan
    case .asin: .asin
    case .acos: .acos
    case .atan: .atan
    case .sinh: .sinh
    case .cosh: .cosh
    case .tanh: .tanh
    case .exp: .exp
    case .log: .log
    case .sqrt: .sqrt
    case .abs: .abs
    case .sign: .sign
    case .min: .minimum
    case .max: .maximum
    case .sigmoid: .sigmoid
    case .softplus: .softplus
    }
  }

  /// Names from other languages that users type, with what to write instead.
  static let aliases: [String: String] = [
    "ln": "log", "log10": "log(x)/log(10)", "log2": "log(x)/log(2)", "log1p": "log(1 + x)",
    "arcsin": "asin", "arccos": "acos", "arctan": "atan", "relu": "max(x, 0)",
    "pow": "x^y", "sgn": "sign", "expm1": "exp(x) - 1", "sqr": "x^2", "square": "x^2",
    "minimum": "min", "maximum": "max", "fabs": "abs", "logistic": "sigmoid",
  ]
}

/// The named constants a formula can use.
enum FormulaConstant {
  static let values: [String: Double] = ["pi": Double.pi, "e": 2.718281828459045]
  static let names = ["pi", "e"]
}
