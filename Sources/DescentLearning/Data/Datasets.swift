import DescentCore
import Foundation

/// The built-in datasets: the UCI handwritten digits shipped with the package, and
/// synthetic ones generated from a seed.
///
/// Synthetic generators follow scikit-learn's definitions (`make_moons`, `make_circles`,
/// `make_blobs`); samples differ from scikit-learn's because the random stream does
/// (``Xoshiro256``, not NumPy's Mersenne Twister), but the distributions are the same.
/// Every generator shuffles its samples.
public enum Datasets {
  /// Names accepted by ``named(_:samples:noise:seed:)``.
  public static let names = ["digits", "moons", "circles", "blobs", "spirals", "linear"]

  /// A built-in dataset by name with each generator's default settings.
  /// - Throws: ``DataError/unknownDataset(_:suggestion:)``.
  public static func named<S: DescentScalar>(
    _ name: String, samples: Int? = nil, noise: Double? = nil, seed: UInt64 = 0, as type: S.Type = S.self
  ) throws(DataError) -> Dataset<S> {
    switch name.lowercased() {
    case "digits": return try digits()
    case "moons": return try moons(samples: samples ?? 500, noise: noise ?? 0.2, seed: seed)
    case "circles": return try circles(samples: samples ?? 500, noise: noise ?? 0.1, seed: seed)
    case "blobs": return try blobs(samples: samples ?? 500, noise: noise ?? 1.0, seed: seed)
    case "spirals": return try spirals(samples: samples ?? 600, noise: noise ?? 0.2, seed: seed)
    case "linear": return try linear(samples: samples ?? 200, noise: noise ?? 0.1, seed: seed).dataset
    default: throw .unknownDataset(name, suggestion: Suggest.closest(to: name, in: names))
    }
  }

  // MARK: - Digits

  /// The UCI handwritten digits: 1,797 8×8 images (pixel counts 0…16), 10 classes.
  ///
  /// A copy of the test part of "Optical Recognition of Handwritten Digits", UCI Machine
  /// Learning Repository (E. Alpaydin and C. Kaynak, 1998), as shipped by scikit-learn
  /// (`load_digits`). Licence: CC BY 4.0. Stored as raw bytes in the package's
  /// resources (see `Resources/README.md`). Features are named `pixel_<row>_<col>`, the
  /// target `digit`.
  public static func digits<S: DescentScalar>(as type: S.Type = S.self) throws(DataError) -> Dataset<S> {
    guard let url = Bundle.module.url(forResource: "digits", withExtension: "bin", subdirectory: "Resources")
      ?? Bundle.module.url(forResource: "digits", withExtension: "bin"),
      let data = try? Data(contentsOf: url)
    else { throw .unreadable(path: "digits.bin", reason: "the package resource is missing") }
    let recordSize = 65
    guard data.count == 1797 * recordSize else {
      throw .malformed(path: url.path, reason: "expected \(1797 * recordSize) bytes, found \(data.count)")
    }
    var features = [S](repeating: 0, count: 1797 * 64)
    var targets = [S](repeating: 0, count: 1797)
    data.withUnsafeBytes { (raw: UnsafeRawBufferPointer) in
      for i in 0..<1797 {
        for j in 0..<64 { features[i * 64 + j] = S(raw[i * recordSize + j]) }
        targets[i] = S(raw[i * recordSize + 64])
      }
    }
    let names = (0..<64).map { "pixel_\($0 / 8)_\($0 % 8)" }
    return Dataset(
      name: "digits", features: features, targets: targets, featureCount: 64, featureNames: names,
      targetName: "digit", task: .classification(classCount: 10))
  }

  // MARK: - Synthetic

