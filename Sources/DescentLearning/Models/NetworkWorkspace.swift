import DescentCore

/// Preallocated buffers for a ``Network``'s forward and backward passes, so evaluating a
/// batch allocates nothing.
///
/// Holds, for batches of up to ``capacity`` samples, every layer's pre-activations `z_l`
/// and activations `a_l`, two back-propagation buffers and the scratch the `ABᵀ` product
/// needs. Larger inputs are processed in chunks of `capacity`. A workspace is mutable
/// state: use one per thread (it is `@unchecked Sendable` so objectives that own one can
/// cross isolation boundaries, not so two threads can share it).
public final class NetworkWorkspace<Scalar: DescentScalar>: @unchecked Sendable {
  public let network: Network
  /// The largest batch evaluated in one pass.
  public let capacity: Int
  let pre: [UnsafeMutablePointer<Scalar>]
  let post: [UnsafeMutablePointer<Scalar>]
  let delta: UnsafeMutablePointer<Scalar>
  let delta2: UnsafeMutablePointer<Scalar>
  let transposeScratch: UnsafeMutablePointer<Scalar>
  /// A batch's inputs and targets, gathered here by the training loop.
  let batchInputs: UnsafeMutablePointer<Scalar>
  let batchTargets: UnsafeMutablePointer<Scalar>

  /// Buffers for `network` and batches of up to `capacity` samples (default 256).
  public init(network: Network, capacity: Int = 256) {
    precondition(capacity >= 1, "workspace capacity must be at least 1")
    self.network = network
    self.capacity = capacity
    func buffer(_ n: Int) -> UnsafeMutablePointer<Scalar> {
      let p = UnsafeMutablePointer<Scalar>.allocate(capacity: max(n, 1))
      p.initialize(repeating: 0, count: max(n, 1))
      return p
    }
    pre = network.layers.map { buffer(capacity * $0.outputs) }
    post = network.layers.dropLast().map { buffer(capacity * $0.outputs) }
    delta = buffer(capacity * network.maxWidth)
    delta2 = buffer(capacity * network.maxWidth)
    transposeScratch = buffer(network.layers.map(\.weightCount).max()!)
    batchInputs = buffer(capacity * network.inputCount)
    batchTargets = buffer(capacity)
  }

  deinit {
    for p in pre { p.deallocate() }
    for p in post { p.deallocate() }
    delta.deallocate()
    delta2.deallocate()
    transposeScratch.deallocate()
    batchInputs.deallocate()
    batchTargets.deallocate()
  }
}
