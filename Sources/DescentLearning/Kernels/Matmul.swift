import CDescentMatmul
import DescentCore
import Dispatch

/// Dense matrix multiplication, the hot path of every model: blocked, SIMD, and split over
/// two threads above a size threshold.
///
/// ```
/// C = op(A) · op(B)        (or C += op(A) · op(B) with accumulate)
/// op(A) is m×k: A stored row-major m×k, or k×m when transposeA (C = AᵀB)
/// op(B) is k×n: B stored row-major k×n, or n×k when transposeB (C = ABᵀ)
/// C is row-major m×n
/// ```
///
/// The kernel keeps a panel of `op(B)` (up to 256 rows × one SIMD width of columns) in
/// L1 and sweeps four rows of `op(A)` at a time against it, accumulating a 4 × width
/// block of `C` in registers (`SIMD16<Float>` / `SIMD8<Double>`: 64 bytes per row).
/// Column tails narrower than the SIMD width go through a zero-padded copy of the panel.
/// `transposeB` first transposes `B` into `scratch` (k·n scalars), which costs
/// `1/m` of the multiplication. Above ``parallelThreshold`` multiply–adds the columns
/// are split between ``threadCount`` threads (Dispatch `concurrentPerform`).
///
/// On x86-64 CPUs with AVX2 and FMA (checked at run time), `Float` and `Double` products go
/// to C micro-kernels instead (`CDescentMatmul`, compiled with per-function target
/// attributes): `6 × 16` (`Float`) or `6 × 8` (`Double`) blocks of C held in twelve `ymm`
/// registers, one broadcast of `A` and two loads of `B` per twelve fused multiply–adds,
/// `k` swept in blocks of 256 so the `B` panel stays in L1; partial column panels use
/// masked loads and stores. ``nativeKernelsEnabled`` switches them off (to compare).
///
/// Accumulation is in the scalar type, in the order `p = 0, 1, …, k−1` per entry, so
/// results are deterministic and independent of the thread count. (The AVX2 kernels fuse
/// each multiply–add, the Swift kernel rounds the product first: the two agree to rounding,
/// not bit for bit; a given machine always uses the same one.)
public enum Matmul {
  /// True when this CPU runs the AVX2+FMA kernels.
  public static let hasNativeKernels: Bool = descent_matmul_has_avx2_fma() != 0
  /// Use the AVX2+FMA kernels when the CPU has them (default true).
  nonisolated(unsafe) public static var nativeKernelsEnabled = true

  /// Multiply–adds (`m·n·k`) above which the work is split over threads. Measured with
  /// `descent bench matmul`: below ~128×128×64 the thread hand-off costs more than it saves.
  nonisolated(unsafe) public static var parallelThreshold = 1 << 20
  /// Threads used above the threshold (default 2).
  nonisolated(unsafe) public static var threadCount = 2

  /// `C = op(A)·op(B)` (or `+=` with `accumulate`). See ``Matmul``.
  ///
  /// - Parameters:
  ///   - scratch: `k·n` scalars, needed only when `transposeB`; when `nil` a temporary
  ///     buffer is allocated (pass one in hot loops).
  ///   - threads: Threads to use above the threshold (default ``threadCount``).
  @inlinable
  public static func multiply<S: DescentScalar>(
    _ a: UnsafePointer<S>, _ b: UnsafePointer<S>, into c: UnsafeMutablePointer<S>,
    m: Int, n: Int, k: Int, transposeA: Bool = false, transposeB: Bool = false,
    accumulate: Bool = false, scratch: UnsafeMutablePointer<S>? = nil, threads: Int? = nil
  ) {
    let threads = threads ?? threadCount
    precondition(m >= 0 && n >= 0 && k >= 0, "matrix sizes must be non-negative")
    if S.self == Float.self {
      multiplyFloat(
        UnsafeRawPointer(a).assumingMemoryBound(to: Float.self),
        UnsafeRawPointer(b).assumingMemoryBound(to: Float.self),
        into: UnsafeMutableRawPointer(c).assumingMemoryBound(to: Float.self), m: m, n: n, k: k,
        transposeA: transposeA, transposeB: transposeB, accumulate: accumulate,
        scratch: scratch.map { UnsafeMutableRawPointer($0).assumingMemoryBound(to: Float.self) }, threads: threads)
    } else if S.self == Double.self {
      multiplyDouble(
        UnsafeRawPointer(a).assumingMemoryBound(to: Double.self),
        UnsafeRawPointer(b).assumingMemoryBound(to: Double.self),
        into: UnsafeMutableRawPointer(c).assumingMemoryBound(to: Double.self), m: m, n: n, k: k,
        transposeA: transposeA, transposeB: transposeB, accumulate: accumulate,
        scratch: scratch.map { UnsafeMutableRawPointer($0).assumingMemoryBound(to: Double.self) }, threads: threads)
    } else {
      naive(a, b, into: c, m: m, n: n, k: k, transposeA: transposeA, transposeB: transposeB, accumulate: accumulate)
    }
  }

