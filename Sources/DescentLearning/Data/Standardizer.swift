import DescentCore

/// Feature standardization fitted on training data: `x' = (x − μ) / σ` per column.
///
/// ```
/// μ_j = (1/n) Σ_i x_ij,   σ_j = √((1/n) Σ_i (x_ij − μ_j)²)   (population σ, like
/// scikit-learn's StandardScaler);  σ_j = 0 → 1 (constant columns are only centred)
/// ```
/// Fit it on the training part only and apply the same transform to validation and test
/// data, so no information leaks from them into training.
public struct Standardizer: Codable, Sendable, Equatable {
  public var mean: [Double]
  public var scale: [Double]

  /// Fits `μ` and `σ` to `data`'s features (accumulated in `Double`).
  public init<S: DescentScalar>(fittedTo data: Dataset<S>) {
    let d = data.featureCount
    let n = data.sampleCount
    var mean = [Double](repeating: 0, count: d)
    var m2 = [Double](repeating: 0, count: d)
    for i in 0..<n {
      for j in 0..<d { mean[j] += Double(data.features[i * d + j]) }
    }
    for j in 0..<d { mean[j] /= Double(max(n, 1)) }
    for i in 0..<n {
      for j in 0..<d {
        let c = Double(data.features[i * d + j]) - mean[j]
        m2[j] += c * c
      }
    }
    self.mean = mean
    self.scale = m2.map { s in
      let sd = (s / Double(max(n, 1))).squareRoot()
      return sd > 0 && sd.isFinite ? sd : 1
    }
  }

  /// `data` with every feature standardized.
  public func apply<S: DescentScalar>(to data: Dataset<S>) -> Dataset<S> {
    precondition(data.featureCount == mean.count, "standardizer fitted to \(mean.count) features, data has \(data.featureCount)")
    var copy = data
    let d = data.featureCount
    for i in 0..<data.sampleCount {
      for j in 0..<d {
        copy.features[i * d + j] = S((Double(data.features[i * d + j]) - mean[j]) / scale[j])
      }
    }
    return copy
  }
}

extension DataSplit {
  /// Standardizes all three parts with a ``Standardizer`` fitted on the training part.
  public func standardized() -> (split: DataSplit, standardizer: Standardizer) {
    let s = Standardizer(fittedTo: train)
    return (DataSplit(train: s.apply(to: train), validation: s.apply(to: validation), test: s.apply(to: test)), s)
  }
}
