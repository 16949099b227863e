import DescentCore

/// Filter-normalized random directions in a network's parameter space (Li, Xu, Taylor,
/// Studer & Goldstein, "Visualizing the Loss Landscape of Neural Nets", NeurIPS 2018).
///
/// A filter of a fully connected layer is the incoming weights of one output unit: column
/// `j` of `W_l` here (`inputs × outputs`), row `j` of PyTorch's `weight` (`outputs × inputs`).
/// A Gaussian direction `d` is rescaled filter by filter to the weights' norms, and the
/// biases get no component:
///
/// ```
/// d_{l,·j} ← d_{l,·j} · ‖θ_{l,·j}‖ / ‖d_{l,·j}‖      every layer l, every output unit j
/// d_{b_l} = 0                                        (biases excluded: Li et al.'s ignore='biasbn')
/// ```
///
/// so a step `α d` changes every unit's weights by the same fraction `|α|` of their size,
/// which removes the scale invariance that makes plain random slices misleading. A filter
/// whose weights are all zero gets a zero direction.
extension Network {
  /// `count` filter-normalized random directions at `parameters`, drawn one after the other
  /// from one Gaussian stream seeded with `seed` (DescentCore's ``GaussianGenerator``, the
  /// same numbers on every platform). A normal value is drawn for every parameter, biases
  /// included, then the bias entries are set to zero, so the weight components do not
  /// depend on the bias layout.
  public func filterNormalizedDirections<S: DescentScalar>(at parameters: [S], count: Int = 1, seed: UInt64 = 0) -> [[S]] {
    precondition(parameters.count == parameterCount, "point has \(parameters.count) values, the network \(parameterCount) parameters")
    precondition(count >= 1, "ask for at least one direction")
    var random = GaussianGenerator(seed: seed)
    var directions: [[S]] = []
    for _ in 0..<count {
      var d = (0..<parameterCount).map { _ in random.next() }
      for layer in layers {
        for j in 0..<layer.outputs {
          var weightNorm = 0.0
          var directionNorm = 0.0
          for i in 0..<layer.inputs {
            let k = layer.weightOffset + i * layer.outputs + j
            weightNorm += Double(parameters[k]) * Double(parameters[k])
            directionNorm += d[k] * d[k]
          }
          let factor = directionNorm > 0 ? (weightNorm / directionNorm).squareRoot() : 0
          for i in 0..<layer.inputs { d[layer.weightOffset + i * layer.outputs + j] *= factor }
        }
        for j in 0..<layer.outputs { d[layer.biasOffset + j] = 0 }
      }
      directions.append(d.map { S($0) })
    }
    return directions
  }

  /// The norm of every filter: `norms[l][j] = ‖θ_{l,·j}‖`, the incoming weights of output
  /// unit `j` of layer `l`.
  public func filterNorms<S: DescentScalar>(of parameters: [S]) -> [[Double]] {
    precondition(parameters.count == parameterCount, "point has \(parameters.count) values, the network \(parameterCount) parameters")
    return layers.map { layer in
      (0..<layer.outputs).map { j in
        var s = 0.0
        for i in 0..<layer.inputs {
          let w = Double(parameters[layer.weightOffset + i * layer.outputs + j])
          s += w * w
        }
        return s.squareRoot()
      }
    }
  }
}
