import RealModule

/// Eigenvalues (ascending) and orthonormal eigenvectors of a dense real symmetric matrix.
///
/// ```
/// A = V · diag(λ₁ ≤ λ₂ ≤ … ≤ λₙ) · Vᵀ,   VᵀV = I
/// ```
///
/// ## Method
/// Householder reduction to tridiagonal form followed by the implicit QL algorithm with
/// Wilkinson-type shifts (EISPACK `tred2` + `tql2`, as in JAMA and Numerical Recipes
/// §11.2–11.3). It costs about `9n³` flops with eigenvectors, against `≈ 6n³` per sweep
/// (and 6–10 sweeps) for cyclic Jacobi, so it stays fast for the `n ≤ ~300` Hessians the
/// analysis forms (finite-difference Hessians up to `n = 100`, model Hessians). Both
/// methods are backward stable: the computed eigenvalues are exact for a matrix within
/// `O(ε)·‖A‖₂` of `A`, so each eigenvalue is accurate to a few units of `ε·‖A‖₂`
/// (the bound LAPACK's `dsyev`, and so `numpy.linalg.eigh`, also meets; checked against it
/// to `1e-12·‖A‖₂` in the tests). An eigenvector's accuracy is `ε·‖A‖₂ / gap`, where
/// `gap` is the distance to the nearest other eigenvalue.
///
/// All arithmetic is in `Double` (a `Float` matrix is widened first).
///
/// ## Input and edge cases
/// - The matrix is row-major `n × n` and is symmetrized as `(A + Aᵀ)/2` before reduction,
///   so finite-difference Hessians that are symmetric only up to rounding are accepted.
/// - A matrix with a NaN or infinite entry gives NaN eigenvalues and eigenvectors (no trap,
///   no hang); check ``isFinite``.
/// - `n = 0` is a programmer error (precondition).
public struct SymmetricEigen: Sendable, Equatable {
  /// `n`.
  public let dimension: Int
  /// The eigenvalues in ascending order.
  public let eigenvalues: [Double]
  /// The eigenvectors as the columns of a row-major `n × n` matrix: eigenvector `k` (for
  /// `eigenvalues[k]`) is `eigenvectors[i * n + k]`, `i = 0..<n`, of unit length.
  public let eigenvectors: [Double]

  /// Decomposes the row-major symmetric matrix `matrix` of size `dimension × dimension`.
  /// - Complexity: `O(n³)` time, `O(n²)` memory.
  public init(symmetric matrix: [Double], dimension n: Int) {
    precondition(n > 0, "SymmetricEigen: dimension must be positive")
    precondition(matrix.count == n * n, "SymmetricEigen: expected \(n * n) entries, found \(matrix.count)")
    self.dimension = n
    if !matrix.allSatisfy(\.isFinite) {
      eigenvalues = [Double](repeating: .nan, count: n)
      eigenvectors = [Double](repeating: .nan, count: n * n)
      return
    }
    var v = matrix
    for i in 0..<n {
      for j in 0..<i {
        let s = (v[i * n + j] + v[j * n + i]) / 2
        v[i * n + j] = s
        v[j * n + i] = s
      }
    }
    var d = [Double](repeating: 0, count: n)
    var e = [Double](repeating: 0, count: n)
    v.withUnsafeMutableBufferPointer { vp in
      d.withUnsafeMutableBufferPointer { dp in
        e.withUnsafeMutableBufferPointer { ep in
          EigenKernels.householderTridiagonalize(vp, n: n, d: dp, e: ep)
          // tred2 leaves the subdiagonal in e[1..<n]; tql2 wants it in e[0..<n-1].
          for i in 1..<Swift.max(n, 1) { ep[i - 1] = ep[i] }
          ep[n - 1] = 0
          EigenKernels.implicitQL(d: dp, e: ep, z: vp, zRows: n)
        }
      }
    }
    let (values, vectors) = EigenKernels.sortAscending(d: d, z: v, zRows: n)
    eigenvalues = values
    eigenvectors = vectors
  }

