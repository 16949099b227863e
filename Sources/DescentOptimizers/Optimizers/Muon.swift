import DescentCore
import RealModule

/// Muon: momentum orthogonalised by a Newton–Schulz iteration, for matrix-shaped blocks of
/// the parameters — PyTorch's `torch.optim.Muon` (after Keller Jordan's reference), step
/// for step, with AdamW for the blocks that are not matrices.
///
/// For each matrix block `X` (rows × cols, row-major in the flat parameter vector) with
/// gradient `G`:
///
/// ```
/// B ← μ B + (1 − μ) G                               (momentum, PyTorch's lerp form)
/// U ← (1 − μ) G + μ B   if nesterov,   else U ← B
/// O ← NS₅(U):  Z ← U / max(‖U‖_F, ε)   (transposed when rows > cols)
///              repeat k times:  A ← Z Zᵀ;  Z ← a Z + (b A + c A²) Z
/// X ← X (1 − η λ)
/// X ← X − η s O,    s = √max(1, rows/cols)                      ("original", Keller Jordan)
///                   s = 0.2 √max(rows, cols)                    ("matchRMSAdamW", Moonshot)
///                   s = √(rows/cols)                            ("spectralUnclamped", Bernstein)
/// ```
///
/// Vector blocks (biases, gains: `shapes` entries with one number) take an AdamW step
/// (``fallback``, PyTorch's AdamW defaults, its rate scaled by the same schedule factor as
/// Muon's). Without `shapes` the whole vector is one 1 × n matrix, for which Muon is
/// normalised-gradient descent with momentum.
///
/// Defaults (PyTorch's): `learningRate` η = 1e-3, `weightDecay` λ = 0.1, `momentum` μ = 0.95,
/// `nesterov` on, Newton–Schulz coefficients (a, b, c) = (3.4445, −4.7750, 2.0315), `epsilon`
/// ε = 1e-7, `newtonSchulzSteps` k = 5, `learningRateAdjustment` "original". PyTorch runs
/// the iteration in bfloat16; Descent runs it in the parameters' precision (the golden test
/// replays PyTorch's code with that one change).
///
/// - Complexity: per matrix block of size r × c with k = min(r, c): O(k² max(r, c)) per
///   Newton–Schulz step; the workspace is allocated by ``prepare(dimension:)``.
///
/// Jordan et al., "Muon: An optimizer for hidden layers in neural networks", 2024
/// (kellerjordan.github.io/posts/muon); Liu et al., "Muon is Scalable for LLM Training",
/// 2025; Bernstein, "Deriving Muon", 2025.
public struct Muon<Scalar: DescentScalar>: GradientOptimizer {
  /// How the step is scaled by a block's shape.
  public enum LearningRateAdjustment: String, Codable, Sendable, CaseIterable {
    /// `√max(1, rows/cols)` (Keller Jordan's reference; PyTorch's default).
    case original
    /// `0.2 √max(rows, cols)`: matches AdamW's update RMS (Moonshot), so AdamW's rate and
    /// weight decay carry over.
    case matchRMSAdamW = "match_rms_adamw"
    /// `√(rows/cols)` (Bernstein).
    case spectralUnclamped = "spectral_unclamped"
  }

  public var learningRate: Scalar
  public var weightDecay: Double
  public var momentum: Double
  public var nesterov: Bool
  /// The quintic's coefficients (a, b, c).
  public var newtonSchulzCoefficients: [Double]
  public var newtonSchulzSteps: Int
  public var epsilon: Double
  public var learningRateAdjustment: LearningRateAdjustment
  /// The blocks of the flat vector in order: `[rows, cols]` for a matrix (row-major),
  /// `[count]` for a vector (AdamW). Empty: one `1 × n` matrix.
  public var shapes: [[Int]]
  /// The optimizer for vector blocks (default: PyTorch's AdamW).
  public var fallback: Adam<Scalar>

  public var step: Int = 0
  /// `B`, the momentum of every matrix entry (vector entries unused).
  public var momentumBuffer: [Scalar] = []

  // Workspace, not state: rebuilt by `prepare`.
  @usableFromInline var work: [Scalar] = []
  @usableFromInline var vectorParameters: [Scalar] = []
  @usableFromInline var vectorGradient: [Scalar] = []

  enum CodingKeys: String, CodingKey {
    case learningRate, weightDecay, momentum, nesterov, newtonSchulzCoefficients
    case newtonSchulzSteps, epsilon, learningRateAdjustment, shapes, fallback, step, momentumBuffer
  }

