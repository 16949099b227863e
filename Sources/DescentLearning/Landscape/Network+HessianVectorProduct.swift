import DescentCore

extension Network {
  /// The exact Hessian-vector product of the summed loss, `scale · ∇²_θ(Σ_i ℓ_i) · v`, by
  /// the R-operator (forward-over-reverse differentiation written by hand; Pearlmutter,
  /// "Fast exact multiplication by the Hessian", Neural Computation 1994).
  ///
  /// With the direction `v = (V_l, c_l)` split like the parameters, `R(·)` the directional
  /// derivative `d/dt (·)(θ + t v)` at `t = 0`, and `δ_l = ∂L/∂z_l`:
  ///
  /// ```
  /// forward   R(z_l) = R(a_{l−1}) W_l + a_{l−1} V_l + c_l,     R(a_0) = 0
  ///           R(a_l) = act'(z_l) ⊙ R(z_l)
  /// output    R(δ_L) = ∇²_z ℓ · R(z_L):   MSE 2 R(z);  BCE σ(1 − σ) R(z);
  ///                                      cross-entropy p ⊙ R(z) − p (pᵀR(z)),  p = softmax(z)
  /// backward  R(∂W_l) = R(a_{l−1})ᵀ δ_l + a_{l−1}ᵀ R(δ_l),      R(∂b_l) = Σ_rows R(δ_l)
  ///           R(δ_{l−1}) = (R(δ_l) W_lᵀ + δ_l V_lᵀ) ⊙ act'(z_{l−1}) + (δ_l W_lᵀ) ⊙ act''(z_{l−1}) ⊙ R(z_{l−1})
  /// ```
  ///
  /// `(R(∂W_l), R(∂b_l))` is `H v` exactly (to rounding): no step size, no truncation error,
  /// about the cost of two gradients. ReLU's second derivative is taken as 0 (it is, except
  /// on the measure-zero kinks). The L2 penalty is not included (see
  /// ``penaltyHessianVectorProduct(direction:into:)``). Batches larger than the workspaces
  /// go in chunks; with `accumulate` the product is added to `result`.
  ///
  /// - Complexity: about 2× a gradient: `O(count · Σ_l n_{l−1} n_l)`; no allocation.
  @_specialize(where S == Float)
  @_specialize(where S == Double)
  public func hessianVectorProduct<S: DescentScalar>(
    parameters: UnsafePointer<S>, direction: UnsafePointer<S>, inputs: UnsafePointer<S>, targets: UnsafePointer<S>,
    count: Int, workspace: NetworkWorkspace<S>, hessianWorkspace: NetworkHessianWorkspace<S>,
    into result: UnsafeMutablePointer<S>, scale: S = 1, accumulate: Bool = false
  ) {
    precondition(workspace.network.layerSizes == layerSizes, "the workspace was made for another network")
    precondition(hessianWorkspace.network.layerSizes == layerSizes, "the Hessian workspace was made for another network")
    if count == 0 {
      if !accumulate { result.update(repeating: 0, count: parameterCount) }
      return
    }
    let capacity = min(workspace.capacity, hessianWorkspace.capacity)
    var start = 0
    while start < count {
      let chunk = min(capacity, count - start)
      hessianVectorProductChunk(
        parameters: parameters, direction: direction, inputs: inputs + start * inputCount, targets: targets + start,
        count: chunk, workspace: workspace, hessianWorkspace: hessianWorkspace, into: result, scale: scale,
        accumulate: accumulate || start > 0)
      start += chunk
    }
  }

  /// Adds the L2 penalty's Hessian-vector product `λ V_l` to the weight entries of `result`.
  public func penaltyHessianVectorProduct<S: DescentScalar>(direction: UnsafePointer<S>, into result: UnsafeMutablePointer<S>) {
    guard l2 > 0 else { return }
    let lambda = S(l2)
    for layer in layers {
      for i in layer.weightOffset..<layer.biasOffset { result[i] += lambda * direction[i] }
    }
  }

