import DescentCore
import Foundation
import Testing

@testable import DescentOptimizers

/// The C kernels (AVX-512, AVX2, baseline) against plain Swift loops that spell out the
/// update in the same order of IEEE operations: the results must be bit-identical on every
/// instruction set and for every thread split. The golden tests cover the formulas against
/// PyTorch on 2-D problems, where the vector loops never run; these cover the vector bodies,
/// their tails and chunk offsets.
@Suite(.serialized)
struct FusedKernelTests {
  /// 4099: not a multiple of any vector width, so every C kernel also runs its scalar
  /// tail; 5: below the C kernels' threshold, the Swift loops.
  static let counts = [4099, 5]
  /// Below the C kernels' threshold: the Swift loops.
  static let smallCount = 5

  static func data<S: DescentScalar>(_: S.Type, seed: UInt64, count: Int) -> (p: [S], g: [S]) {
    var state = seed
    func next() -> S {
      state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
      return S(Double(state >> 11) * 0x1p-53 * 4 - 2)
    }
    let p = (0..<count).map { _ in next() }
    var g = (0..<count).map { _ in next() }
    g[count / 2] = 0  // Lion's sign(0) and Adam's v = 0 paths
    g[count - 1] = -0.0
    return (p, g)
  }

  /// Runs `steps` updates at every instruction set and with 1 and 2 threads (chunks of 64
  /// elements), and returns each run's parameters and state.
  static func runs<S: DescentScalar, O: GradientOptimizer>(
    _ optimizer: O, _: S.Type, steps: Int, count: Int, state: (O) -> [[S]]
  ) -> [(label: String, values: [[S]])] where O.Scalar == S {
    let (start, gradient) = data(S.self, seed: 7, count: count)
    let savedSet = UpdateInstructionSet.current
    let savedThreads = UpdateParallelism.maximumThreads
    let savedChunk = UpdateParallelism.minimumElementsPerThread
    defer {
      UpdateInstructionSet.current = savedSet
      UpdateParallelism.maximumThreads = savedThreads
      UpdateParallelism.minimumElementsPerThread = savedChunk
    }
    var out: [(String, [[S]])] = []
    for set in UpdateInstructionSet.allCases where set.rawValue <= UpdateInstructionSet.best.rawValue {
      for threads in [1, 2] {
        UpdateInstructionSet.current = set
        UpdateParallelism.maximumThreads = threads
        UpdateParallelism.minimumElementsPerThread = 64
        var opt = optimizer
        var p = start
        opt.prepare(dimension: count)
        gradient.withUnsafeBufferPointer { g in
          p.withUnsafeMutableBufferPointer { pp in
            for _ in 0..<steps { opt.update(parameters: pp, gradient: g, learningRate: opt.learningRate) }
          }
        }
        out.append(("\(set), \(threads) thread(s)", [p] + state(opt)))
      }
    }
    return out
  }