  public init(
    learningRate: Scalar = 1e-3, weightDecay: Double = 0.1, momentum: Double = 0.95,
    nesterov: Bool = true, newtonSchulzCoefficients: [Double] = [3.4445, -4.7750, 2.0315],
    newtonSchulzSteps: Int = 5, epsilon: Double = 1e-7,
    learningRateAdjustment: LearningRateAdjustment = .original, shapes: [[Int]] = [],
    fallback: Adam<Scalar> = .adamW()
  ) {
    precondition(newtonSchulzCoefficients.count == 3, "Newton–Schulz needs three coefficients (a, b, c)")
    precondition(newtonSchulzSteps >= 0, "newtonSchulzSteps must be non-negative")
    precondition(Self.shapeProblem(shapes, dimension: nil) == nil, Self.shapeProblem(shapes, dimension: nil) ?? "")
    self.learningRate = learningRate
    self.weightDecay = weightDecay
    self.momentum = momentum
    self.nesterov = nesterov
    self.newtonSchulzCoefficients = newtonSchulzCoefficients
    self.newtonSchulzSteps = newtonSchulzSteps
    self.epsilon = epsilon
    self.learningRateAdjustment = learningRateAdjustment
    self.shapes = shapes
    self.fallback = fallback
  }

  /// Why `shapes` cannot describe a vector of `dimension` entries, or `nil` if it can.
  public static func shapeProblem(_ shapes: [[Int]], dimension: Int?) -> String? {
    var total = 0
    for (k, s) in shapes.enumerated() {
      guard (s.count == 1 || s.count == 2), s.allSatisfy({ $0 > 0 }) else {
        return "shape \(k + 1) is \(s); expected [rows, cols] or [count] with positive sizes"
      }
      total += s.reduce(1, *)
    }
    if let dimension, !shapes.isEmpty, total != dimension {
      return "shapes cover \(total) parameters, the problem has \(dimension)"
    }
    return nil
  }

  public var name: String { "muon" }
  public var settingsDescription: String {
    var s = "muon(lr=\(learningRate), momentum=\(momentum)"
    if !nesterov { s += ", nesterov=false" }
    if weightDecay != 0 { s += ", weight_decay=\(weightDecay)" }
    if learningRateAdjustment != .original { s += ", adjust_lr=\(learningRateAdjustment.rawValue)" }
    if !shapes.isEmpty { s += ", shapes=\(shapes.map { $0.map(String.init).joined(separator: "x") }.joined(separator: ","))" }
    return s + ")"
  }

  /// The blocks for `dimension` parameters: (offset, rows, cols), cols = 0 for a vector.
  @usableFromInline
  func blocks(dimension: Int) -> [(offset: Int, rows: Int, cols: Int)] {
    if shapes.isEmpty { return dimension == 0 ? [] : [(0, 1, dimension)] }
    var offset = 0
    return shapes.map { s in
      defer { offset += s.reduce(1, *) }
      return s.count == 2 ? (offset, s[0], s[1]) : (offset, s[0], 0)
    }
  }

  public mutating func prepare(dimension: Int) {
    precondition(Self.shapeProblem(shapes, dimension: dimension) == nil,
                 Self.shapeProblem(shapes, dimension: dimension) ?? "")
    step = 0
    momentumBuffer = [Scalar](repeating: 0, count: dimension)
    let vectors = allocateWorkspace(dimension: dimension)
    fallback.prepare(dimension: vectors)
  }

  /// Sizes the Newton–Schulz workspace and the vector-block buffers (not state: a decoded
  /// Muon rebuilds them on its first update). Returns the number of vector entries.
  @usableFromInline @discardableResult
  mutating func allocateWorkspace(dimension: Int) -> Int {
    var largest = 0, vectors = 0
    for b in blocks(dimension: dimension) {
      if b.cols == 0 { vectors += b.rows; continue }
      let k = Swift.min(b.rows, b.cols), big = Swift.max(b.rows, b.cols)
      largest = Swift.max(largest, 2 * k * big + 2 * k * k)
    }
    work = [Scalar](repeating: 0, count: Swift.max(largest, 1))
    vectorParameters = [Scalar](repeating: 0, count: vectors)
    vectorGradient = [Scalar](repeating: 0, count: vectors)
    return vectors
  }

