import DescentCore

/// Sums over a set of samples from one pass of ``Network/evaluate(parameters:inputs:targets:count:workspace:gradient:gradientScale:accumulate:)``.
public struct BatchResult: Sendable, Equatable {
  /// `Σ_i ℓ_i` over the samples (no L2 term), accumulated in `Double`.
  public var lossSum: Double
  /// Samples whose predicted class is the target (classification losses; 0 otherwise).
  public var correct: Int
  /// Number of samples.
  public var count: Int
}

extension Network {
  /// Forward (and optionally backward) pass over `count` samples.
  ///
  /// Returns the summed per-sample losses. With `gradient`, writes (or adds, with
  /// `accumulate`) `gradientScale · ∂(Σ_i ℓ_i)/∂θ` into it — pass `1/N` for the mean loss.
  /// The L2 penalty is not included (see ``penalty(parameters:gradient:)``). Inputs are
  /// row-major `count × inputCount`; targets one per sample (a class index for
  /// classification losses). Batches larger than the workspace go in chunks.
  ///
  /// - Complexity: `O(count · Σ_l n_{l−1} n_l)`; no allocation.
  @_specialize(where S == Float)
  @_specialize(where S == Double)
  public func evaluate<S: DescentScalar>(
    parameters: UnsafePointer<S>, inputs: UnsafePointer<S>, targets: UnsafePointer<S>, count: Int,
    workspace: NetworkWorkspace<S>, gradient: UnsafeMutablePointer<S>?, gradientScale: S = 1,
    accumulate: Bool = false
  ) -> BatchResult {
    precondition(workspace.network.layerSizes == layerSizes, "the workspace was made for another network")
    var result = BatchResult(lossSum: 0, correct: 0, count: count)
    if count == 0 {
      if let gradient, !accumulate { gradient.update(repeating: 0, count: parameterCount) }
      return result
    }
    var start = 0
    while start < count {
      let chunk = min(workspace.capacity, count - start)
      let part = evaluateChunk(
        parameters: parameters, inputs: inputs + start * inputCount, targets: targets + start, count: chunk,
        workspace: workspace, gradient: gradient, gradientScale: gradientScale, accumulate: accumulate || start > 0)
      result.lossSum += part.lossSum
      result.correct += part.correct
      start += chunk
    }
    return result
  }

  @inline(__always)
  func evaluateChunk<S: DescentScalar>(
    parameters: UnsafePointer<S>, inputs: UnsafePointer<S>, targets: UnsafePointer<S>, count: Int,
    workspace ws: NetworkWorkspace<S>, gradient: UnsafeMutablePointer<S>?, gradientScale: S, accumulate: Bool
  ) -> BatchResult {
    let last = layers.count - 1
    // Forward.
    for (l, layer) in layers.enumerated() {
      let input = l == 0 ? inputs : UnsafePointer(ws.post[l - 1])
      let z = ws.pre[l]
      Matmul.multiply(
        input, parameters + layer.weightOffset, into: z, m: count, n: layer.outputs, k: layer.inputs)
      Network.addRow(parameters + layer.biasOffset, to: z, rows: count, columns: layer.outputs)
      if l < last { activation.apply(UnsafePointer(z), ws.post[l], count: count * layer.outputs) }
    }
    // Loss and ∂ℓ/∂z at the output, into delta.
    let outputs = outputCount
    let logits = ws.pre[last]
    let dz = ws.delta
    var lossSum: Double = 0
    var correct = 0
    switch loss {
    case .meanSquaredError:
      for i in 0..<count {
        let y = targets[i]
        var s: S = 0
        for j in 0..<outputs {
          let d = logits[i * outputs + j] - y
          s += d * d
          dz[i * outputs + j] = gradientScale * 2 * d
        }
        lossSum += Double(s)
      }
    case .binaryCrossEntropy:
      for i in 0..<count {
        let z = logits[i]
        let y = targets[i]
        let l = (z > 0 ? z : 0) - y * z + S.log(onePlus: S.exp(-z.magnitude))
        lossSum += Double(l)
        dz[i] = gradientScale * (Activation.sigmoid(z) - y)
        if (z > 0) == (y > 0.5) { correct += 1 }
      }
    case .crossEntropy:
      for i in 0..<count {
        let row = logits + i * outputs
        let drow = dz + i * outputs
        let y = Int(targets[i])
        var m = row[0]
        var argmax = 0
        for j in 1..<max(outputs, 1) where row[j] > m {
          m = row[j]
          argmax = j
        }
        var s: S = 0
        for j in 0..<outputs {
          let e = S.exp(row[j] - m)
          drow[j] = e
          s += e
        }
        let logSum = S.log(s)
        lossSum += Double(m + logSum - row[y])
        let scale = gradientScale / s
        for j in 0..<outputs { drow[j] *= scale }
        drow[y] -= gradientScale
        if argmax == y { correct += 1 }
      }
    }
    guard let gradient else { return BatchResult(lossSum: lossSum, correct: correct, count: count) }

    // Backward.
    var current = ws.delta
    var other = ws.delta2
    for l in stride(from: last, through: 0, by: -1) {
      let layer = layers[l]
      let input = l == 0 ? inputs : UnsafePointer(ws.post[l - 1])
      // dW = a_{l−1}ᵀ · dz
      Matmul.multiply(
        input, UnsafePointer(current), into: gradient + layer.weightOffset, m: layer.inputs, n: layer.outputs,
        k: count, transposeA: true, accumulate: accumulate)
      // db = Σ_rows dz
      Network.sumRows(
        of: UnsafePointer(current), rows: count, columns: layer.outputs, into: gradient + layer.biasOffset,
        accumulate: accumulate)
      if l > 0 {
        // da_{l−1} = dz · W_lᵀ, then dz_{l−1} = da ⊙ act'(z_{l−1})
        Matmul.multiply(
          UnsafePointer(current), parameters + layer.weightOffset, into: other, m: count, n: layer.inputs,
          k: layer.outputs, transposeB: true, scratch: ws.transposeScratch)
        activation.backward(
          other, pre: UnsafePointer(ws.pre[l - 1]), post: UnsafePointer(ws.post[l - 1]), count: count * layer.inputs)
        swap(&current, &other)
      }
    }
    return BatchResult(lossSum: lossSum, correct: correct, count: count)
  }

