import DescentCore
import DescentOptimizers

/// What the page shows for each optimizer: a starting learning rate suited to the 2-D
/// landscapes (the library's defaults are PyTorch's, tuned for networks: `1e-3` for Adam
/// would barely move on the ravine), and the hyperparameters worth a control, with their
/// PyTorch defaults and ranges. The page sends them as ``OptimizerSpec`` JSON; the library
/// checks them.
///
/// Only optimizers that ``OptimizerSpec`` can build are offered, and only fields it has, so
/// the menu grows as the library does.
struct OptimizerForm: Sendable {
  struct Field: Sendable {
    var key: String
    var label: String
    var value: Double
    var minimum: Double
    var maximum: Double
    var step: Double
  }

  var name: String
  var title: String
  /// The page's starting η; `nil` for methods that choose their own steps (line searches).
  var learningRate: Double?
  var fields: [Field]

  static let beta1 = Field(key: "beta1", label: "β₁", value: 0.9, minimum: 0, maximum: 0.999, step: 0.001)
  static let beta2 = Field(key: "beta2", label: "β₂", value: 0.999, minimum: 0, maximum: 0.9999, step: 0.0001)
  static let momentum = Field(key: "momentum", label: "momentum μ", value: 0.9, minimum: 0, maximum: 0.999, step: 0.001)

  static let all: [OptimizerForm] = [
    OptimizerForm(name: "gd", title: "Gradient descent", learningRate: 0.04, fields: []),
    OptimizerForm(name: "momentum", title: "Momentum (heavy ball)", learningRate: 0.04, fields: [momentum]),
    OptimizerForm(name: "nesterov", title: "Nesterov", learningRate: 0.04, fields: [momentum]),
    OptimizerForm(name: "adagrad", title: "AdaGrad", learningRate: 0.5, fields: []),
    OptimizerForm(
      name: "rmsprop", title: "RMSProp", learningRate: 0.03,
      fields: [Field(key: "alpha", label: "α", value: 0.99, minimum: 0, maximum: 0.999, step: 0.001)]),
    OptimizerForm(name: "adam", title: "Adam", learningRate: 0.1, fields: [beta1, beta2]),
    OptimizerForm(
      name: "adamw", title: "AdamW", learningRate: 0.1,
      fields: [
        beta1, beta2, Field(key: "weightDecay", label: "weight decay", value: 0.01, minimum: 0, maximum: 1, step: 0.001),
      ]),
    OptimizerForm(name: "amsgrad", title: "AMSGrad", learningRate: 0.1, fields: [beta1, beta2]),
    OptimizerForm(name: "nadam", title: "NAdam", learningRate: 0.1, fields: [beta1, beta2]),
    OptimizerForm(name: "radam", title: "RAdam", learningRate: 0.1, fields: [beta1, beta2]),
    OptimizerForm(name: "adamax", title: "Adamax", learningRate: 0.1, fields: [beta1, beta2]),
    OptimizerForm(
      name: "adadelta", title: "Adadelta", learningRate: 1,
      fields: [Field(key: "rho", label: "ρ", value: 0.9, minimum: 0, maximum: 0.999, step: 0.001)]),
    OptimizerForm(
      name: "lion", title: "Lion", learningRate: 0.03,
      fields: [beta1, Field(key: "beta2", label: "β₂", value: 0.99, minimum: 0, maximum: 0.9999, step: 0.0001)]),
    OptimizerForm(name: "schedule-free-adamw", title: "Schedule-free AdamW", learningRate: 0.1, fields: [beta1]),
    OptimizerForm(name: "newton", title: "Newton (line search)", learningRate: nil, fields: []),
    OptimizerForm(name: "bfgs", title: "BFGS", learningRate: nil, fields: []),
    OptimizerForm(name: "lbfgs", title: "L-BFGS", learningRate: nil, fields: []),
    OptimizerForm(name: "cg", title: "Conjugate gradient", learningRate: nil, fields: []),
  ]

  /// The forms of the optimizers the library builds, with only the fields it knows.
  static let available: [OptimizerForm] = all.compactMap { form in
    let spec = OptimizerSpec(name: form.name, learningRate: form.learningRate)
    guard (try? spec.make(Double.self)) != nil else { return nil }
    var form = form
    form.fields = form.fields.filter { RunSpec.optimizerFields.contains($0.key) }
    return form
  }
}
