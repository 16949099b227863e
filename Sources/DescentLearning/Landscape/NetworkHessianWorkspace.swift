import DescentCore

/// Preallocated buffers for a ``Network``'s exact Hessian-vector product (the R-operator
/// pass), used beside a ``NetworkWorkspace`` of the same capacity, so a product allocates
/// nothing.
///
/// Holds, for batches of up to ``capacity`` samples, every layer's tangents `R(z_l)` and
/// `R(a_l)` and two buffers for the back-propagated tangents `R(δ)`. One per thread, like
/// ``NetworkWorkspace``.
public final class NetworkHessianWorkspace<Scalar: DescentScalar>: @unchecked Sendable {
  public let network: Network
  /// The largest batch handled in one pass.
  public let capacity: Int
  let preTangent: [UnsafeMutablePointer<Scalar>]
  let postTangent: [UnsafeMutablePointer<Scalar>]
  let deltaTangent: UnsafeMutablePointer<Scalar>
  let deltaTangent2: UnsafeMutablePointer<Scalar>

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
    preTangent = network.layers.map { buffer(capacity * $0.outputs) }
    postTangent = network.layers.dropLast().map { buffer(capacity * $0.outputs) }
    deltaTangent = buffer(capacity * network.maxWidth)
    deltaTangent2 = buffer(capacity * network.maxWidth)
  }

  deinit {
    for p in preTangent { p.deallocate() }
    for p in postTangent { p.deallocate() }
    deltaTangent.deallocate()
    deltaTangent2.deallocate()
  }
}
