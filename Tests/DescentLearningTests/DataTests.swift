import DescentCore
import Foundation
import Testing

@testable import DescentLearning

@Suite struct DataTests {
  @Test func csvTextCellOnLine17NamesLineAndColumn() throws {
    #expect(throws: DataError.notANumber(line: 17, column: "petal_width", text: "abc")) {
      try Dataset<Double>.csv(contentsOf: fixture("bad_cell.csv"), target: "species")
    }
    let message = DataError.notANumber(line: 17, column: "petal_width", text: "abc").description
    #expect(message == "line 17, column 'petal_width': 'abc' is not a number")
  }

  @Test func csvReadsNumbersAndPicksTheTargetByName() throws {
    let d = try Dataset<Double>.csv(contentsOf: fixture("ok.csv"), target: "petal_length")
    #expect(d.sampleCount == 30 && d.featureCount == 4)
    #expect(d.featureNames == ["sepal_length", "sepal_width", "petal_width", "species"])
    let lines = try String(contentsOf: fixture("ok.csv"), encoding: .utf8).split(separator: "\n")
    let first = lines[1].split(separator: ",").map { Double($0)! }
    #expect(d.targets[0] == first[2])
    #expect(Array(d.sample(0)) == [first[0], first[1], first[3], first[4]])
    let c = try Dataset<Double>.csv(contentsOf: fixture("ok.csv"), target: "species").asClassification()
    #expect(c.task == .classification(classCount: 3) && c.classCounts == [10, 10, 10])
  }

  @Test func csvErrorsSayWhatAndWhere() {
    #expect(throws: DataError.unknownTarget("specis", suggestion: "species", columns: ["a", "species"])) {
      try Dataset<Double>.csv(text: "a,species\n1,2\n", target: "specis")
    }
    #expect(throws: DataError.empty(path: "<text>")) { try Dataset<Double>.csv(text: "", target: "y") }
    #expect(throws: DataError.empty(path: "<text>")) { try Dataset<Double>.csv(text: "x,y\n", target: "y") }
    #expect(throws: DataError.missingValue(line: 3, column: "x")) {
      try Dataset<Double>.csv(text: "x,y\n1,2\n,4\n", target: "y")
    }
    #expect(throws: DataError.wrongCellCount(line: 4, expected: 2, found: 3)) {
      try Dataset<Double>.csv(text: "x,y\n1,2\n\n1,2,3\n", target: "y")
    }
    #expect(throws: DataError.notANumber(line: 2, column: "y", text: "nan")) {
      try Dataset<Double>.csv(text: "x,y\n1,nan\n", target: "y")
    }
    #expect(throws: DataError.noFeatures(target: "y")) { try Dataset<Double>.csv(text: "y\n1\n", target: "y") }
    #expect(throws: DataError.self) { try Dataset<Double>.csv(contentsOf: URL(fileURLWithPath: "/nonexistent.csv"), target: "y") }
  }

  @Test func csvAcceptsQuotesSpacesAndCRLF() throws {
    let d = try Dataset<Double>.csv(text: "\"x\", y\r\n\"1.5\", 2\r\n 3 ,4e1\r\n", target: "y")
    #expect(d.features == [1.5, 3] && d.targets == [2, 40])
  }

  @Test func digitsMatchScikitLearnsCopy() throws {
    let d: Dataset<Double> = try Datasets.digits()
    #expect(d.sampleCount == 1797 && d.featureCount == 64)
    // sklearn: np.bincount(load_digits().target)
    #expect(d.classCounts == [178, 182, 177, 183, 181, 182, 181, 179, 174, 180])
    // sklearn: load_digits().data[0] and .data.sum()
    #expect(Array(d.sample(0).prefix(16)) == [0, 0, 5, 13, 9, 1, 0, 0, 0, 0, 13, 15, 10, 15, 5, 0])
    #expect(d.features.reduce(0, +) == 561_718)
  }

  @Test func moonsAndCirclesFollowScikitLearnsDefinitions() throws {
    let moons: Dataset<Double> = try Datasets.moons(samples: 101, noise: 0, seed: 4)
    #expect(moons.classCounts == [50, 51])
    for i in 0..<moons.sampleCount {
      let (x, y) = (moons.features[2 * i], moons.features[2 * i + 1])
      // outer: unit circle, y ≥ 0; inner: circle of radius 1 centred at (1, 0.5), y ≤ 0.5
      let r = moons.targets[i] == 0 ? (x * x + y * y) : ((x - 1) * (x - 1) + (y - 0.5) * (y - 0.5))
      #expect(abs(r - 1) < 1e-12)
    }
    let circles: Dataset<Double> = try Datasets.circles(samples: 100, noise: 0, factor: 0.5, seed: 4)
    for i in 0..<100 {
      let r = (circles.features[2 * i] * circles.features[2 * i] + circles.features[2 * i + 1] * circles.features[2 * i + 1]).squareRoot()
      #expect(abs(r - (circles.targets[i] == 0 ? 1 : 0.5)) < 1e-12)
    }
    let blobs: Dataset<Double> = try Datasets.blobs(samples: 10, classes: 3, seed: 1)
    #expect(blobs.classCounts == [4, 3, 3])
    let again: Dataset<Double> = try Datasets.blobs(samples: 10, classes: 3, seed: 1)
    #expect(again.features == blobs.features)
    let spirals: Dataset<Float> = try Datasets.spirals(samples: 300, seed: 0)
    #expect(spirals.classCounts == [100, 100, 100])
    #expect(throws: DataError.unknownDataset("moon", suggestion: "moons")) {
      let _: Dataset<Double> = try Datasets.named("moon")
    }
  }

  @Test func stratifiedSplitKeepsProportionsAndIsSeeded() throws {
    let d: Dataset<Double> = try Datasets.digits()
    let s = try d.split(validation: 0.2, seed: 0)
    #expect(s.validation.sampleCount == 360 && s.train.sampleCount == 1437)  // ⌈0.2·1797⌉ = 360
    for (c, count) in d.classCounts.enumerated() {
      #expect(abs(Double(s.validation.classCounts[c]) - 0.2 * Double(count)) <= 1)
    }
    let t = try d.split(validation: 0.2, seed: 0)
    #expect(t.train.features == s.train.features)
    let u = try d.split(validation: 0.2, seed: 1)
    #expect(u.train.features != s.train.features)
    // Disjoint and complete: pixel sums add up.
    let trainSum: Double = s.train.features.reduce(0, +)
    let validationSum: Double = s.validation.features.reduce(0, +)
    let total: Double = d.features.reduce(0, +)
    #expect(trainSum + validationSum == total)
    let three = try d.split(validation: 0.1, test: 0.1, seed: 2, stratified: false)
    #expect(three.train.sampleCount + three.validation.sampleCount + three.test.sampleCount == 1797)
    #expect(throws: DataError.self) { try d.split(validation: 0.6, test: 0.5) }
  }

  @Test func standardizerUsesTrainingStatisticsOnly() throws {
    let d: Dataset<Double> = try Datasets.linear(samples: 300, features: 3, seed: 5).dataset
    let s = try d.split(validation: 0.3, seed: 1)
    let (z, scaler) = s.standardized()
    for j in 0..<3 {
      let col = (0..<z.train.sampleCount).map { z.train.features[$0 * 3 + j] }
      let mean = col.reduce(0, +) / Double(col.count)
      let variance = col.map { ($0 - mean) * ($0 - mean) }.reduce(0, +) / Double(col.count)
      #expect(abs(mean) < 1e-12 && abs(variance - 1) < 1e-12)
      // Validation is transformed with the training μ, σ.
      #expect(abs(z.validation.features[j] - (s.validation.features[j] - scaler.mean[j]) / scaler.scale[j]) < 1e-15)
    }
    // A constant column is centred, not divided by zero.
    let constant = Dataset<Double>(name: "c", features: [2, 2, 2], targets: [0, 1, 2], featureCount: 1, task: .regression)
    #expect(Standardizer(fittedTo: constant).apply(to: constant).features == [0, 0, 0])
  }

  @Test func xoshiroMatchesReferenceOutputs() {
    // Reference: xoshiro256** with state from SplitMix64(seed 0), per the C reference code.
    var splitmixState: UInt64 = 0
    func splitmix() -> UInt64 {
      splitmixState &+= 0x9E37_79B9_7F4A_7C15
      var z = splitmixState
      z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
      z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
      return z ^ (z >> 31)
    }
    let s0 = [splitmix(), splitmix(), splitmix(), splitmix()]
    var rng = Xoshiro256(seed: 0)
    #expect(rng.state == s0)
    // First output: rotl(s1 * 5, 7) * 9
    let s1 = s0[1] &* 5
    #expect(rng.next() == ((s1 << 7) | (s1 >> 57)) &* 9)
  }
}
