import DescentCore

/// An optimizer described by name and hyperparameters: what the CLI flags and the server's
/// JSON build, turned into a live optimizer by ``make(_:)``.
///
/// Hyperparameters left `nil` take the optimizer's default (PyTorch's).
/// Field names follow PyTorch's hyperparameters in camelCase.
public struct OptimizerSpec: Codable, Sendable, Equatable {
  public var name: String
  public var learningRate: Double?

  public init(name: String, learningRate: Double? = nil) {
    self.name = name
    self.learningRate = learningRate
  }

  /// Every accepted name (aliases included), for `--help` and error messages.
  public static let names: [String] = ["gd", "sgd"]

  /// Builds the optimizer.
  /// - Throws: ``OptimizerSpecError`` for an unknown name or an invalid hyperparameter.
  public func make<S: DescentScalar>(_ type: S.Type = S.self) throws(OptimizerSpecError) -> any Optimizer<S> {
    if let lr = learningRate, !(lr.isFinite && lr >= 0) {
      throw .invalidValue(parameter: "lr", value: lr, reason: "must be a finite, non-negative number")
    }
    switch name.lowercased() {
    case "gd", "sgd":
      return GradientDescent<S>(learningRate: S(learningRate ?? 1e-3))
    default:
      throw .unknownName(name, suggestion: Suggest.closest(to: name, in: Self.names))
    }
  }
}

/// What can be wrong with an ``OptimizerSpec``.
public enum OptimizerSpecError: Error, Equatable, CustomStringConvertible {
  case unknownName(String, suggestion: String?)
  case invalidValue(parameter: String, value: Double, reason: String)
  case notApplicable(parameter: String, optimizer: String)

  public var description: String {
    switch self {
    case .unknownName(let name, let suggestion):
      "unknown optimizer '\(name)'" + (suggestion.map { "; did you mean '\($0)'?" } ?? "")
        + " (choices: \(OptimizerSpec.names.joined(separator: ", ")))"
    case .invalidValue(let parameter, let value, let reason):
      "invalid value \(value) for \(parameter): \(reason)"
    case .notApplicable(let parameter, let optimizer):
      "\(parameter) does not apply to \(optimizer)"
    }
  }
}
