import DescentCore

/// What a dataset's target is: a real number per sample, or one of `classCount` classes.
public enum Task: Sendable, Equatable, Codable {
  case regression
  /// Targets hold class indices `0..<classCount` (stored as scalars).
  case classification(classCount: Int)

  /// The number of classes, or `nil` for regression.
  public var classCount: Int? {
    if case .classification(let k) = self { return k }
    return nil
  }
}

/// Samples with numeric features and one target each, stored flat for fast batching.
///
/// `features` is row-major `sampleCount × featureCount`; `targets[i]` is sample `i`'s
/// target: a real value for ``Task/regression``, a class index `0..<k` (exact in `Float`
/// up to 2²⁴) for ``Task/classification(classCount:)``.
public struct Dataset<Scalar: DescentScalar>: Sendable {
  /// A short name for tables and logs (`digits`, `moons`, a file name).
  public var name: String
  /// Row-major `sampleCount × featureCount`.
  public var features: [Scalar]
  /// One target per sample.
  public var targets: [Scalar]
  /// Number of features per sample.
  public let featureCount: Int
  /// One name per feature column.
  public var featureNames: [String]
  /// The target column's name.
  public var targetName: String
  /// Regression or classification.
  public var task: Task
  /// For classification: what each class index stands for (e.g. the original label).
  public var classNames: [String]

  public init(
    name: String, features: [Scalar], targets: [Scalar], featureCount: Int,
    featureNames: [String]? = nil, targetName: String = "target", task: Task,
    classNames: [String]? = nil
  ) {
    precondition(featureCount > 0, "a dataset needs at least one feature")
    precondition(
      features.count == targets.count * featureCount,
      "features hold \(features.count) values, expected \(targets.count) × \(featureCount)")
    self.name = name
    self.features = features
    self.targets = targets
    self.featureCount = featureCount
    self.featureNames = featureNames ?? (0..<featureCount).map { "x\($0)" }
    self.targetName = targetName
    self.task = task
    if let k = task.classCount {
      precondition(
        targets.allSatisfy { $0 >= 0 && $0 < Scalar(k) && $0.rounded() == $0 },
        "classification targets must be integers in 0..<\(k)")
      self.classNames = classNames ?? (0..<k).map { String($0) }
    } else {
      self.classNames = []
    }
  }

  /// Number of samples.
  public var sampleCount: Int { targets.count }

  /// Sample `i`'s features.
  public func sample(_ i: Int) -> ArraySlice<Scalar> {
    features[(i * featureCount)..<((i + 1) * featureCount)]
  }

  /// The samples at `indices`, in that order.
  public func subset(_ indices: [Int]) -> Dataset {
    let d = featureCount
    var f = [Scalar](repeating: 0, count: indices.count * d)
    var t = [Scalar](repeating: 0, count: indices.count)
    features.withUnsafeBufferPointer { src in
      f.withUnsafeMutableBufferPointer { dst in
        for (row, i) in indices.enumerated() {
          precondition(i >= 0 && i < sampleCount, "sample index \(i) out of range 0..<\(sampleCount)")
          for j in 0..<d { dst[row * d + j] = src[i * d + j] }
          t[row] = targets[i]
        }
      }
    }
    var copy = self
    copy.features = f
    copy.targets = t
    return copy
  }

  /// This dataset read as classification: each distinct target value becomes a class,
  /// in increasing order (labels 1, 2, 3 become classes 0, 1, 2; `classNames` keeps the
  /// original values).
  /// - Throws: ``DataError/notClassLabels(column:value:)`` when a target is not an integer.
  public func asClassification() throws(DataError) -> Dataset {
    if task.classCount != nil { return self }
    for v in targets where !(v.isFinite && v.rounded() == v) {
      throw .notClassLabels(column: targetName, value: Double(v))
    }
    let distinct = Array(Set(targets.map { Double($0) })).sorted()
    let index = Dictionary(uniqueKeysWithValues: distinct.enumerated().map { ($1, $0) })
    var copy = self
    copy.targets = targets.map { Scalar(index[Double($0)]!) }
    copy.task = .classification(classCount: distinct.count)
    copy.classNames = distinct.map { $0 == $0.rounded() && abs($0) < 1e15 ? String(Int($0)) : String($0) }
    return copy
  }

  /// This dataset in another precision.
  public func converted<T: DescentScalar>(to type: T.Type = T.self) -> Dataset<T> {
    Dataset<T>(
      name: name, features: features.map { T($0) }, targets: targets.map { T($0) },
      featureCount: featureCount, featureNames: featureNames, targetName: targetName,
      task: task, classNames: task.classCount == nil ? nil : classNames)
  }

  /// Number of samples in each class (empty for regression).
  public var classCounts: [Int] {
    guard let k = task.classCount else { return [] }
    var counts = [Int](repeating: 0, count: k)
    for t in targets { counts[Int(t)] += 1 }
    return counts
  }
}
