import Dispatch
import Synchronization

#if canImport(Glibc)
  import Glibc
#endif

/// How the fused optimizer updates split one step over threads.
///
/// An update is one pass over memory (read the parameter, the gradient and the state once,
/// write them once), so above a few hundred thousand parameters its speed is set by memory
/// bandwidth, and a second thread helps only as far as one core cannot saturate the memory
/// system. Below ``minimumElementsPerThread`` the update runs on the calling thread: waking
/// a worker costs more than it saves.
///
/// Both settings are process-wide (atomics) so a benchmark or a CLI flag can change them
/// without threading a value through every optimizer. Chunks are contiguous and start on
/// multiples of 64 elements, so threads never share a cache line and every chunk vectorises
/// like the single-threaded loop. Results do not depend on the thread count: every element's
/// update reads only its own parameter, gradient and state.
public enum UpdateParallelism {
  @usableFromInline
  static let threadLimit = Atomic<Int>(Swift.min(2, Swift.max(1, _activeProcessorCount())))
  @usableFromInline
  static let chunkThreshold = Atomic<Int>(1 << 17)

  /// The most threads one update uses. Default: 2, or 1 on a single-CPU machine.
  /// Values below 1 are treated as 1.
  public static var maximumThreads: Int {
    get { threadLimit.load(ordering: .relaxed) }
    set { threadLimit.store(Swift.max(1, newValue), ordering: .relaxed) }
  }

  /// The fewest elements worth giving a thread of its own. Default 131,072 (measured:
  /// below it the hand-off to a second thread costs more than the halved pass saves).
  public static var minimumElementsPerThread: Int {
    get { chunkThreshold.load(ordering: .relaxed) }
    set { chunkThreshold.store(Swift.max(1, newValue), ordering: .relaxed) }
  }

  /// The number of threads an update of `count` elements uses.
  @inlinable
  public static func threads(for count: Int) -> Int {
    Swift.max(1, Swift.min(maximumThreads, count / minimumElementsPerThread))
  }

  /// Calls `body` on disjoint ranges covering `0..<count`, concurrently when `count` is large.
  ///
  /// `body` must touch only the elements of the range it is given.
  @inlinable
  public static func forEachChunk(count: Int, _ body: (Range<Int>) -> Void) {
    let threads = threads(for: count)
    if threads <= 1 {
      body(0..<count)
      return
    }
    withoutActuallyEscaping(body) { body in
      let shared = _UncheckedSendableBox(body)
      DispatchQueue.concurrentPerform(iterations: threads) { t in
        let lower = t == 0 ? 0 : Swift.min(count, (count * t / threads) & ~63)
        let upper = t == threads - 1 ? count : Swift.min(count, (count * (t + 1) / threads) & ~63)
        if lower < upper { shared.value(lower..<upper) }
      }
    }
  }
}

/// Carries a non-`Sendable` value across a `concurrentPerform` boundary whose closures only
/// touch disjoint memory. Not API.
@usableFromInline
struct _UncheckedSendableBox<Value>: @unchecked Sendable {
  @usableFromInline let value: Value
  @inlinable init(_ value: Value) { self.value = value }
}

@usableFromInline
func _activeProcessorCount() -> Int {
  #if canImport(Glibc)
    return Int(sysconf(Int32(_SC_NPROCESSORS_ONLN)))
  #else
    return 1
  #endif
}