  static func expectIdentical<S: DescentScalar>(
    _ runs: [(label: String, values: [[S]])], _ reference: [[S]], sourceLocation: SourceLocation = #_sourceLocation
  ) {
    #expect(!runs.isEmpty)
    for run in runs {
      for (k, (a, b)) in zip(run.values, reference).enumerated() {
        #expect(a.count == b.count, sourceLocation: sourceLocation)
        let mismatch = a.indices.first { i in
          a[i].sign != b[i].sign || a[i].exponentBitPattern != b[i].exponentBitPattern
            || a[i].significandBitPattern != b[i].significandBitPattern
        }
        #expect(
          mismatch == nil,
          "\(run.label): array \(k) differs at \(mismatch ?? -1): \(mismatch.map { a[$0] } ?? 0) vs \(mismatch.map { b[$0] } ?? 0)",
          sourceLocation: sourceLocation)
      }
      #expect(run.values.count == reference.count, sourceLocation: sourceLocation)
    }
  }

  // MARK: - Adam / AdamW

  static func adamReference<S: DescentScalar>(
    _: S.Type, steps: Int, count: Int, lr: Double, beta1: Double, beta2: Double, eps: Double, decay: Double
  ) -> [[S]] {
    let (p0, g) = data(S.self, seed: 7, count: count)
    var p = p0
    var m = [S](repeating: 0, count: count), v = m
    let lr = Double(S(lr))  // the optimizer's learning rate is a Scalar
    for t in 1...steps {
      let bc1 = 1 - Foundation.pow(beta1, Double(t)), bc2 = 1 - Foundation.pow(beta2, Double(t))
      let shrink = S(1 - lr * decay), w1 = S(1 - beta1), b2 = S(beta2), w2 = S(1 - beta2)
      let step = S(-(lr / bc1)), root = S(bc2.squareRoot()), epsilon = S(eps)
      for i in 0..<count {
        let x = p[i] * shrink
        m[i] = m[i] + w1 * (g[i] - m[i])
        v[i] = v[i] * b2 + w2 * g[i] * g[i]
        p[i] = x + step * m[i] / (v[i].squareRoot() / root + epsilon)
      }
    }
    return [p, m, v]
  }

  @Test(
    "Adam and AdamW: every instruction set and thread split gives the reference bits",
    arguments: [0.0, 1e-2], counts)
  func adam(weightDecay: Double, count: Int) {
    let adamState: (Adam<Float>) -> [[Float]] = { [$0.firstMoment, $0.secondMoment] }
    let float = Self.runs(
      Adam<Float>(learningRate: 1e-2, weightDecay: weightDecay, decoupledWeightDecay: true), Float.self, steps: 3, count: count,
      state: adamState)
    Self.expectIdentical(
      float, Self.adamReference(Float.self, steps: 3, count: count, lr: 1e-2, beta1: 0.9, beta2: 0.999, eps: 1e-8, decay: weightDecay))
    let doubleState: (Adam<Double>) -> [[Double]] = { [$0.firstMoment, $0.secondMoment] }
    let double = Self.runs(
      Adam<Double>(learningRate: 1e-2, weightDecay: weightDecay, decoupledWeightDecay: true), Double.self, steps: 3, count: count,
      state: doubleState)
    Self.expectIdentical(
      double,
      Self.adamReference(Double.self, steps: 3, count: count, lr: 1e-2, beta1: 0.9, beta2: 0.999, eps: 1e-8, decay: weightDecay))
  }

  /// Runs `steps` updates of `optimizer` on `count` parameters with a gradient that
  /// depends on the point (`g = sin(3x) + x`), so every step sees new values.
  static func elementwiseRun<S: DescentScalar, O: GradientOptimizer>(
    _ optimizer: O, _: S.Type, steps: Int, count: Int, state: (O) -> [[S]],
    adjust: (inout O, Int) -> Void = { _, _ in },
    update: (inout O, UnsafeMutableBufferPointer<S>, UnsafeBufferPointer<S>) -> Void = {
      $0.update(parameters: $1, gradient: $2, learningRate: $0.learningRate)
    }
  ) -> [[S]] where O.Scalar == S {
    var opt = optimizer
    var p = data(S.self, seed: 11, count: count).p
    var g = [S](repeating: 0, count: count)
    opt.prepare(dimension: count)
    p.withUnsafeMutableBufferPointer { pp in
      g.withUnsafeMutableBufferPointer { gp in
        for step in 0..<steps {
          adjust(&opt, step)
          for i in 0..<count { gp[i] = S(Foundation.sin(3 * Double(pp[i]))) + pp[i] }
          update(&opt, pp, UnsafeBufferPointer(gp))
        }
      }
    }
    return [p] + state(opt)
  }

  /// The update is elementwise, so a small problem (the inlined scalar path, below
  /// `Adam.smallCount`) must give the bits of the first elements of a large one (the C
  /// kernels at the CPU's widest vectors): through step 500, past the step where `β₁ᵗ`
  /// stops changing (`β₁ = 0.6`), with and without decoupled weight decay, and with the βs
  /// changed between two steps (the small path's precomputed bias corrections must notice).
  /// `update` takes the small path only where `Scalar` is concrete (optimized builds), so
  /// the small run calls it directly.
  @Test("Adam and AdamW: the small-n path gives the bits of the vector path", arguments: [0.0, 1e-2])
  func adamSmallPath(weightDecay: Double) {
    func compare<S: DescentScalar>(_: S.Type) {
      let small = 7, large = 4 * Adam<S>.smallCount + 3
      for beta1 in [0.9, 0.6] {
        let adam = Adam<S>(learningRate: 1e-2, beta1: beta1, weightDecay: weightDecay, decoupledWeightDecay: true)
        let state: (Adam<S>) -> [[S]] = { [$0.firstMoment, $0.secondMoment] }
        for changeBetas in [false, true] {
          let adjust: (inout Adam<S>, Int) -> Void = { adam, step in
            if changeBetas && step == 250 {
              adam.beta1 = 0.8
              adam.beta2 = 0.99
            }
          }
          let a = Self.elementwiseRun(adam, S.self, steps: 500, count: small, state: state, adjust: adjust) {
            #expect($0.isPlainForm && $1.count < Adam<S>.smallCount)
            $0.smallUpdate(parameters: $1, gradient: $2, learningRate: $0.learningRate)
          }
          let b = Self.elementwiseRun(adam, S.self, steps: 500, count: large, state: state, adjust: adjust)
            .map { Array($0.prefix(small)) }
          Self.expectIdentical(
            [("n = \(small) vs n = \(large), β₁ = \(beta1), βs changed: \(changeBetas), \(S.self)", a)], b)
        }
      }
    }
    compare(Float.self)
    compare(Double.self)
  }

  // MARK: - SGD with momentum

  static func momentumReference<S: DescentScalar>(_: S.Type, steps: Int, count: Int, lr: S, mu: Double, dampening: Double) -> [[S]] {
    let (p0, g) = data(S.self, seed: 7, count: count)
    var p = p0
    let mu = S(mu)
    var b = [S](repeating: 0, count: count)
    let keep = S(1 - dampening)
    for t in 1...steps {
      for i in 0..<count {
        b[i] = t == 1 ? g[i] : b[i] * mu + keep * g[i]
        p[i] = p[i] + (-lr) * b[i]
      }
    }
    return [p, b]
  }

  @Test("Heavy-ball SGD: every instruction set and thread split gives the reference bits", arguments: counts)
  func momentum(count: Int) {
    let floatState: (SGD<Float>) -> [[Float]] = { [$0.momentumBuffer] }
    Self.expectIdentical(
      Self.runs(SGD<Float>.momentum(learningRate: 0.03, momentum: 0.9, dampening: 0.1), Float.self, steps: 4, count: count, state: floatState),
      Self.momentumReference(Float.self, steps: 4, count: count, lr: 0.03, mu: 0.9, dampening: 0.1))
    let doubleState: (SGD<Double>) -> [[Double]] = { [$0.momentumBuffer] }
    Self.expectIdentical(
      Self.runs(SGD<Double>.momentum(learningRate: 0.03, momentum: 0.9, dampening: 0.1), Double.self, steps: 4, count: count, state: doubleState),
      Self.momentumReference(Double.self, steps: 4, count: count, lr: 0.03, mu: 0.9, dampening: 0.1))
  }

  // MARK: - Lion

  static func lionReference<S: DescentScalar>(_: S.Type, steps: Int, count: Int, lr: Double, decay: Double) -> [[S]] {
    let (p0, g) = data(S.self, seed: 7, count: count)
    var p = p0
    var m = [S](repeating: 0, count: count)
    let shrink = S(1 - lr * decay), rate = S(-lr)
    let b1 = S(0.9), w1 = S(1 - 0.9), b2 = S(0.99), w2 = S(1 - 0.99)
    for _ in 1...steps {
      for i in 0..<count {
        let u = m[i] * b1 + w1 * g[i]
        let direction: S = u > 0 ? 1 : (u < 0 ? -1 : u)
        p[i] = p[i] * shrink + rate * direction
        m[i] = m[i] * b2 + w2 * g[i]
      }
    }
    return [p, m]
  }

  @Test("Lion: every instruction set and thread split gives the reference bits", arguments: counts)
  func lion(count: Int) {
    let floatState: (Lion<Float>) -> [[Float]] = { [$0.momentumBuffer] }
    Self.expectIdentical(
      Self.runs(Lion<Float>(learningRate: 1e-3, weightDecay: 0.1), Float.self, steps: 3, count: count, state: floatState),
      Self.lionReference(Float.self, steps: 3, count: count, lr: Double(Float(1e-3)), decay: 0.1))
    let doubleState: (Lion<Double>) -> [[Double]] = { [$0.momentumBuffer] }
    Self.expectIdentical(
      Self.runs(Lion<Double>(learningRate: 1e-3, weightDecay: 0.1), Double.self, steps: 3, count: count, state: doubleState),
      Self.lionReference(Double.self, steps: 3, count: count, lr: 1e-3, decay: 0.1))
  }

  @Test("The instruction set can be chosen and restored")
  func instructionSet() {
    let saved = UpdateInstructionSet.current
    defer { UpdateInstructionSet.current = saved }
    UpdateInstructionSet.current = .baseline
    #expect(UpdateInstructionSet.current == .baseline)
    UpdateInstructionSet.current = .avx512
    #expect(UpdateInstructionSet.current == UpdateInstructionSet.best)
    #expect(UpdateInstructionSet.best.description.isEmpty == false)
  }
}