  /// Two interleaving half circles (scikit-learn's `make_moons`).
  ///
  /// ```
  /// outer (class 0, ⌊n/2⌋ points):  (cos t, sin t),            t = linspace(0, π)
  /// inner (class 1, the rest):      (1 − cos t, 1 − sin t − ½), t = linspace(0, π)
  /// then Gaussian noise N(0, noise²) on both coordinates
  /// ```
  public static func moons<S: DescentScalar>(samples n: Int = 500, noise: Double = 0.2, seed: UInt64 = 0)
    throws(DataError) -> Dataset<S>
  {
    try check(samples: n, minimum: 2, noise: noise)
    let nOut = n / 2
    let nIn = n - nOut
    var points: [(Double, Double, Int)] = []
    for t in linspace(0, Double.pi, nOut, endpoint: true) { points.append((_cos(t), _sin(t), 0)) }
    for t in linspace(0, Double.pi, nIn, endpoint: true) { points.append((1 - _cos(t), 1 - _sin(t) - 0.5, 1)) }
    return finish(points, name: "moons", noise: noise, classCount: 2, seed: seed)
  }

  /// A large circle containing a smaller one (scikit-learn's `make_circles`).
  ///
  /// ```
  /// outer (class 0, ⌊n/2⌋ points): (cos t, sin t),          t = linspace(0, 2π, endpoint: false)
  /// inner (class 1, the rest):     factor · (cos t, sin t)
  /// then Gaussian noise N(0, noise²)
  /// ```
  /// - Parameter factor: Inner radius over outer, in (0, 1); default 0.8 (scikit-learn's).
  public static func circles<S: DescentScalar>(
    samples n: Int = 500, noise: Double = 0.1, factor: Double = 0.8, seed: UInt64 = 0
  ) throws(DataError) -> Dataset<S> {
    try check(samples: n, minimum: 2, noise: noise)
    guard factor > 0 && factor < 1 else { throw .invalidArgument("circles: factor must be in (0, 1), got \(factor)") }
    let nOut = n / 2
    let nIn = n - nOut
    var points: [(Double, Double, Int)] = []
    for t in linspace(0, 2 * Double.pi, nOut, endpoint: false) { points.append((_cos(t), _sin(t), 0)) }
    for t in linspace(0, 2 * Double.pi, nIn, endpoint: false) {
      points.append((factor * _cos(t), factor * _sin(t), 1))
    }
    return finish(points, name: "circles", noise: noise, classCount: 2, seed: seed)
  }

  /// Isotropic Gaussian blobs (scikit-learn's `make_blobs`).
  ///
  /// ```
  /// centers c_k ~ Uniform(−10, 10)^features,  k = 0..<classes
  /// x ~ N(c_k, noise² I) for ⌊n/classes⌋ samples per class (the first n mod classes get one more)
  /// ```
  /// - Parameters: noise is scikit-learn's `cluster_std` (default 1).
  public static func blobs<S: DescentScalar>(
    samples n: Int = 500, classes: Int = 3, features: Int = 2, noise: Double = 1.0, seed: UInt64 = 0
  ) throws(DataError) -> Dataset<S> {
    try check(samples: n, minimum: classes, noise: noise)
    guard classes >= 1, features >= 1 else { throw .invalidArgument("blobs: classes and features must be at least 1") }
    var rng = Xoshiro256(seed: seed)
    let centers = (0..<(classes * features)).map { _ in rng.uniform(-10, 10) }
    var rows: [([Double], Int)] = []
    for k in 0..<classes {
      let count = n / classes + (k < n % classes ? 1 : 0)
      for _ in 0..<count {
        rows.append(((0..<features).map { centers[k * features + $0] + noise * rng.nextNormal() }, k))
      }
    }
    rng.shuffle(&rows)
    return Dataset(
      name: "blobs", features: rows.flatMap { $0.0.map { S($0) } }, targets: rows.map { S($0.1) },
      featureCount: features, task: .classification(classCount: classes))
  }

