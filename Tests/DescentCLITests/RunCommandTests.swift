import Foundation
import Testing

@Suite("descent run")
struct RunCommandTests {
  @Test("The teaching example: ravine from (1.8, 0.5), lr 0.04 — step 1 is (1.728, 0.1), f₀ = 4.12")
  func ravineJSON() throws {
    let r = try descent([
      "run", "--function", "0.5*x^2+10*y^2", "--optimizer", "gd", "--lr", "0.04", "--start", "1.8,0.5",
      "--steps", "100", "--format", "json",
    ])
    #expect(r.status == 0, "\(r.stderr)")
    let json = try r.json()
    let trajectory = try #require(json["trajectory"] as? [[String: Any]])
    #expect(trajectory.count == 101)
    #expect(trajectory[0]["step"] as? Int == 0)
    #expect(close(trajectory[0]["loss"] as! Double, 4.12))
    let x1 = trajectory[1]["x"] as! [Double]
    #expect(close(x1[0], 1.728) && close(x1[1], 0.1))
    #expect(close(trajectory[1]["gradientNorm"] as! Double, (1.728 * 1.728 + 4).squareRoot()))
    let result = try #require(json["result"] as? [String: Any])
    #expect(result["steps"] as? Int == 100)
    #expect(result["stopReason"] as? String == "maxSteps")
    let evaluations = try #require(result["evaluations"] as? [String: Any])
    #expect(evaluations["objective"] as? Int == 101)
    for key in ["x", "loss", "gradientNorm", "seconds"] { #expect(result[key] != nil, "missing \(key)") }
  }

  @Test("With no flags, descent run runs the narrow ravine demo and prints a summary")
  func defaultRun() throws {
    let r = try descent(["run"])
    #expect(r.status == 0)
    #expect(r.stdout.contains("narrow-ravine"))
    #expect(r.stdout.contains("1.728"))
    #expect(r.stdout.contains("maxSteps"))
  }

  @Test(
    "GD on x² from 1: monotone (0.4), exact in one step (0.5), oscillating (0.9), divergent (1.1)",
    arguments: [0.4, 0.5, 0.9, 1.1])
  func regimes(lr: Double) throws {
    let r = try descent([
      "run", "--function", "x^2", "--lr", "\(lr)", "--start", "1", "--steps", "200", "--format", "json",
    ])
    #expect(r.status == 0, "a divergent run is a result, not an error: \(r.stderr)")
    let json = try r.json()
    let xs = (json["trajectory"] as! [[String: Any]]).map { ($0["x"] as! [Double])[0] }
    let reason = (json["result"] as! [String: Any])["stopReason"] as! String
    switch lr {
    case 0.4:
      #expect(zip(xs, xs.dropFirst()).allSatisfy { $1 < $0 && $1 >= 0 })
    case 0.5:
      #expect(xs[1] == 0)
      #expect(reason == "gradientTolerance")
    case 0.9:
      #expect(zip(xs, xs.dropFirst()).allSatisfy { abs($1) < abs($0) && $1 * $0 < 0 })
    default:
      #expect(reason == "diverged")
      #expect(zip(xs, xs.dropFirst()).allSatisfy { abs($1) > abs($0) })
    }
  }

  @Test("CSV output has a header and one row per recorded step")
  func csv() throws {
    let r = try descent(["run", "--steps", "3", "--format", "csv"])
    let lines = r.stdout.split(separator: "\n")
    #expect(lines.first == "step,x,y,loss,gradientNorm,learningRate")
    #expect(lines.count == 5)
  }

  @Test("Bad flags exit non-zero with a message naming the flag")
  func badFlags() throws {
    let cases: [([String], String)] = [
      (["run", "--start", "1,abc"], "--start"),
      (["run", "--start", "1,2,3"], "--start"),
      (["run", "--steps", "-5"], "--steps"),
      (["run", "--lr", "-1"], "lr"),
      (["run", "--optimizer", "adamm"], "adam"),
    ]
    for (args, needle) in cases {
      let r = try descent(args)
      #expect(r.status != 0, "\(args) should fail")
      #expect(r.stderr.contains(needle), "\(args): \(r.stderr)")
    }
  }
}