  /// Decomposes a row-major symmetric matrix of any ``DescentScalar`` (widened to `Double`).
  public init<S: DescentScalar>(symmetric matrix: UnsafeBufferPointer<S>, dimension n: Int) {
    self.init(symmetric: matrix.map { Double($0) }, dimension: n)
  }

  /// Decomposes a row-major symmetric matrix of any ``DescentScalar`` (widened to `Double`).
  public init<S: DescentScalar>(symmetric matrix: [S], dimension n: Int) {
    self.init(symmetric: matrix.map { Double($0) }, dimension: n)
  }

  /// Eigenvector `k` (for `eigenvalues[k]`) as a new array of unit length.
  public func eigenvector(_ k: Int) -> [Double] {
    precondition(k >= 0 && k < dimension, "eigenvector index \(k) out of range 0..<\(dimension)")
    return (0..<dimension).map { eigenvectors[$0 * dimension + k] }
  }

  /// The smallest eigenvalue `λ₁`.
  public var minEigenvalue: Double { eigenvalues[0] }
  /// The largest eigenvalue `λₙ`.
  public var maxEigenvalue: Double { eigenvalues[dimension - 1] }
  /// `‖A‖₂ = max |λᵢ|`.
  public var spectralNorm: Double { Swift.max(eigenvalues[0].magnitude, eigenvalues[dimension - 1].magnitude) }
  /// False when the input had a NaN or infinite entry.
  public var isFinite: Bool { eigenvalues.allSatisfy(\.isFinite) }
}

/// Eigenvalues of a symmetric tridiagonal matrix, with either the first component of each
/// eigenvector or the whole eigenvectors.
///
/// ```
///     ⎡ α₁ β₁          ⎤
/// T = ⎢ β₁ α₂ β₂       ⎥ = Z · diag(θ₁ ≤ … ≤ θₖ) · Zᵀ
///     ⎢    ⋱  ⋱  ⋱     ⎥
///     ⎣       βₖ₋₁ αₖ  ⎦
/// ```
///
/// This is what Lanczos needs: the eigenvalues `θⱼ` of the Lanczos matrix are the Ritz
/// values, and the squared first components `Z₁ⱼ²` are the Gauss quadrature weights of
/// stochastic Lanczos quadrature (Golub & Welsch 1969). Tracking only the first row of `Z`
/// costs `O(k²)` instead of `O(k³)`. Method: implicit QL (EISPACK `tql2`), accurate to
/// a few `ε·‖T‖₂`.
public struct SymmetricTridiagonalEigen: Sendable, Equatable {
  /// How much of the eigenvectors to compute.
  public enum Vectors: Sendable {
    /// Only `Z₁ⱼ`, the first component of each eigenvector.
    case firstComponents
    /// The whole eigenvectors.
    case all
  }

  /// `k`.
  public let dimension: Int
  /// The eigenvalues in ascending order.
  public let eigenvalues: [Double]
  /// `Z₁ⱼ`: the first component of each unit eigenvector (sign as computed).
  public let firstComponents: [Double]
  /// With ``Vectors/all``: the eigenvectors as columns of a row-major `k × k` matrix (as in
  /// ``SymmetricEigen/eigenvectors``); empty with ``Vectors/firstComponents``.
  public let eigenvectors: [Double]

