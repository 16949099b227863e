import Testing
@testable import DescentLearning
import DescentCore

@Suite struct MatmulTests {
  /// Shapes covering full SIMD panels, column tails (n mod 16 and mod 8), row tails (m mod
  /// 4 for the Swift kernel, every m mod 6 for the AVX2 one), k blocking (k > 256, > 512)
  /// and the threaded path.
  static let shapes: [(Int, Int, Int)] = [
    (1, 1, 1), (3, 5, 7), (4, 16, 8), (5, 17, 3), (64, 10, 64), (7, 33, 300), (64, 128, 64), (130, 70, 90),
    (160, 130, 64), (6, 8, 1), (11, 24, 513), (2, 31, 257), (9, 40, 12),
  ]

  func check<S: DescentScalar>(
    _ type: S.Type, transposeA: Bool, transposeB: Bool, accumulate: Bool, threads: Int, portable: Bool = false
  ) {
    var rng = Xoshiro256(seed: 7)
    for (m, n, k) in Self.shapes {
      let a = (0..<(m * k)).map { _ in S(rng.uniform(-1, 1)) }
      let b = (0..<(k * n)).map { _ in S(rng.uniform(-1, 1)) }
      let c0 = (0..<(m * n)).map { _ in S(rng.uniform(-1, 1)) }
      var fast = c0
      var slow = c0
      a.withUnsafeBufferPointer { ap in
        b.withUnsafeBufferPointer { bp in
          fast.withUnsafeMutableBufferPointer {
            if portable {
              Matmul.multiplyPortable(
                ap.baseAddress!, bp.baseAddress!, into: $0.baseAddress!, m: m, n: n, k: k, transposeA: transposeA,
                transposeB: transposeB, accumulate: accumulate, threads: threads)
            } else {
              Matmul.multiply(
                ap.baseAddress!, bp.baseAddress!, into: $0.baseAddress!, m: m, n: n, k: k, transposeA: transposeA,
                transposeB: transposeB, accumulate: accumulate, threads: threads)
            }
          }
          slow.withUnsafeMutableBufferPointer {
            Matmul.naive(
              ap.baseAddress!, bp.baseAddress!, into: $0.baseAddress!, m: m, n: n, k: k, transposeA: transposeA,
              transposeB: transposeB, accumulate: accumulate)
          }
        }
      }
      // Same summation order (p = 0…k−1) per entry, so results agree to rounding of the
      // multiply-add fusion at most: a few ulps of the sum of |terms|.
      let eps = Double(S.ulpOfOne)
      var worst = 0.0
      for i in 0..<(m * n) {
        let err = abs(Double(fast[i] - slow[i])) / (Double(k) * eps * 4 + 1e-300)
        worst = max(worst, err)
      }
      #expect(
        worst <= 1,
        "m=\(m) n=\(n) k=\(k) tA=\(transposeA) tB=\(transposeB) acc=\(accumulate) portable=\(portable): error \(worst) × bound")
    }
  }

  @Test(arguments: [(false, false), (true, false), (false, true), (true, true)])
  func floatMatchesNaiveReference(transpose: (Bool, Bool)) {
    for acc in [false, true] {
      for threads in [1, 2] {
        check(Float.self, transposeA: transpose.0, transposeB: transpose.1, accumulate: acc, threads: threads)
      }
    }
  }

  @Test(arguments: [(false, false), (true, false), (false, true), (true, true)])
  func portableKernelMatchesNaiveReference(transpose: (Bool, Bool)) {
    for acc in [false, true] {
      check(Float.self, transposeA: transpose.0, transposeB: transpose.1, accumulate: acc, threads: 2, portable: true)
      check(Double.self, transposeA: transpose.0, transposeB: transpose.1, accumulate: acc, threads: 1, portable: true)
    }
  }

  @Test func nativeKernelsAreIndependentOfTheThreadSplit() {
    // Each entry is one register lane accumulating p = 0…k−1: splitting the columns over
    // threads must not change a bit.
    var rng = Xoshiro256(seed: 3)
    let (m, n, k) = (70, 200, 300)
    let a = (0..<(m * k)).map { _ in Float(rng.uniform(-1, 1)) }
    let b = (0..<(k * n)).map { _ in Float(rng.uniform(-1, 1)) }
    func product(threads: Int) -> [Float] {
      var c = [Float](repeating: 0, count: m * n)
      a.withUnsafeBufferPointer { ap in
        b.withUnsafeBufferPointer { bp in
          c.withUnsafeMutableBufferPointer {
            Matmul.multiply(ap.baseAddress!, bp.baseAddress!, into: $0.baseAddress!, m: m, n: n, k: k, threads: threads)
          }
        }
      }
      return c
    }
    let one = product(threads: 1)
    #expect(product(threads: 2).map(\.bitPattern) == one.map(\.bitPattern))
    #expect(product(threads: 3).map(\.bitPattern) == one.map(\.bitPattern))
  }

  @Test(arguments: [(false, false), (true, false), (false, true)])
  func doubleMatchesNaiveReference(transpose: (Bool, Bool)) {
    for acc in [false, true] {
      check(Double.self, transposeA: transpose.0, transposeB: transpose.1, accumulate: acc, threads: 2)
    }
  }

  @Test func emptyInnerDimensionGivesZeros() {
    var c: [Float] = [1, 2, 3, 4]
    let a: [Float] = []
    a.withUnsafeBufferPointer { ap in
      c.withUnsafeMutableBufferPointer {
        Matmul.multiply(ap.baseAddress ?? UnsafePointer(bitPattern: 8)!, ap.baseAddress ?? UnsafePointer(bitPattern: 8)!, into: $0.baseAddress!, m: 2, n: 2, k: 0)
      }
    }
    #expect(c == [0, 0, 0, 0])
  }
}
