import DescentCore

/// A dataset cut into training, validation and (optionally empty) test parts.
public struct DataSplit<Scalar: DescentScalar>: Sendable {
  public var train: Dataset<Scalar>
  public var validation: Dataset<Scalar>
  public var test: Dataset<Scalar>
}

extension Dataset {
  /// Splits the samples at random into training, validation and test parts.
  ///
  /// The validation part gets `⌈validation · n⌉` samples and the test part
  /// `⌈test · n⌉` (scikit-learn's `train_test_split` rounding); the rest train. With
  /// `stratified` (classification only) each class is split in the same proportions:
  /// per-class counts are the floors of the exact shares, the samples left over going to the
  /// classes with the largest remainders, so the totals are the same as unstratified.
  /// Each part keeps the samples in a shuffled order.
  ///
  /// - Parameters:
  ///   - validation: Fraction in [0, 1) for validation (default 0.2).
  ///   - test: Fraction in [0, 1) for testing (default 0).
  ///   - seed: Seeds the shuffle; the same seed gives the same split.
  ///   - stratified: Keep class proportions (default true for classification).
  /// - Throws: ``DataError/invalidArgument(_:)`` for fractions out of range or a split
  ///   that leaves no training sample.
  public func split(validation: Double = 0.2, test: Double = 0, seed: UInt64 = 0, stratified: Bool? = nil)
    throws(DataError) -> DataSplit<Scalar>
  {
    guard validation >= 0, validation < 1, test >= 0, test < 1, validation + test < 1 else {
      throw .invalidArgument(
        "split fractions must be in [0, 1) and sum to less than 1 (validation \(validation), test \(test))")
    }
    let n = sampleCount
    let nValidation = Int((validation * Double(n)).rounded(.up))
    let nTest = Int((test * Double(n)).rounded(.up))
    guard n - nValidation - nTest >= 1 else {
      throw .invalidArgument("a \(validation)/\(test) split of \(n) samples leaves no training sample")
    }
    var rng = Xoshiro256(seed: seed)
    var trainIndices: [Int] = []
    var validationIndices: [Int] = []
    var testIndices: [Int] = []
    if let k = task.classCount, stratified ?? true {
      var byClass = [[Int]](repeating: [], count: k)
      for i in 0..<n { byClass[Int(targets[i])].append(i) }
      let vCounts = Self.allocate(nValidation, over: byClass.map(\.count))
      let remaining = zip(byClass.map(\.count), vCounts).map { $0 - $1 }
      let tCounts = Self.allocate(nTest, over: remaining)
      for c in 0..<k {
        var members = byClass[c]
        rng.shuffle(&members)
        validationIndices += members[0..<vCounts[c]]
        testIndices += members[vCounts[c]..<(vCounts[c] + tCounts[c])]
        trainIndices += members[(vCounts[c] + tCounts[c])...]
      }
      rng.shuffle(&trainIndices)
      rng.shuffle(&validationIndices)
      rng.shuffle(&testIndices)
    } else {
      var all = Array(0..<n)
      rng.shuffle(&all)
      validationIndices = Array(all[0..<nValidation])
      testIndices = Array(all[nValidation..<(nValidation + nTest)])
      trainIndices = Array(all[(nValidation + nTest)...])
    }
    return DataSplit(train: subset(trainIndices), validation: subset(validationIndices), test: subset(testIndices))
  }

  /// Shares `total` over groups in proportion to `sizes` (largest-remainder method).
  static func allocate(_ total: Int, over sizes: [Int]) -> [Int] {
    let n = sizes.reduce(0, +)
    guard n > 0, total > 0 else { return sizes.map { _ in 0 } }
    let exact = sizes.map { Double($0) * Double(total) / Double(n) }
    var counts = exact.map { Int($0.rounded(.down)) }
    var left = total - counts.reduce(0, +)
    let order = exact.indices.sorted { (exact[$0] - Double(counts[$0]), -$0) > (exact[$1] - Double(counts[$1]), -$1) }
    var i = 0
    while left > 0 {
      let g = order[i % order.count]
      if counts[g] < sizes[g] {
        counts[g] += 1
        left -= 1
      }
      i += 1
    }
    return counts
  }
}