  /// The portable Swift kernel, whatever the CPU (tests check both kernels; the
  /// benchmark compares them).
  public static func multiplyPortable<S: DescentScalar>(
    _ a: UnsafePointer<S>, _ b: UnsafePointer<S>, into c: UnsafeMutablePointer<S>,
    m: Int, n: Int, k: Int, transposeA: Bool = false, transposeB: Bool = false,
    accumulate: Bool = false, scratch: UnsafeMutablePointer<S>? = nil, threads: Int? = nil
  ) {
    let threads = threads ?? threadCount
    if S.self == Float.self {
      run(
        UnsafeRawPointer(a).assumingMemoryBound(to: Float.self), UnsafeRawPointer(b).assumingMemoryBound(to: Float.self),
        into: UnsafeMutableRawPointer(c).assumingMemoryBound(to: Float.self), m: m, n: n, k: k,
        transposeA: transposeA, transposeB: transposeB, accumulate: accumulate,
        scratch: scratch.map { UnsafeMutableRawPointer($0).assumingMemoryBound(to: Float.self) }, threads: threads,
        vector: SIMD16<Float>.self)
    } else if S.self == Double.self {
      run(
        UnsafeRawPointer(a).assumingMemoryBound(to: Double.self), UnsafeRawPointer(b).assumingMemoryBound(to: Double.self),
        into: UnsafeMutableRawPointer(c).assumingMemoryBound(to: Double.self), m: m, n: n, k: k,
        transposeA: transposeA, transposeB: transposeB, accumulate: accumulate,
        scratch: scratch.map { UnsafeMutableRawPointer($0).assumingMemoryBound(to: Double.self) }, threads: threads,
        vector: SIMD8<Double>.self)
    } else {
      naive(a, b, into: c, m: m, n: n, k: k, transposeA: transposeA, transposeB: transposeB, accumulate: accumulate)
    }
  }

  /// The textbook triple loop (the reference the fast kernel is tested against).
  @inlinable
  public static func naive<S: DescentScalar>(
    _ a: UnsafePointer<S>, _ b: UnsafePointer<S>, into c: UnsafeMutablePointer<S>,
    m: Int, n: Int, k: Int, transposeA: Bool = false, transposeB: Bool = false, accumulate: Bool = false
  ) {
    for i in 0..<m {
      for j in 0..<n {
        var s: S = accumulate ? c[i * n + j] : 0
        for p in 0..<k {
          let x = transposeA ? a[p * m + i] : a[i * k + p]
          let y = transposeB ? b[j * k + p] : b[p * n + j]
          s += x * y
        }
        c[i * n + j] = s
      }
    }
  }

  @usableFromInline
  static func multiplyFloat(
    _ a: UnsafePointer<Float>, _ b: UnsafePointer<Float>, into c: UnsafeMutablePointer<Float>,
    m: Int, n: Int, k: Int, transposeA: Bool, transposeB: Bool, accumulate: Bool,
    scratch: UnsafeMutablePointer<Float>?, threads: Int
  ) {
    if hasNativeKernels && nativeKernelsEnabled {
      return native(
        a, b, into: c, m: m, n: n, k: k, transposeA: transposeA, transposeB: transposeB, accumulate: accumulate,
        scratch: scratch, threads: threads, panelWidth: 16, kernel: descent_sgemm_avx2_fma)
    }
    run(a, b, into: c, m: m, n: n, k: k, transposeA: transposeA, transposeB: transposeB,
        accumulate: accumulate, scratch: scratch, threads: threads, vector: SIMD16<Float>.self)
  }

