import ArgumentParser
import DescentOptimizers
import Foundation
import Testing

@testable import descent

private func json(_ text: String) throws -> [String: Any] {
  try #require(try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any])
}

@Suite("descent compare and descent sweep")
struct CompareSweepCommandTests {
  @Test("sweep finds the divergence threshold of x² at η = 1 and of 5x² at η = 0.2 (0.01:2:log50)",
        arguments: [("x^2", 1.0), ("5*x^2", 0.2)])
  func sweepThreshold(_ function: String, _ expected: Double) throws {
    let command = try SweepCommand.parse(["--function", function, "--optimizer", "gd", "--lr", "0.01:2:log50", "--format", "json"])
    let out = try json(try command.output())
    let low = try #require(out["largestDecaying"] as? Double)
    let high = try #require(out["smallestFailing"] as? Double)
    #expect(low < expected && expected <= high)
    #expect(high / low < 1.115)
    let regimes = try #require(out["points"] as? [[String: Any]]).compactMap { $0["regime"] as? String }
    #expect(Set(regimes) == ["monotone-decay", "oscillating-decay", "divergence"])
  }

  @Test(
    "heavy ball and Nesterov on 5x²: the sweep brackets the predicted threshold 2(1+β)/λmax or 2(1+β)/((1+2β)λmax)",
    arguments: [
      (["--optimizer", "momentum", "--settings", "momentum=0.5"], 2 * 1.5 / 10.0, "2(1+β)/λmax"),
      (["--optimizer", "nesterov"], 2 * 1.9 / (2.8 * 10.0), "2(1+β)/((1+2β)λmax)"),
      (["--optimizer", "gd", "--settings", "momentum=0.9,dampening=0.5"], 2 * 1.9 / (0.5 * 10.0), "2(1+β)/((1−τ)λmax)"),
    ])
  func sweepMomentumThreshold(_ args: [String], _ expected: Double, _ formula: String) throws {
    let command = try SweepCommand.parse(
      ["--function", "5*x^2", "--lr", "0.01:2:log100", "--steps", "400", "--format", "json"] + args)
    let out = try json(try command.output())
    let predicted = try #require(out["predictedThreshold"] as? Double)
    #expect(abs(predicted - expected) <= 1e-12 * expected)
    #expect(out["predictedThresholdFormula"] as? String == formula)
    let low = try #require(out["largestDecaying"] as? Double)
    let high = try #require(out["smallestFailing"] as? Double)
    #expect(low < expected && expected <= high)
  }

  @Test("the sweep table names the regimes and the threshold")
  func sweepTable() throws {
    let text = try SweepCommand.parse(["--function", "x^2", "--lr", "0.1:1.5:lin15"]).output()
    #expect(text.contains("divergence threshold ≈"))
    #expect(text.contains("no-progress"))  // η = 1.0 is on this grid: x → −x forever
    #expect(text.contains("oscillating-decay") && text.contains("monotone-decay"))
  }

  @Test("bad sweep and schedule input says what is wrong", arguments: [
    (["--lr", "0.01:2:geo5"], "--lr: the third part 'geo5' must be logN or linN"),
    (["--schedule", "cosine:t-maks=10"], "unknown key 't-maks' for cosine; did you mean 't-max'? (keys: t-max, eta-min, for) (at position 8"),
    (["--clip-norm=-1"], "--clip-norm must be a finite number ≥ 0"),
  ])
  func sweepErrors(_ args: [String], _ message: String) {
    #expect {
      _ = try SweepCommand.parse(args)
    } throws: { error in
      SweepCommand.message(for: error).contains(message)
    }
  }

  @Test("compare runs a race with a schedule, clipping and noise (json)")
  func compareJSON() throws {
    let command = try CompareCommand.parse([
      "--optimizers", "gd,sgd", "--lr", "0.04", "--start", "1.8,0.5", "--schedule", "warmup:steps=5+cosine:t-max=400",
      "--clip-norm", "5", "--gradient-noise", "1e-9", "--seed", "3", "--format", "json",
    ])
    let out = try json(try command.output())
    let results = try #require(out["results"] as? [[String: Any]])
    #expect(results.count == 2)
    #expect(results.allSatisfy { ($0["stepsToTarget"] as? Int ?? 0) > 0 && ($0["diverged"] as? Bool) == false })
  }

  @Test("compare reports a divergent racer in the table")
  func compareDivergence() throws {
    let text = try CompareCommand.parse(["--optimizers", "gd", "--lr", "0.2", "--start", "1.8,0.5"]).output()
    #expect(text.contains("yes"))
    #expect(text.contains("diverged"))
  }

  @Test("compare with an unknown optimizer names it and suggests the closest")
  func compareUnknown() throws {
    let command = try CompareCommand.parse(["--optimizers", "gd,sdg"])
    #expect { try command.output() } throws: { "\($0)".contains("unknown optimizer 'sdg'; did you mean") }
  }

  @Test("ravine from (1.8, 0.5), lr 0.04, momentum 0.9: momentum arrives in fewer steps than gd",
        .enabled(if: OptimizerSpec.names.contains("momentum")))
  func teachingRace() throws {
    let command = try CompareCommand.parse([
      "--function", "ravine", "--optimizers", "gd,momentum", "--lr", "0.04", "--momentum", "0.9", "--start", "1.8,0.5",
      "--format", "json",
    ])
    let results = try #require(try json(try command.output())["results"] as? [[String: Any]])
    let gd = try #require(results[0]["stepsToTarget"] as? Int)
    let momentum = try #require(results[1]["stepsToTarget"] as? Int)
    // GD on 0.5x² + 10y² in closed form: xₖ = 1.8·0.96ᵏ, yₖ = 0.5·0.2ᵏ, ‖∇f‖ = ‖(xₖ, 20yₖ)‖.
    let closedForm = (0...).first { k in
      let gx = 1.8 * Foundation.pow(0.96, Double(k)), gy = 20 * 0.5 * Foundation.pow(0.2, Double(k))
      return (gx * gx + gy * gy).squareRoot() <= 1e-6
    }
    #expect(gd == closedForm)
    // Heavy ball with β = 0.9 contracts by √β ≈ 0.949 per step against GD's 0.96 here:
    // about ln 0.96 / ln √0.9 ≈ 0.78 of GD's steps.
    #expect(momentum < gd * 4 / 5)
  }

  @Test("compare gives each racer the flags it takes, and rejects a flag none takes")
  func compareFlagsPerRacer() throws {
    let text = try CompareCommand.parse(["--optimizers", "adam,gd", "--beta1", "0.8", "--steps", "20"]).output()
    #expect(text.contains("betas=(0.8, 0.999)"))
    #expect(text.contains("gd(lr=0.001)"))
    let none = try CompareCommand.parse(["--optimizers", "gd,momentum", "--beta1", "0.8"])
    #expect { try none.output() } throws: { "\($0)".contains("--beta1 applies to none of gd, momentum") }
    let bad = try CompareCommand.parse(["--optimizers", "adam,gd", "--beta1", "1.5"])
    #expect { try bad.output() } throws: { "\($0)".contains("--beta1 1.5: must be in [0, 1)") }
    #expect(throws: (any Error).self) { try CompareCommand.parse(["--optimizer", "adam"]) }
  }
}
