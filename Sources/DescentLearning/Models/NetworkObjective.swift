import DescentCore

/// A network's training objective on a dataset, as an ``Objective``: the mean loss plus
/// the L2 penalty, with its exact gradient by back-propagation and its exact Hessian-vector
/// product by the R-operator (see ``Network/hessianVectorProduct(parameters:direction:inputs:targets:count:workspace:hessianWorkspace:into:scale:accumulate:)``).
///
/// ```
/// f(θ) = (1/N) Σ_{i<N} ℓ(net_θ(x_i), y_i) + (λ/2) Σ_l ‖W_l‖²
/// ```
/// Because it is an `Objective`, `minimize`, the gradient checks and the curvature tools
/// (Lanczos, Hutchinson's trace, spectral densities through `HessianOperator`) apply to
/// any model. Evaluation allocates nothing; the objective owns a ``NetworkWorkspace`` and
/// a ``NetworkHessianWorkspace``, so one instance must not be evaluated from two threads
/// at once (copies share the workspaces).
public struct NetworkObjective<Scalar: DescentScalar>: Objective {
  public let network: Network
  public let data: Dataset<Scalar>
  public let workspace: NetworkWorkspace<Scalar>
  /// Buffers for the exact Hessian-vector product.
  public let hessianWorkspace: NetworkHessianWorkspace<Scalar>

  public init(network: Network, data: Dataset<Scalar>, workspaceCapacity: Int = 256) {
    precondition(
      data.featureCount == network.inputCount,
      "the data has \(data.featureCount) features, the network \(network.inputCount) inputs")
    if network.loss == .crossEntropy {
      precondition(
        (data.task.classCount ?? Int.max) <= network.outputCount,
        "the data has more classes than the network has outputs")
    }
    self.network = network
    self.data = data
    let capacity = min(workspaceCapacity, max(data.sampleCount, 1))
    self.workspace = NetworkWorkspace(network: network, capacity: capacity)
    self.hessianWorkspace = NetworkHessianWorkspace(network: network, capacity: capacity)
  }

  public var dimension: Int { network.parameterCount }

  public func value(at x: UnsafeBufferPointer<Scalar>) -> Scalar {
    evaluate(x, gradient: nil).loss
  }

  public func value(at x: UnsafeBufferPointer<Scalar>, gradient: UnsafeMutableBufferPointer<Scalar>) -> Scalar {
    evaluate(x, gradient: gradient.baseAddress).loss
  }

  /// The objective, and the fraction of samples classified correctly (classification).
  public func evaluate(_ x: UnsafeBufferPointer<Scalar>, gradient: UnsafeMutablePointer<Scalar>?)
    -> (loss: Scalar, accuracy: Double)
  {
    precondition(x.count == dimension, "point has \(x.count) coordinates, the network \(dimension) parameters")
    let n = data.sampleCount
    let r = data.features.withUnsafeBufferPointer { f in
      data.targets.withUnsafeBufferPointer { t in
        network.evaluate(
          parameters: x.baseAddress!, inputs: f.baseAddress!, targets: t.baseAddress!, count: n,
          workspace: workspace, gradient: gradient, gradientScale: 1 / Scalar(max(n, 1)))
      }
    }
    let penalty = network.penalty(parameters: x.baseAddress!, gradient: gradient)
    return (Scalar(r.lossSum / Double(max(n, 1))) + penalty, Double(r.correct) / Double(max(n, 1)))
  }
}
