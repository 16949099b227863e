import Foundation
import Testing

@testable import descent

/// `descent analyze`, driven through its parsed command (the lead registers it as a
/// subcommand; these tests do not need the registration).
@Suite("descent analyze")
struct AnalyzeCommandTests {
  private func analyze(_ arguments: [String]) throws -> (AnalyzeCommand, AnalyzeOutput) {
    let command = try AnalyzeCommand.parse(arguments)
    return (command, try command.analysis())
  }

  private func json(_ arguments: [String]) throws -> [String: Any] {
    let (_, output) = try analyze(arguments)
    let text = try jsonString(output)
    return try #require(try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any])
  }

  @Test("Himmelblau: 9 critical points in JSON with x, value, kind, eigenvalues, and the curvature at the lowest minimum")
  func himmelblauJSON() throws {
    let object = try json(["--function", "himmelblau", "--format", "json"])
    let points = try #require(object["criticalPoints"] as? [[String: Any]])
    #expect(points.count == 9)
    let kinds = points.compactMap { $0["kind"] as? String }
    #expect(kinds.filter { $0 == "minimum" }.count == 4)
    #expect(kinds.filter { $0 == "saddle" }.count == 4)
    #expect(kinds.filter { $0 == "maximum" }.count == 1)
    let maximum = try #require(points.first { $0["kind"] as? String == "maximum" })
    let x = try #require(maximum["x"] as? [Double])
    #expect(close(x[0], -0.270845, rel: 1e-5) && close(x[1], -0.923039, rel: 1e-5))
    #expect(close(maximum["value"] as! Double, 181.617, rel: 1e-5))
    #expect((maximum["eigenvalues"] as? [Double])?.count == 2)
    let curvature = try #require(object["curvature"] as? [String: Any])
    for key in ["gradient", "eigenvalues", "conditionNumber", "maxStableLearningRate", "optimalLearningRate", "hessian"] {
      #expect(curvature[key] != nil, "missing \(key)")
    }
    // At the minimum (3, 2) the Hessian is [[74, 20], [20, 34]]: λ = 54 ± √800.
    let eigenvalues = try #require(curvature["eigenvalues"] as? [Double])
    let root = 800.0.squareRoot()
    #expect(close(eigenvalues[1], 54 + root, rel: 1e-6))
    #expect(close(curvature["maxStableLearningRate"] as! Double, 2 / (54 + root), rel: 1e-6))
    #expect(close(curvature["conditionNumber"] as! Double, (54 + root) / (54 - root), rel: 1e-6))
  }

  @Test("The ravine at (1.8, 0.5) with --lr 0.04: 2/λmax = 0.1, optimal 2/21, contraction 0.96 and 0.2")
  func ravineCurvature() throws {
    let object = try json(["--function", "0.5*x^2+10*y^2", "--at", "1.8,0.5", "--lr", "0.04", "--format", "json"])
    let curvature = try #require(object["curvature"] as? [String: Any])
    #expect(close(curvature["maxStableLearningRate"] as! Double, 0.1, rel: 1e-7))
    #expect(close(curvature["optimalLearningRate"] as! Double, 2.0 / 21, rel: 1e-7))
    let gradient = try #require(curvature["gradient"] as? [Double])
    #expect(close(gradient[0], 1.8) && close(gradient[1], 10))
    let contraction = try #require(curvature["contraction"] as? [String: Any])
    let directions = try #require(contraction["directions"] as? [[String: Any]])
    #expect(close(directions[0]["factor"] as! Double, 0.96, rel: 1e-7))
    #expect(close(directions[1]["factor"] as! Double, 0.2, rel: 1e-7))
    #expect(object["curvatureAt"] as? String == "--at")
    let points = try #require(object["criticalPoints"] as? [[String: Any]])
    #expect(points.count == 1 && points[0]["kind"] as? String == "minimum")
  }

  @Test("x² in 1-D: the largest stable rate 2/L = 1, and the table shows it")
  func squareTable() throws {
    let (command, output) = try analyze(["--function", "x^2"])
    #expect(output.curvature.maxStableLearningRate.map { close($0, 1, rel: 1e-7) } == true)
    let text = command.tableText(output)
    #expect(text.contains("critical points: 1 (1 minimum)"))
    #expect(text.contains("stable lr < 2/λmax"))
    #expect(text.contains("curvature at (0)"))
  }

  @Test("--region overrides the window; --no-critical-points skips the search")
  func regionAndSkip() throws {
    let (_, narrow) = try analyze(["--function", "himmelblau", "--region", "2:4,1:3"])
    #expect(narrow.criticalPoints?.count == 1)
    #expect(narrow.criticalPoints?.first?.kind == .minimum)
    let object = try json(["--function", "himmelblau", "--no-critical-points", "--at", "0,0", "--format", "json"])
    #expect(object["criticalPoints"] is NSNull)
    #expect(object["curvature"] is [String: Any])
  }

  @Test("Bad input says what and where", arguments: [
    (["--function", "himmelblau", "--at", "1"], "--at has 1 coordinate"),
    (["--function", "himmelblau", "--region", "-5:5"], "--region has 1 interval"),
    (["--function", "himmelblau", "--region", "5:-5,0:1"], "interval 1"),
    (["--function", "himmelblau", "--at", "1,abc"], "coordinate 2 'abc'"),
  ])
  func badInput(arguments: [String], message: String) throws {
    let command = try AnalyzeCommand.parse(arguments)
    #expect(throws: (any Error).self) { try command.analysis() }
    do {
      _ = try command.analysis()
    } catch {
      #expect("\(error)".contains(message), "\(error)")
    }
  }

  @Test("Invalid flags are rejected before any work", arguments: [
    ["--function", "x^2", "--lr", "-1"], ["--function", "x^2", "--reduction", "2"],
    ["--function", "x^2", "--format", "csv"],
  ])
  func validation(arguments: [String]) {
    #expect(throws: (any Error).self) { try AnalyzeCommand.parse(arguments) }
  }

  @Test("--help fits 80 columns and names every flag")
  func help() {
    let text = AnalyzeCommand.helpMessage(columns: 80)
    let long = text.split(separator: "\n").filter { $0.count > 80 }
    #expect(long.isEmpty, "\(long)")
    for flag in ["--function", "--at", "--region", "--lr", "--format", "--no-critical-points"] {
      #expect(text.contains(flag), "missing \(flag)")
    }
  }
}
