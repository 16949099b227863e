import DescentCore
import Testing

@testable import DescentOptimizers

/// Every optimizer against its reference implementation (PyTorch, lion-pytorch,
/// schedulefree), 200 steps on the ravine, Rosenbrock and a non-separable function, with at
/// least two hyperparameter settings each. Fixtures: `scripts/golden_optimizers.py`.
@Suite("Golden trajectories: PyTorch and reference implementations")
struct GoldenOptimizerTests {
  @Test("Double matches the reference at relative 1e-12 at every step", arguments: Golden.pytorchCases)
  func double(_ c: GoldenCase) throws {
    let (path, averaged) = try Golden.run(c, as: Double.self)
    #expect(path.count == c.trajectory.count)
    let worst = Golden.worstRelativeError(path, c.trajectory, floor: Golden.scale(c))
    #expect(worst.error <= 1e-12, "\(c.id): relative error \(worst.error) at step \(worst.step) vs \(c.reference)")
    if let expected = c.evaluationTrajectory {
      let e = Golden.worstRelativeError(averaged, expected, floor: Golden.scale(c))
      #expect(e.error <= 1e-12, "\(c.id): averaged point off by \(e.error) at step \(e.step)")
    }
  }

  @Test("Float matches the float32 reference at relative 1e-5 at every step", arguments: Golden.pytorchCases)
  func float(_ c: GoldenCase) throws {
    let expected = try #require(c.trajectoryFloat32)
    let (path, _) = try Golden.run(c, as: Float.self)
    // Float keeps ~7 digits: coordinates below a tenth of the path's largest are compared
    // absolutely, at 1e-6 of that scale (about 16 float ulps of it).
    let worst = Golden.worstRelativeError(path, expected, floor: Golden.scale(c, fraction: 0.1))
    #expect(worst.error <= 1e-5, "\(c.id): relative error \(worst.error) at step \(worst.step)")
  }
}

/// The options that reproduce other libraries' conventions, each against that library:
/// Optax (JAX float64) and Keras (TensorFlow's ε̂ form, float64).
@Suite("Golden trajectories: Optax and Keras conventions")
struct GoldenConventionTests {
  @Test("Double matches the library at relative 1e-12", arguments: Golden.conventionCases)
  func double(_ c: GoldenCase) throws {
    let (path, _) = try Golden.run(c, as: Double.self)
    let worst = Golden.worstRelativeError(path, c.trajectory, floor: Golden.scale(c))
    #expect(worst.error <= 1e-12, "\(c.id): relative error \(worst.error) at step \(worst.step) vs \(c.reference)")
  }
}
