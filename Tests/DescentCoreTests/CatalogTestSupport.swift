import DescentCore
import Foundation

/// The reference data written by `scripts/catalog_critical_points.py`.
struct CatalogReference: Decodable {
  struct Point: Decodable {
    var x: [Double]
    var value: Double
    var kind: String
    var eigenvalues: [Double]?
  }

  struct Sample: Decodable {
    var x: [Double]
    var value: Double
  }

  struct Instance: Decodable {
    var dimension: Int
    var formula: String
    var window: [[Double]]
    var samples: [Sample]
    var criticalPoints: [Point]?
    var criticalPointsComplete: Bool?
    var globalMinima: [Point]?
    var globalMinimaFormula: [Point]?
  }

  struct Function: Decodable {
    var family: String
    var instances: [String: Instance]
  }

  var functions: [String: Function]

  static let shared: CatalogReference = {
    guard let url = Bundle.module.url(forResource: "catalog_reference", withExtension: "json", subdirectory: "Fixtures")
    else { fatalError("Fixtures/catalog_reference.json is missing from the test bundle") }
    do {
      return try JSONDecoder().decode(CatalogReference.self, from: Data(contentsOf: url))
    } catch {
      fatalError("cannot read catalog_reference.json: \(error)")
    }
  }()

  /// The instances of `name`, by dimension (fixed n, or 2 and 5 for N-D functions).
  static func instances(of name: String) -> [(dimension: Int, instance: Instance)] {
    guard let f = shared.functions[name] else { return [] }
    return f.instances.values.map { ($0.dimension, $0) }.sorted { $0.dimension < $1.dimension }
  }
}


/// A stable seed per function name (FNV-1a), so that adding a function does not move the
/// points of the others.
func seed(for name: String) -> UInt64 {
  var h: UInt64 = 0xcbf2_9ce4_8422_2325
  for b in name.utf8 { h = (h ^ UInt64(b)) &* 0x100_0000_01b3 }
  return h
}

/// Uniform random points in a box.
func randomPoints(in box: [ClosedRange<Double>], count: Int, seed: UInt64) -> [[Double]] {
  var rng = SeededGenerator(seed: seed)
  return (0..<count).map { _ in box.map { Double.random(in: $0, using: &rng) } }
}

/// The dimensions each function is tested at: its fixed n, or 2 and 5.
func testedDimensions(_ f: TestFunction) -> [Int] {
  f.dimension.isVariable ? [Swift.max(2, f.dimension.minimum), 5] : [f.dimension.defaultValue]
}

/// Eigenvalues of a symmetric matrix (row-major n×n) by cyclic Jacobi rotations.
func symmetricEigenvalues(_ a: [Double], n: Int) -> [Double] {
  var m = a
  for _ in 0..<100 {
    var off = 0.0
    for i in 0..<n { for j in 0..<n where i != j { off += m[i * n + j] * m[i * n + j] } }
    if off == 0 || off.squareRoot() <= 1e-300 { break }
    for p in 0..<n {
      for q in (p + 1)..<n where m[p * n + q] != 0 {
        let theta = (m[q * n + q] - m[p * n + p]) / (2 * m[p * n + q])
        let t = (theta >= 0 ? 1.0 : -1.0) / (abs(theta) + (theta * theta + 1).squareRoot())
        let c = 1 / (t * t + 1).squareRoot()
        let s = t * c
        for k in 0..<n {
          let mkp = m[k * n + p], mkq = m[k * n + q]
          m[k * n + p] = c * mkp - s * mkq
          m[k * n + q] = s * mkp + c * mkq
        }
        for k in 0..<n {
          let mpk = m[p * n + k], mqk = m[q * n + k]
          m[p * n + k] = c * mpk - s * mqk
          m[q * n + k] = s * mpk + c * mqk
        }
      }
    }
  }
  return (0..<n).map { m[$0 * n + $0] }.sorted()
}

/// The relative size below which a Double eigenvalue cannot be told from zero: eigenvalues
/// of a Hessian evaluated in Double carry absolute errors of about ε·max|λ| (ε = 2.2e-16),
/// so anything below 1000 ε·max|λ| ≈ 2.2e-13·max|λ| is zero to Double precision.
let eigenvalueResolution = 1000 * Double.ulpOfOne

/// The kind the Hessian's eigenvalues say: degenerate when the smallest |λ| is at most
/// `resolution` times the largest (or all are zero), otherwise by signs.
func kindFromEigenvalues(_ eigenvalues: [Double], resolution: Double = eigenvalueResolution) -> PointKind {
  let largest = eigenvalues.map(\.magnitude).max() ?? 0
  let smallest = eigenvalues.map(\.magnitude).min() ?? 0
  if largest == 0 || smallest <= resolution * largest { return .degenerate }
  if eigenvalues.allSatisfy({ $0 > 0 }) { return .minimum }
  if eigenvalues.allSatisfy({ $0 < 0 }) { return .maximum }
  return .saddle
}

/// `|a − b| ≤ tolerance · max(|b|, floor)`: relative for values of size, absolute near 0.
func close(_ a: Double, _ b: Double, relative tolerance: Double, floor: Double = 1) -> Bool {
  (a - b).magnitude <= tolerance * Swift.max(b.magnitude, floor)
}