  /// `matrix[i, :] += row` for each of `rows` rows (the bias of a layer).
  @inline(never)
  @_specialize(where S == Float)
  @_specialize(where S == Double)
  static func addRow<S: DescentScalar>(_ row: UnsafePointer<S>, to matrix: UnsafeMutablePointer<S>, rows: Int, columns: Int) {
    for i in 0..<rows {
      let r = matrix + i * columns
      for j in 0..<columns { r[j] += row[j] }
    }
  }

  /// `sums (+)= Σ_i matrix[i, :]` (a bias gradient), rows added in order.
  @inline(never)
  @_specialize(where S == Float)
  @_specialize(where S == Double)
  static func sumRows<S: DescentScalar>(
    of matrix: UnsafePointer<S>, rows: Int, columns: Int, into sums: UnsafeMutablePointer<S>, accumulate: Bool
  ) {
    if !accumulate { sums.update(repeating: 0, count: columns) }
    for i in 0..<rows {
      let r = matrix + i * columns
      for j in 0..<columns { sums[j] += r[j] }
    }
  }

  /// The L2 penalty `(λ/2) Σ_l ‖W_l‖²`; with `gradient`, adds `λ W_l` to its weight entries.
  @_specialize(where S == Float)
  @_specialize(where S == Double)
  public func penalty<S: DescentScalar>(parameters: UnsafePointer<S>, gradient: UnsafeMutablePointer<S>?) -> S {
    guard l2 > 0 else { return 0 }
    let lambda = S(l2)
    var sum: S = 0
    for layer in layers {
      for i in layer.weightOffset..<layer.biasOffset {
        let w = parameters[i]
        sum += w * w
        gradient?[i] += lambda * w
      }
    }
    return lambda / 2 * sum
  }

  /// Predicted class per sample (classification) or predicted value (regression), written
  /// into `predictions` (`count` values).
  public func predict<S: DescentScalar>(
    parameters: UnsafePointer<S>, inputs: UnsafePointer<S>, count: Int, workspace: NetworkWorkspace<S>,
    into predictions: UnsafeMutablePointer<S>
  ) {
    var start = 0
    let zeros = UnsafeMutablePointer<S>.allocate(capacity: workspace.capacity)
    zeros.initialize(repeating: 0, count: workspace.capacity)
    defer { zeros.deallocate() }
    while start < count {
      let chunk = min(workspace.capacity, count - start)
      _ = evaluateChunk(
        parameters: parameters, inputs: inputs + start * inputCount, targets: UnsafePointer(zeros), count: chunk,
        workspace: workspace, gradient: nil, gradientScale: 1, accumulate: false)
      let logits = workspace.pre[layers.count - 1]
      for i in 0..<chunk {
        switch loss {
        case .meanSquaredError: predictions[start + i] = logits[i * outputCount]
        case .binaryCrossEntropy: predictions[start + i] = logits[i] > 0 ? 1 : 0
        case .crossEntropy:
          var best = 0
          for j in 1..<max(outputCount, 1) where logits[i * outputCount + j] > logits[i * outputCount + best] { best = j }
          predictions[start + i] = S(best)
        }
      }
      start += chunk
    }
  }
}