  @usableFromInline
  static func multiplyDouble(
    _ a: UnsafePointer<Double>, _ b: UnsafePointer<Double>, into c: UnsafeMutablePointer<Double>,
    m: Int, n: Int, k: Int, transposeA: Bool, transposeB: Bool, accumulate: Bool,
    scratch: UnsafeMutablePointer<Double>?, threads: Int
  ) {
    if hasNativeKernels && nativeKernelsEnabled {
      return native(
        a, b, into: c, m: m, n: n, k: k, transposeA: transposeA, transposeB: transposeB, accumulate: accumulate,
        scratch: scratch, threads: threads, panelWidth: 8, kernel: descent_dgemm_avx2_fma)
    }
    run(a, b, into: c, m: m, n: n, k: k, transposeA: transposeA, transposeB: transposeB,
        accumulate: accumulate, scratch: scratch, threads: threads, vector: SIMD8<Double>.self)
  }

  @inline(__always)
  static func run<V: SIMD>(
    _ a: UnsafePointer<V.Scalar>, _ b: UnsafePointer<V.Scalar>, into c: UnsafeMutablePointer<V.Scalar>,
    m: Int, n: Int, k: Int, transposeA: Bool, transposeB: Bool, accumulate: Bool,
    scratch: UnsafeMutablePointer<V.Scalar>?, threads threadLimit: Int, vector: V.Type
  ) where V.Scalar: BinaryFloatingPoint & SendableMetatype, V: SendableMetatype {
    if m == 0 || n == 0 { return }
    if k == 0 {
      if !accumulate { c.update(repeating: 0, count: m * n) }
      return
    }
    if transposeB {
      // Bᵀ (n×k) → k×n, then multiply plainly.
      let t = scratch ?? UnsafeMutablePointer<V.Scalar>.allocate(capacity: k * n)
      defer { if scratch == nil { t.deallocate() } }
      transpose(b, rows: n, columns: k, into: t)
      run(a, UnsafePointer(t), into: c, m: m, n: n, k: k, transposeA: transposeA, transposeB: false,
          accumulate: accumulate, scratch: nil, threads: threadLimit, vector: V.self)
      return
    }
    // A(r, p) = a[r * rowStride + p * columnStride]
    let rowStride = transposeA ? 1 : k
    let columnStride = transposeA ? m : 1
    let width = V.scalarCount
    let panels = (n + width - 1) / width
    let work = m * n * k
    let threads = work >= parallelThreshold && panels >= 2 ? min(threadLimit, panels) : 1
    if threads <= 1 {
      panelRange(0..<panels, a, rowStride, columnStride, b, c, m: m, n: n, k: k, accumulate: accumulate, vector: V.self)
    } else {
      let aAddress = UInt(bitPattern: a)
      let bAddress = UInt(bitPattern: b)
      let cAddress = UInt(bitPattern: c)
      DispatchQueue.concurrentPerform(iterations: threads) { t in
        let lo = panels * t / threads
        let hi = panels * (t + 1) / threads
        panelRange(
          lo..<hi, UnsafePointer(bitPattern: aAddress)!, rowStride, columnStride,
          UnsafePointer(bitPattern: bAddress)!, UnsafeMutablePointer(bitPattern: cAddress)!,
          m: m, n: n, k: k, accumulate: accumulate, vector: V.self)
      }
    }
  }

  /// The C kernels' signature: `(a, rowStrideA, columnStrideA, b, ldb, c, ldc, m, j0, j1, k, accumulate)`.
  typealias NativeKernel<T> = @Sendable (
    UnsafePointer<T>?, Int, Int, UnsafePointer<T>?, Int, UnsafeMutablePointer<T>?, Int, Int, Int, Int, Int, Int32
  ) -> Void

