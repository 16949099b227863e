import DescentCore

/// Scratch memory of a line-search optimizer: one allocation made in `prepare(dimension:)`
/// and reused by every step, read and written through a raw pointer.
///
/// A class so that a step works on plain pointers into one block (no nested
/// `withUnsafeMutableBufferPointer` calls over several arrays, no per-array uniqueness
/// checks).
/// Optimizers keep value semantics by copy-on-write: a step first calls
/// ``makeUnique(_:)``, which copies the workspace if another copy of the optimizer shares it.
@usableFromInline
final class Workspace<Scalar: DescentScalar>: @unchecked Sendable {
  @usableFromInline let base: UnsafeMutablePointer<Scalar>
  @usableFromInline let count: Int

  @usableFromInline
  init(count: Int) {
    self.count = count
    base = UnsafeMutablePointer<Scalar>.allocate(capacity: Swift.max(count, 1))
    base.initialize(repeating: 0, count: Swift.max(count, 1))
  }

  deinit {
    base.deallocate()
  }

  /// A buffer view of `count` scalars starting at `offset`.
  @inlinable @inline(__always)
  func buffer(_ offset: Int, _ count: Int) -> UnsafeMutableBufferPointer<Scalar> {
    UnsafeMutableBufferPointer(start: base + offset, count: count)
  }

  /// Replaces `workspace` by a private copy if it is shared.
  @inlinable
  static func makeUnique(_ workspace: inout Workspace) {
    if !isKnownUniquelyReferenced(&workspace) {
      let copy = Workspace(count: workspace.count)
      copy.base.update(from: workspace.base, count: workspace.count)
      workspace = copy
    }
  }
}
