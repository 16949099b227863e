import Foundation
import Testing

@Suite("descent run says what it stopped at")
struct RunFinalPointTests {
  @Test("A converged run's JSON result has finalPoint; the table has a 'stopped at' line")
  func finalPoint() throws {
    let json = try descent(["run", "--function", "x^2", "--lr", "0.5", "--start", "1", "--format", "json"])
    #expect(json.status == 0, "\(json.stderr)")
    let result = try #require(try json.json()["result"] as? [String: Any])
    #expect(result["stopReason"] as? String == "gradientTolerance")
    let final = try #require(result["finalPoint"] as? [String: Any])
    #expect(final["kind"] as? String == "minimum")
    #expect(close((final["minEigenvalue"] as? Double) ?? 0, 2, rel: 1e-6))
    let table = try descent(["run", "--function", "x^2", "--lr", "0.5", "--start", "1"])
    #expect(table.stdout.contains("stopped at"))
    #expect(table.stdout.contains("minimum (λ = 2)"))
  }

  @Test("A run that hits the step budget has no finalPoint")
  func notConverged() throws {
    let json = try descent(["run", "--function", "x^2", "--lr", "0.1", "--start", "1", "--steps", "3", "--format", "json"])
    let result = try #require(try json.json()["result"] as? [String: Any])
    #expect(result["finalPoint"] == nil)
  }

  @Test("A run whose line search fails away from a stationary point says it is not classified, and why")
  func stallNotClassified() throws {
    let table = try descent(["run", "--function", "abs(x) + y^2", "--optimizer", "lbfgs", "--start", "1,1"])
    #expect(table.stdout.contains("[lineSearchFailed]"), "\(table.stdout)")
    #expect(table.stdout.contains("not classified: not near-stationary (relative gradient"), "\(table.stdout)")
    let json = try descent(["run", "--function", "abs(x) + y^2", "--optimizer", "lbfgs", "--start", "1,1", "--format", "json"])
    let result = try #require(try json.json()["result"] as? [String: Any])
    #expect(result["stopReason"] as? String == "lineSearchFailed" && result["finalPoint"] == nil)
  }
}