  /// The product through an AVX2+FMA kernel, split by column panels over threads like the
  /// Swift kernel.
  @inline(__always)
  static func native<T: BinaryFloatingPoint & SendableMetatype>(
    _ a: UnsafePointer<T>, _ b: UnsafePointer<T>, into c: UnsafeMutablePointer<T>,
    m: Int, n: Int, k: Int, transposeA: Bool, transposeB: Bool, accumulate: Bool,
    scratch: UnsafeMutablePointer<T>?, threads threadLimit: Int, panelWidth: Int, kernel: NativeKernel<T>
  ) {
    if m == 0 || n == 0 { return }
    if k == 0 {
      if !accumulate { c.update(repeating: 0, count: m * n) }
      return
    }
    var b = b
    var temporary: UnsafeMutablePointer<T>? = nil
    defer { temporary?.deallocate() }
    if transposeB {
      // Bᵀ (n×k) → k×n, then multiply plainly.
      let t = scratch ?? UnsafeMutablePointer<T>.allocate(capacity: k * n)
      if scratch == nil { temporary = t }
      if T.self == Float.self {
        descent_transpose_f32(
          UnsafeRawPointer(b).assumingMemoryBound(to: Float.self), n, k,
          UnsafeMutableRawPointer(t).assumingMemoryBound(to: Float.self))
      } else {
        transpose(b, rows: n, columns: k, into: t)
      }
      b = UnsafePointer(t)
    }
    let rowStride = transposeA ? 1 : k
    let columnStride = transposeA ? m : 1
    let panels = (n + panelWidth - 1) / panelWidth
    let threads = m * n * k >= parallelThreshold && panels >= 2 ? min(threadLimit, panels) : 1
    let flag: Int32 = accumulate ? 1 : 0
    if threads <= 1 {
      kernel(a, rowStride, columnStride, b, n, c, n, m, 0, n, k, flag)
      return
    }
    let (aAddress, bAddress, cAddress) = (UInt(bitPattern: a), UInt(bitPattern: b), UInt(bitPattern: c))
    DispatchQueue.concurrentPerform(iterations: threads) { t in
      let lo = panels * t / threads * panelWidth
      let hi = min(panels * (t + 1) / threads * panelWidth, n)
      kernel(
        UnsafePointer<T>(bitPattern: aAddress), rowStride, columnStride, UnsafePointer<T>(bitPattern: bAddress), n,
        UnsafeMutablePointer<T>(bitPattern: cAddress), n, m, lo, hi, k, flag)
    }
  }

  /// `rows × columns` row-major → `columns × rows` row-major, in 8×8 tiles.
  @inline(__always)
  static func transpose<T>(_ src: UnsafePointer<T>, rows: Int, columns: Int, into dst: UnsafeMutablePointer<T>) {
    let tile = 8
    var i0 = 0
    while i0 < rows {
      let i1 = min(i0 + tile, rows)
      var j0 = 0
      while j0 < columns {
        let j1 = min(j0 + tile, columns)
        for i in i0..<i1 {
          for j in j0..<j1 { dst[j * rows + i] = src[i * columns + j] }
        }
        j0 = j1
      }
      i0 = i1
    }
  }