  /// - Parameters:
  ///   - diagonal: `α₁ … αₖ` (`k ≥ 1`).
  ///   - offDiagonal: `β₁ … βₖ₋₁`.
  ///   - vectors: what to compute besides the eigenvalues. Default ``Vectors/firstComponents``.
  /// Non-finite input gives NaN results.
  public init(diagonal: [Double], offDiagonal: [Double], vectors: Vectors = .firstComponents) {
    let k = diagonal.count
    precondition(k > 0, "SymmetricTridiagonalEigen: the diagonal is empty")
    precondition(
      offDiagonal.count == k - 1,
      "SymmetricTridiagonalEigen: \(k) diagonal entries need \(k - 1) off-diagonal ones, found \(offDiagonal.count)")
    dimension = k
    let rows = vectors == .all ? k : 1
    if !(diagonal.allSatisfy(\.isFinite) && offDiagonal.allSatisfy(\.isFinite)) {
      eigenvalues = [Double](repeating: .nan, count: k)
      firstComponents = [Double](repeating: .nan, count: k)
      eigenvectors = vectors == .all ? [Double](repeating: .nan, count: k * k) : []
      return
    }
    var d = diagonal
    var e = offDiagonal + [0]
    var z = [Double](repeating: 0, count: rows * k)
    for i in 0..<rows { z[i * k + i] = 1 }
    d.withUnsafeMutableBufferPointer { dp in
      e.withUnsafeMutableBufferPointer { ep in
        z.withUnsafeMutableBufferPointer { zp in
          EigenKernels.implicitQL(d: dp, e: ep, z: zp, zRows: rows)
        }
      }
    }
    let (values, sorted) = EigenKernels.sortAscending(d: d, z: z, zRows: rows)
    eigenvalues = values
    firstComponents = Array(sorted[0..<k])
    eigenvectors = vectors == .all ? sorted : []
  }

  /// Eigenvector `j` as a new array (requires ``Vectors/all``).
  public func eigenvector(_ j: Int) -> [Double] {
    precondition(!eigenvectors.isEmpty, "eigenvectors were not computed (use vectors: .all)")
    return (0..<dimension).map { eigenvectors[$0 * dimension + j] }
  }
}

/// The EISPACK kernels behind ``SymmetricEigen`` and ``SymmetricTridiagonalEigen``.
@usableFromInline
enum EigenKernels {
  /// Householder reduction of the symmetric matrix in `v` (row-major, lower triangle used)
  /// to tridiagonal form (EISPACK `tred2`, after JAMA). On return `d` holds the diagonal,
  /// `e[1..<n]` the subdiagonal (`e[0] = 0`) and `v` the orthogonal transformation.
  static func householderTridiagonalize(
    _ v: UnsafeMutableBufferPointer<Double>, n: Int, d: UnsafeMutableBufferPointer<Double>,
    e: UnsafeMutableBufferPointer<Double>
  ) {
    for j in 0..<n { d[j] = v[(n - 1) * n + j] }
    var i = n - 1
    while i > 0 {
      var scale = 0.0
      var h = 0.0
      for k in 0..<i { scale += d[k].magnitude }
      if scale == 0 {
        e[i] = d[i - 1]
        for j in 0..<i {
          d[j] = v[(i - 1) * n + j]
          v[i * n + j] = 0
          v[j * n + i] = 0
        }
      } else {
        for k in 0..<i {
          d[k] /= scale
          h += d[k] * d[k]
        }
        var f = d[i - 1]
        var g = h.squareRoot()
        if f > 0 { g = -g }
        e[i] = scale * g
        h -= f * g
        d[i - 1] = f - g
        for j in 0..<i { e[j] = 0 }
        for j in 0..<i {
          f = d[j]
          v[j * n + i] = f
          g = e[j] + v[j * n + j] * f
          var k = j + 1
          while k <= i - 1 {
            g += v[k * n + j] * d[k]
            e[k] += v[k * n + j] * f
            k += 1
          }
          e[j] = g
        }
        f = 0
        for j in 0..<i {
          e[j] /= h
          f += e[j] * d[j]
        }
        let hh = f / (h + h)
        for j in 0..<i { e[j] -= hh * d[j] }
        for j in 0..<i {
          f = d[j]
          g = e[j]
          for k in j..<i { v[k * n + j] -= f * e[k] + g * d[k] }
          d[j] = v[(i - 1) * n + j]
          v[i * n + j] = 0
        }
      }
      d[i] = h
      i -= 1
    }
    // Accumulate the transformations.
    for i in 0..<(n - 1) {
      v[(n - 1) * n + i] = v[i * n + i]
      v[i * n + i] = 1
      let h = d[i + 1]
      if h != 0 {
        for k in 0...i { d[k] = v[k * n + i + 1] / h }
        for j in 0...i {
          var g = 0.0
          for k in 0...i { g += v[k * n + i + 1] * v[k * n + j] }
          for k in 0...i { v[k * n + j] -= g * d[k] }
        }
      }
      for k in 0...i { v[k * n + i + 1] = 0 }
    }
    for j in 0..<n {
      d[j] = v[(n - 1) * n + j]
      v[(n - 1) * n + j] = 0
    }
    v[(n - 1) * n + (n - 1)] = 1
    e[0] = 0
  }