/// `βᵗ` by a running double-double product (Adam's bias corrections) against `pow`.
struct PowerSequenceTests {
  @Test("βᵗ is within 1 ulp of pow for t up to 20,000, and a restart at t gives the same bits", arguments: [0.9, 0.999, 0.95, 0.5, 0.0, 0.9999])
  func powers(beta: Double) {
    var sequence = _PowerSequence()
    var worst = 0.0
    for t in 0...20_000 {
      let value = sequence.power(beta, t)
      let reference = Foundation.pow(beta, Double(t))
      if reference >= 0x1p-60 {
        worst = Swift.max(worst, abs(value - reference) / reference.ulp)
      } else {
        // Frozen below 2⁻⁶⁰, where 1 − βᵗ is 1 either way.
        #expect(value < 0x1p-60 && 1 - value == 1 - reference)
      }
      if t % 997 == 0 {
        var fresh = _PowerSequence()
        #expect(fresh.power(beta, t).bitPattern == value.bitPattern, "restart at t = \(t)")
      }
    }
    #expect(worst <= 1, "largest difference from pow: \(worst) ulp")
  }

  @Test("A step backwards, a new β and β outside [0, 1) are handled")
  func restarts() {
    var sequence = _PowerSequence()
    _ = sequence.power(0.9, 50)
    #expect(sequence.power(0.9, 3) == 0.9 * 0.9 * 0.9)
    #expect(sequence.power(0.5, 4) == 0.0625)
    #expect(sequence.power(1.0, 7) == 1)
    #expect(sequence.power(1.5, 2) == 2.25)
    #expect(sequence.power(0.9, 0) == 1)
  }
}
