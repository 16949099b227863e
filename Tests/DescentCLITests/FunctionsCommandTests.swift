import Foundation
import Testing

@Suite("descent functions")
struct FunctionsCommandTests {
  @Test("The JSON listing has at least 30 functions with formulas, windows, starts and minima")
  func listing() throws {
    let r = try descent(["functions", "--format", "json"])
    #expect(r.status == 0, "\(r.stderr)")
    let functions = try #require(try r.json()["functions"] as? [[String: Any]])
    #expect(functions.count >= 30)
    for f in functions {
      let name = f["name"] as? String ?? "?"
      #expect((f["formula"] as? String)?.isEmpty == false, "\(name)")
      #expect((f["standardStart"] as? [Double])?.count == f["dimension"] as? Int, "\(name)")
      // Unbounded below: the saddle and the monkey saddle have no minimum.
      let unbounded = ["saddle", "monkey-saddle"].contains(name)
      #expect((f["globalMinima"] as? [Any])?.isEmpty == unbounded, "\(name)")
    }
  }

  @Test("Himmelblau in detail: 4 minima, 1 maximum, 4 saddles, the maximum at (−0.270845, −0.923039)")
  func himmelblau() throws {
    let r = try descent(["functions", "himmelblau", "--format", "json"])
    #expect(r.status == 0)
    let points = try #require(try r.json()["criticalPoints"] as? [[String: Any]])
    let kinds = points.map { $0["kind"] as! String }
    #expect(kinds.filter { $0 == "minimum" }.count == 4)
    #expect(kinds.filter { $0 == "saddle" }.count == 4)
    let maximum = try #require(points.first { $0["kind"] as? String == "maximum" })
    let x = maximum["x"] as! [Double]
    #expect(close(x[0], -0.270845, rel: 1e-5) && close(x[1], -0.923039, rel: 1e-5))
    #expect(close(maximum["value"] as! Double, 181.617, rel: 1e-5))
  }

  @Test("A misspelt name is an error with a suggestion, wherever a function is named")
  func misspelt() throws {
    for args in [["functions", "himmelblow"], ["run", "--function", "himmelblow"], ["analyze", "--function", "rosenbrok"]] {
      let r = try descent(args)
      #expect(r.status != 0)
      #expect(r.stderr.contains("did you mean"), "\(args): \(r.stderr)")
    }
  }

  @Test("N-D functions take --dimension; a dimension they do not take is an error")
  func dimensions() throws {
    let ok = try descent(["run", "--function", "rosenbrock", "--dimension", "5", "--steps", "3", "--format", "json"])
    #expect(ok.status == 0, "\(ok.stderr)")
    let x = ((try ok.json()["result"] as? [String: Any])?["x"] as? [Double]) ?? []
    #expect(x.count == 5)
    let bad = try descent(["run", "--function", "rosenbrock", "--dimension", "1"])
    #expect(bad.status != 0)
    #expect(bad.stderr.contains("--dimension"))
  }
}