  /// Interleaved spiral arms, one per class (the CS231n "spiral" data; scikit-learn has no
  /// generator for it).
  ///
  /// ```
  /// arm k, point i of m = n/classes:  r = i/(m−1),  t = 4k + 4r + noise · N(0, 1)
  /// x = (r sin t, r cos t)
  /// ```
  public static func spirals<S: DescentScalar>(
    samples n: Int = 600, classes: Int = 3, noise: Double = 0.2, seed: UInt64 = 0
  ) throws(DataError) -> Dataset<S> {
    try check(samples: n, minimum: 2 * classes, noise: noise)
    var rng = Xoshiro256(seed: seed)
    var rows: [(Double, Double, Int)] = []
    for k in 0..<classes {
      let m = n / classes + (k < n % classes ? 1 : 0)
      for i in 0..<m {
        let r = m > 1 ? Double(i) / Double(m - 1) : 0
        let t = 4 * Double(k) + 4 * r + noise * rng.nextNormal()
        rows.append((r * _sin(t), r * _cos(t), k))
      }
    }
    rng.shuffle(&rows)
    return Dataset(
      name: "spirals", features: rows.flatMap { [S($0.0), S($0.1)] }, targets: rows.map { S($0.2) },
      featureCount: 2, task: .classification(classCount: classes))
  }

  /// A linear model with Gaussian noise, and the true coefficients.
  ///
  /// ```
  /// x ~ N(0, I),  w_j ~ N(0, 1),  b ~ N(0, 1),  y = w·x + b + noise · N(0, 1)
  /// ```
  public static func linear<S: DescentScalar>(
    samples n: Int = 200, features: Int = 3, noise: Double = 0.1, seed: UInt64 = 0
  ) throws(DataError) -> (dataset: Dataset<S>, weights: [Double], bias: Double) {
    try check(samples: n, minimum: 1, noise: noise)
    guard features >= 1 else { throw .invalidArgument("linear: features must be at least 1") }
    var rng = Xoshiro256(seed: seed)
    let w = (0..<features).map { _ in rng.nextNormal() }
    let b = rng.nextNormal()
    var x = [S]()
    var y = [S]()
    x.reserveCapacity(n * features)
    for _ in 0..<n {
      var s = b
      for j in 0..<features {
        let v = rng.nextNormal()
        s += w[j] * v
        x.append(S(v))
      }
      y.append(S(s + noise * rng.nextNormal()))
    }
    let data = Dataset(name: "linear", features: x, targets: y, featureCount: features, targetName: "y", task: .regression)
    return (data, w, b)
  }

  // MARK: - Helpers

  private static func check(samples n: Int, minimum: Int, noise: Double) throws(DataError) {
    guard n >= minimum else { throw .invalidArgument("need at least \(minimum) samples, got \(n)") }
    guard noise.isFinite && noise >= 0 else { throw .invalidArgument("noise must be finite and ≥ 0, got \(noise)") }
  }

  /// NumPy's `linspace(a, b, count, endpoint:)`.
  static func linspace(_ a: Double, _ b: Double, _ count: Int, endpoint: Bool) -> [Double] {
    guard count > 0 else { return [] }
    if count == 1 { return [a] }
    let step = (b - a) / Double(endpoint ? count - 1 : count)
    return (0..<count).map { a + Double($0) * step }
  }

  private static func finish<S: DescentScalar>(
    _ points: [(Double, Double, Int)], name: String, noise: Double, classCount: Int, seed: UInt64
  ) -> Dataset<S> {
    var rng = Xoshiro256(seed: seed)
    var rows = points
    rng.shuffle(&rows)
    var features = [S]()
    features.reserveCapacity(rows.count * 2)
    for r in rows {
      features.append(S(r.0 + noise * rng.nextNormal()))
      features.append(S(r.1 + noise * rng.nextNormal()))
    }
    return Dataset(
      name: name, features: features, targets: rows.map { S($0.2) }, featureCount: 2,
      task: .classification(classCount: classCount))
  }
}
