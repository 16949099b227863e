import DescentCore

@testable import DescentOptimizers

/// A test double of PyTorch's `SGD(momentum=m)` (dampening 0, not Nesterov):
/// `b ← g` on the first step, then `b ← m·b + g`; `x ← x − η b`. The library's momentum
/// optimizers live elsewhere; this one exists so the wrappers here can be tested now.
struct HeavyBall: GradientOptimizer, HyperparameterAdjustable, Equatable {
  var learningRate: Double
  var momentum: Double
  var velocity: [Double] = []
  var started = false

  static var adjustableHyperparameters: [String: WritableKeyPath<HeavyBall, Double> & Sendable] {
    ["momentum": \.momentum]
  }

  var name: String { "heavy-ball" }
  var settingsDescription: String { "heavy-ball(lr=\(learningRate), momentum=\(momentum))" }

  mutating func prepare(dimension: Int) {
    velocity = [Double](repeating: 0, count: dimension)
    started = false
  }

  mutating func update(
    parameters: UnsafeMutableBufferPointer<Double>, gradient: UnsafeBufferPointer<Double>, learningRate: Double
  ) {
    for i in 0..<parameters.count {
      velocity[i] = started ? momentum * velocity[i] + gradient[i] : gradient[i]
      parameters[i] -= learningRate * velocity[i]
    }
    started = true
  }
}