  /// Implicit QL iteration on the tridiagonal matrix with diagonal `d` and off-diagonal
  /// `e[0..<n-1]` (`e[n-1] = 0`), EISPACK `tql2`. The rotations are applied to the `zRows`
  /// rows of the row-major `zRows × n` matrix `z` (all rows for eigenvectors, one row for
  /// first components only). On return `d` holds the (unsorted) eigenvalues.
  /// Gives up on a block after `30·n` sweeps (never reached for finite input in practice);
  /// the values are then left as NaN rather than looping forever.
  static func implicitQL(
    d: UnsafeMutableBufferPointer<Double>, e: UnsafeMutableBufferPointer<Double>,
    z: UnsafeMutableBufferPointer<Double>, zRows: Int
  ) {
    let n = d.count
    var f = 0.0
    var tst1 = 0.0
    let eps = Double.ulpOfOne
    for l in 0..<n {
      tst1 = Swift.max(tst1, d[l].magnitude + e[l].magnitude)
      var m = l
      while m < n - 1 {
        if e[m].magnitude <= eps * tst1 { break }
        m += 1
      }
      if m > l {
        var iterations = 0
        repeat {
          iterations += 1
          if iterations > 30 * n {
            for i in 0..<n { d[i] = .nan }
            for i in 0..<z.count { z[i] = .nan }
            return
          }
          // Implicit shift from the leading 2×2 block.
          var g = d[l]
          var p = (d[l + 1] - g) / (2 * e[l])
          var r = Double.hypot(p, 1)
          if p < 0 { r = -r }
          d[l] = e[l] / (p + r)
          d[l + 1] = e[l] * (p + r)
          let dl1 = d[l + 1]
          var h = g - d[l]
          var i = l + 2
          while i < n {
            d[i] -= h
            i += 1
          }
          f += h
          // Implicit QL transformation.
          p = d[m]
          var c = 1.0
          var c2 = c
          var c3 = c
          let el1 = e[l + 1]
          var s = 0.0
          var s2 = 0.0
          i = m - 1
          while i >= l {
            c3 = c2
            c2 = c
            s2 = s
            g = c * e[i]
            h = c * p
            r = Double.hypot(p, e[i])
            e[i + 1] = s * r
            s = e[i] / r
            c = p / r
            p = c * d[i] - s * g
            d[i + 1] = h + s * (c * g + s * d[i])
            for k in 0..<zRows {
              let zi1 = z[k * n + i + 1]
              let zi = z[k * n + i]
              z[k * n + i + 1] = s * zi + c * zi1
              z[k * n + i] = c * zi - s * zi1
            }
            i -= 1
          }
          p = -s * s2 * c3 * el1 * e[l] / dl1
          e[l] = s * p
          d[l] = c * p
        } while e[l].magnitude > eps * tst1
      }
      d[l] += f
      e[l] = 0
    }
  }

  /// Sorts `d` ascending and permutes the columns of the `zRows × n` matrix `z` to match.
  static func sortAscending(d: [Double], z: [Double], zRows: Int) -> ([Double], [Double]) {
    let n = d.count
    let order = (0..<n).sorted { d[$0] < d[$1] || (d[$0] == d[$1] && $0 < $1) }
    var sortedZ = [Double](repeating: 0, count: z.count)
    for (newColumn, oldColumn) in order.enumerated() {
      for k in 0..<zRows { sortedZ[k * n + newColumn] = z[k * n + oldColumn] }
    }
    return (order.map { d[$0] }, sortedZ)
  }
}
