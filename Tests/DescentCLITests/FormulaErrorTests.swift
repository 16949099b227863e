import Foundation
import Testing

@Suite("descent run with bad formulas")
struct FormulaErrorTests {
  @Test(
    "Each bad formula gives one clear error with a column and a caret, and a non-zero exit",
    arguments: [
      ("0.5*x^^2", 7), ("sin(x", 6), ("sinh2(x)", 1), ("x^2 +", 6), ("2*sinx", 3), ("", 1),
      (String(repeating: "(", count: 5000) + "x" + String(repeating: ")", count: 5000), 257),
    ])
  func badFormula(formula: String, column: Int) throws {
    let r = try descent(["run", "--function", formula])
    #expect(r.status != 0)
    #expect(r.stdout.isEmpty)
    let lines = r.stderr.split(separator: "\n", omittingEmptySubsequences: false)
    #expect(lines.first?.contains("at column \(column) of --function") == true, "\(r.stderr)")
    #expect(lines.count >= 3 && lines[2].contains("^"), "caret line missing: \(r.stderr)")
  }

  @Test("Suggestions for misspelt names")
  func suggestions() throws {
    #expect(try descent(["run", "--function", "sinh2(x)"]).stderr.contains("did you mean 'sinh'"))
    #expect(try descent(["run", "--function", "2*sinx"]).stderr.contains("did you mean 'sin(x)'"))
  }

  @Test("A 1 MB formula (from a file) is refused quickly with its length")
  func megabyte() throws {
    let url = FileManager.default.temporaryDirectory.appendingPathComponent("descent-1mb-\(UUID().uuidString).txt")
    try String(repeating: "x+", count: 500_000).appending("x").write(to: url, atomically: true, encoding: .utf8)
    defer { try? FileManager.default.removeItem(at: url) }
    let started = Date()
    let r = try descent(["run", "--function", "@" + url.path])
    #expect(r.status != 0)
    #expect(r.stderr.contains("too long"))
    #expect(Date().timeIntervalSince(started) < 10)
  }

  @Test("w^2+3 with lr 0.25 from 2: one step lands on w = 1")
  func oneVariable() throws {
    let r = try descent(["run", "--function", "w^2+3", "--optimizer", "gd", "--lr", "0.25", "--start", "2", "--steps", "1", "--format", "json"])
    #expect(r.status == 0, "\(r.stderr)")
    let trajectory = try #require(try r.json()["trajectory"] as? [[String: Any]])
    #expect(trajectory[1]["x"] as? [Double] == [1])
    #expect(trajectory[1]["loss"] as? Double == 4)
  }
}