  /// Computes the column panels `panels` of C (each one SIMD width wide).
  @inline(__always)
  static func panelRange<V: SIMD>(
    _ panels: Range<Int>, _ a: UnsafePointer<V.Scalar>, _ rowStride: Int, _ columnStride: Int,
    _ b: UnsafePointer<V.Scalar>, _ c: UnsafeMutablePointer<V.Scalar>,
    m: Int, n: Int, k: Int, accumulate: Bool, vector: V.Type
  ) where V.Scalar: BinaryFloatingPoint {
    let width = V.scalarCount
    let kBlock = 256
    // A zero-padded copy of a partial panel (k rows × width), on the stack when small.
    withUnsafeTemporaryAllocation(of: V.self, capacity: min(k, kBlock)) { padded in
      for panel in panels {
        let j0 = panel * width
        let cols = min(width, n - j0)
        var p0 = 0
        while p0 < k {
          let pCount = min(kBlock, k - p0)
          let first = p0 == 0 && !accumulate
          // B panel rows p0..<p0+pCount, columns j0..<j0+cols.
          let bPanel: UnsafeRawPointer
          let bStride: Int  // in scalars
          if cols == width {
            bPanel = UnsafeRawPointer(b + p0 * n + j0)
            bStride = n
          } else {
            for p in 0..<pCount {
              var v = V()
              for j in 0..<cols { v[j] = b[(p0 + p) * n + j0 + j] }
              padded[p] = v
            }
            bPanel = UnsafeRawPointer(padded.baseAddress!)
            bStride = width
          }
          var i = 0
          while i + 4 <= m {
            kernel4(
              a + i * rowStride + p0 * columnStride, rowStride, columnStride, bPanel, bStride,
              c + i * n + j0, n, cols: cols, count: pCount, overwrite: first, vector: V.self)
            i += 4
          }
          while i < m {
            kernel1(
              a + i * rowStride + p0 * columnStride, columnStride, bPanel, bStride,
              c + i * n + j0, cols: cols, count: pCount, overwrite: first, vector: V.self)
            i += 1
          }
          p0 += pCount
        }
      }
    }
  }

  /// A 4 × width block of C: `C[r, :] (+)= Σ_p A(r, p) · Bpanel[p, :]`.
  @inline(__always)
  static func kernel4<V: SIMD>(
    _ a: UnsafePointer<V.Scalar>, _ rowStride: Int, _ columnStride: Int,
    _ bPanel: UnsafeRawPointer, _ bStride: Int, _ c: UnsafeMutablePointer<V.Scalar>, _ ldc: Int,
    cols: Int, count: Int, overwrite: Bool, vector: V.Type
  ) where V.Scalar: BinaryFloatingPoint {
    let size = MemoryLayout<V.Scalar>.stride
    var c0 = V(), c1 = V(), c2 = V(), c3 = V()
    let a0 = a, a1 = a + rowStride, a2 = a + 2 * rowStride, a3 = a + 3 * rowStride
    for p in 0..<count {
      let bv = bPanel.loadUnaligned(fromByteOffset: p * bStride * size, as: V.self)
      let o = p * columnStride
      c0 += bv * a0[o]
      c1 += bv * a1[o]
      c2 += bv * a2[o]
      c3 += bv * a3[o]
    }
    store(c0, c, cols: cols, overwrite: overwrite)
    store(c1, c + ldc, cols: cols, overwrite: overwrite)
    store(c2, c + 2 * ldc, cols: cols, overwrite: overwrite)
    store(c3, c + 3 * ldc, cols: cols, overwrite: overwrite)
  }

  /// One row of C against the panel.
  @inline(__always)
  static func kernel1<V: SIMD>(
    _ a: UnsafePointer<V.Scalar>, _ columnStride: Int, _ bPanel: UnsafeRawPointer, _ bStride: Int,
    _ c: UnsafeMutablePointer<V.Scalar>, cols: Int, count: Int, overwrite: Bool, vector: V.Type
  ) where V.Scalar: BinaryFloatingPoint {
    let size = MemoryLayout<V.Scalar>.stride
    var c0 = V()
    for p in 0..<count {
      let bv = bPanel.loadUnaligned(fromByteOffset: p * bStride * size, as: V.self)
      c0 += bv * a[p * columnStride]
    }
    store(c0, c, cols: cols, overwrite: overwrite)
  }

  @inline(__always)
  static func store<V: SIMD>(_ v: V, _ c: UnsafeMutablePointer<V.Scalar>, cols: Int, overwrite: Bool)
  where V.Scalar: BinaryFloatingPoint {
    if cols == V.scalarCount {
      let raw = UnsafeMutableRawPointer(c)
      if overwrite {
        raw.storeBytes(of: v, as: V.self)
      } else {
        raw.storeBytes(of: raw.loadUnaligned(as: V.self) + v, as: V.self)
      }
    } else if overwrite {
      for j in 0..<cols { c[j] = v[j] }
    } else {
      for j in 0..<cols { c[j] += v[j] }
    }
  }
}