  @inlinable
  @_specialize(where Scalar == Float)
  @_specialize(where Scalar == Double)
  public mutating func update(
    parameters: UnsafeMutableBufferPointer<Scalar>, gradient: UnsafeBufferPointer<Scalar>,
    learningRate: Scalar
  ) {
    let n = parameters.count
    _checkUpdateArguments(parameters, gradient, stateCount: momentumBuffer.count, optimizer: name)
    if momentumBuffer.count != n { prepare(dimension: n) }
    if work.isEmpty { allocateWorkspace(dimension: n) }
    step += 1
    guard n > 0 else { return }
    let lr = Double(learningRate)
    let shrink = Scalar(1 - lr * Double(weightDecay))
    let w = Scalar(1 - Double(momentum)), wc = Scalar(1 - (1 - Double(momentum)))
    let mu = Scalar(momentum), muc = Scalar(1 - momentum)
    let nesterov = nesterov, coefficients = newtonSchulzCoefficients, steps = newtonSchulzSteps
    let eps = Scalar(epsilon), coefficientsScalar = coefficients.map { Scalar($0) }
    var vectorOffset = 0
    let blocks = blocks(dimension: n)
    for block in blocks {
      if block.cols == 0 {
        for j in 0..<block.rows {
          vectorParameters[vectorOffset + j] = parameters[block.offset + j]
          vectorGradient[vectorOffset + j] = gradient[block.offset + j]
        }
        vectorOffset += block.rows
        continue
      }
      let rows = block.rows, cols = block.cols
      let ratio = Double(rows) / Double(cols)
      let scale: Double
      switch learningRateAdjustment {
      case .original: scale = Swift.max(1, ratio).squareRoot()
      case .matchRMSAdamW: scale = 0.2 * Double(Swift.max(rows, cols)).squareRoot()
      case .spectralUnclamped: scale = ratio.squareRoot()
      }
      let negativeRate = Scalar(-(lr * scale))
      let p = parameters._base + block.offset, g = gradient._base + block.offset
      momentumBuffer._withBase { base in
        work._withBase { space in
          let b = base + block.offset
          let k = Swift.min(rows, cols), big = Swift.max(rows, cols)
          let z = space, a = space + k * big, q = a + k * k, y = q + k * k
          // Momentum, then the matrix to orthogonalise, laid out k × big.
          for i in 0..<rows {
            for j in 0..<cols {
              let e = i * cols + j
              let gi = g[e]
              let bi = _Elementwise.lerp(b[e], gi, weight: w, complement: wc)
              b[e] = bi
              let u = nesterov ? _Elementwise.lerp(gi, bi, weight: mu, complement: muc) : bi
              z[rows > cols ? j * rows + i : e] = u
            }
          }
          Self.newtonSchulz(z, a, q, y, k: k, big: big, coefficients: coefficientsScalar, steps: steps, epsilon: eps)
          for i in 0..<rows {
            for j in 0..<cols {
              let e = i * cols + j
              p[e] = p[e] * shrink + negativeRate * z[rows > cols ? j * rows + i : e]
            }
          }
        }
      }
    }
    if vectorOffset > 0 {
      let scheduled = self.learningRate == 0 ? 1 : learningRate / self.learningRate
      let rate = fallback.learningRate * scheduled
      vectorParameters.withUnsafeMutableBufferPointer { vp in
        vectorGradient.withUnsafeBufferPointer { vg in
          fallback.update(parameters: vp, gradient: vg, learningRate: rate)
        }
      }
      vectorOffset = 0
      for block in blocks where block.cols == 0 {
        for j in 0..<block.rows { parameters[block.offset + j] = vectorParameters[vectorOffset + j] }
        vectorOffset += block.rows
      }
    }
  }

  /// `k` Newton–Schulz steps on the k × big matrix `z` (k ≤ big), in place, as PyTorch's
  /// `_zeropower_via_newtonschulz`: `z ← z / max(‖z‖, ε)`, then `A = z zᵀ`,
  /// `Q = b A + c A A`, `z ← a z + Q z`.
  @inlinable @inline(__always)
  static func newtonSchulz(
    _ z: UnsafeMutablePointer<Scalar>, _ a: UnsafeMutablePointer<Scalar>,
    _ q: UnsafeMutablePointer<Scalar>, _ y: UnsafeMutablePointer<Scalar>, k: Int, big: Int,
    coefficients: [Scalar], steps: Int, epsilon: Scalar
  ) {
    let count = k * big
    var sum: Scalar = 0
    for e in 0..<count { sum += z[e] * z[e] }
    let norm = Swift.max(_Elementwise.squareRoot(sum), epsilon)
    for e in 0..<count { z[e] = z[e] / norm }
    let ca = coefficients[0], cb = coefficients[1], cc = coefficients[2]
    for _ in 0..<steps {
      for i in 0..<k {
        for j in 0..<k {
          var s: Scalar = 0
          for l in 0..<big { s += z[i * big + l] * z[j * big + l] }
          a[i * k + j] = s
        }
      }
      for i in 0..<k {
        for j in 0..<k {
          var s: Scalar = 0
          for l in 0..<k { s += a[i * k + l] * a[l * k + j] }
          q[i * k + j] = cb * a[i * k + j] + cc * s
        }
      }
      for i in 0..<k {
        for j in 0..<big {
          var s: Scalar = 0
          for l in 0..<k { s += q[i * k + l] * z[l * big + j] }
          y[i * big + j] = ca * z[i * big + j] + s
        }
      }
      for e in 0..<count { z[e] = y[e] }
    }
  }
}
