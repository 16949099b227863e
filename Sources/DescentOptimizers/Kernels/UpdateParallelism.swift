import CDescentKernels
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
/// Threads come from a persistent pool (CDescentKernels.c): after a step a worker spins for
/// about 0.3 ms, so that back-to-back steps find it awake, then sleeps. The range is cut
/// into blocks of ``blockSize`` elements (multiples of 64, so threads share no cache line
/// inside a block run) that the calling thread and the workers claim in turn; a worker
/// that wakes late leaves more blocks to the caller instead of stalling the step. Results
/// never depend on the thread count or on who took which block: every element's update
/// reads only its own parameter, gradient and state.
///
/// Both settings are process-wide (atomics) so a benchmark or a CLI flag can change them
/// without threading a value through every optimizer.
public enum UpdateParallelism {
  @usableFromInline
  static let threadLimit = Atomic<Int>(Swift.min(2, Swift.max(1, _activeProcessorCount())))
  @usableFromInline
  static let chunkThreshold = Atomic<Int>(1 << 16)

  /// The most threads one update uses. Default: 2, or 1 on a single-CPU machine.
  /// Values below 1 are treated as 1.
  public static var maximumThreads: Int {
    @inlinable get { threadLimit.load(ordering: .relaxed) }
    set { threadLimit.store(Swift.max(1, newValue), ordering: .relaxed) }
  }

  /// The fewest elements worth giving a thread of its own. Default 65,536.
  public static var minimumElementsPerThread: Int {
    @inlinable get { chunkThreshold.load(ordering: .relaxed) }
    set { chunkThreshold.store(Swift.max(1, newValue), ordering: .relaxed) }
  }

  /// Elements per block that one thread claims at a time: 32,768 (128 KiB of each float32
  /// array), fewer when that would leave a thread without a block; a multiple of 64.
  @inlinable
  public static func blockSize(count: Int, threads: Int) -> Int {
    let share = (count / Swift.max(1, threads)) & ~63
    return Swift.max(64, Swift.min(1 << 15, share))
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
    // Small updates (every step of a low-dimensional problem) go straight to `body`
    // without the division in `threads(for:)`.
    if count < 2 * minimumElementsPerThread {
      body(0..<count)
      return
    }
    let threads = threads(for: count)
    if threads <= 1 {
      body(0..<count)
      return
    }
    withoutActuallyEscaping(body) { body in
      var closure = body
      withUnsafeMutablePointer(to: &closure) { context in
        descent_parallel_for(
          count, Int32(threads), blockSize(count: count, threads: threads),
          { context, lower, upper in
            context.unsafelyUnwrapped.assumingMemoryBound(to: ((Range<Int>) -> Void).self).pointee(lower..<upper)
          }, context)
      }
    }
  }
}

@usableFromInline
func _activeProcessorCount() -> Int {
  #if canImport(Glibc)
    return Int(sysconf(Int32(_SC_NPROCESSORS_ONLN)))
  #else
    return 1
  #endif
}