  @inline(__always)
  func hessianVectorProductChunk<S: DescentScalar>(
    parameters: UnsafePointer<S>, direction: UnsafePointer<S>, inputs: UnsafePointer<S>, targets: UnsafePointer<S>,
    count: Int, workspace ws: NetworkWorkspace<S>, hessianWorkspace hw: NetworkHessianWorkspace<S>,
    into result: UnsafeMutablePointer<S>, scale: S, accumulate: Bool
  ) {
    // Forward pass and δ_L = scale · ∂ℓ/∂z_L (into ws.delta).
    _ = evaluateChunk(
      parameters: parameters, inputs: inputs, targets: targets, count: count, workspace: ws, gradient: nil,
      gradientScale: scale, accumulate: false)
    let last = layers.count - 1

    // Forward tangents R(z_l), R(a_l).
    for (l, layer) in layers.enumerated() {
      let rz = hw.preTangent[l]
      let input = l == 0 ? inputs : UnsafePointer(ws.post[l - 1])
      Matmul.multiply(input, direction + layer.weightOffset, into: rz, m: count, n: layer.outputs, k: layer.inputs)
      if l > 0 {
        Matmul.multiply(
          UnsafePointer(hw.postTangent[l - 1]), parameters + layer.weightOffset, into: rz, m: count,
          n: layer.outputs, k: layer.inputs, accumulate: true)
      }
      Network.addRow(direction + layer.biasOffset, to: rz, rows: count, columns: layer.outputs)
      if l < last {
        activation.pushForward(
          UnsafePointer(rz), into: hw.postTangent[l], pre: UnsafePointer(ws.pre[l]), post: UnsafePointer(ws.post[l]),
          count: count * layer.outputs)
      }
    }

    // R(δ_L) = scale · ∇²_z ℓ · R(z_L).
    let outputs = outputCount
    let logits = ws.pre[last]
    let rzL = hw.preTangent[last]
    let rd = hw.deltaTangent
    switch loss {
    case .meanSquaredError:
      for i in 0..<(count * outputs) { rd[i] = scale * 2 * rzL[i] }
    case .binaryCrossEntropy:
      for i in 0..<count {
        let p = Activation.sigmoid(logits[i])
        rd[i] = scale * p * (1 - p) * rzL[i]
      }
    case .crossEntropy:
      for i in 0..<count {
        let row = logits + i * outputs
        let rrow = rzL + i * outputs
        let drow = rd + i * outputs
        var m = row[0]
        for j in 1..<max(outputs, 1) where row[j] > m { m = row[j] }
        var sum: S = 0
        for j in 0..<outputs {
          let e = S.exp(row[j] - m)
          drow[j] = e
          sum += e
        }
        var dot: S = 0
        for j in 0..<outputs {
          drow[j] /= sum
          dot += drow[j] * rrow[j]
        }
        for j in 0..<outputs { drow[j] = scale * drow[j] * (rrow[j] - dot) }
      }
    }

    // Backward: δ and R(δ) together.
    var delta = ws.delta
    var other = ws.delta2
    var rDelta = hw.deltaTangent
    var rOther = hw.deltaTangent2
    for l in stride(from: last, through: 0, by: -1) {
      let layer = layers[l]
      let input = l == 0 ? inputs : UnsafePointer(ws.post[l - 1])
      let rW = result + layer.weightOffset
      // R(∂W) = a_{l−1}ᵀ R(δ) + R(a_{l−1})ᵀ δ
      Matmul.multiply(
        input, UnsafePointer(rDelta), into: rW, m: layer.inputs, n: layer.outputs, k: count, transposeA: true,
        accumulate: accumulate)
      if l > 0 {
        Matmul.multiply(
          UnsafePointer(hw.postTangent[l - 1]), UnsafePointer(delta), into: rW, m: layer.inputs, n: layer.outputs,
          k: count, transposeA: true, accumulate: true)
      }
      // R(∂b) = Σ_rows R(δ)
      Network.sumRows(
        of: UnsafePointer(rDelta), rows: count, columns: layer.outputs, into: result + layer.biasOffset,
        accumulate: accumulate)
      if l > 0 {
        let w = parameters + layer.weightOffset
        let v = direction + layer.weightOffset
        // ∂a = δ Wᵀ;  R(∂a) = R(δ) Wᵀ + δ Vᵀ
        Matmul.multiply(
          UnsafePointer(delta), w, into: other, m: count, n: layer.inputs, k: layer.outputs, transposeB: true,
          scratch: ws.transposeScratch)
        Matmul.multiply(
          UnsafePointer(rDelta), w, into: rOther, m: count, n: layer.inputs, k: layer.outputs, transposeB: true,
          scratch: ws.transposeScratch)
        Matmul.multiply(
          UnsafePointer(delta), v, into: rOther, m: count, n: layer.inputs, k: layer.outputs, transposeB: true,
          accumulate: true, scratch: ws.transposeScratch)
        activation.secondOrderBackward(
          gradient: other, tangent: rOther, pre: UnsafePointer(ws.pre[l - 1]), post: UnsafePointer(ws.post[l - 1]),
          preTangent: UnsafePointer(hw.preTangent[l - 1]), count: count * layer.inputs)
        swap(&delta, &other)
        swap(&rDelta, &rOther)
      }
    }
  }
}
