import DescentCore
import Foundation
import Testing

/// The Moré–Garbow–Hillstrom problems from the command line, as a user runs them.
@Suite("descent with the MGH problems")
struct MGHCommandTests {
  private func result(_ r: CLIResult) throws -> [String: Any] {
    #expect(r.status == 0, "\(r.stderr)")
    return try #require(try r.json()["result"] as? [String: Any])
  }

  @Test("`functions --format json` lists all 32 MGH problems beside the catalog; --suite picks one list")
  func listing() throws {
    let all = try descent(["functions", "--format", "json"]).json()
    let problems = try #require(all["mghProblems"] as? [[String: Any]])
    #expect(problems.map { $0["name"] as? String } == MGH.entries.map { "mgh:\($0.name)" })
    #expect((all["functions"] as? [Any])?.count == Catalog.all.count)
    for p in problems {
      let name = p["name"] as? String ?? "?"
      #expect(p["formula"] == nil, "\(name)")
      #expect((p["standardStart"] as? [Double])?.count == p["dimension"] as? Int, "\(name)")
      #expect((p["residualCount"] as? Int ?? 0) >= (p["dimension"] as? Int ?? 1), "\(name)")
    }
    let mghOnly = try descent(["functions", "--suite", "mgh", "--format", "json"]).json()
    #expect(mghOnly["functions"] == nil && (mghOnly["mghProblems"] as? [Any])?.count == 32)
    let table = try descent(["functions"]).stdout
    #expect(table.contains("Moré–Garbow–Hillstrom problems") && table.contains("mgh:biggs-exp6"))
    let catalogOnly = try descent(["functions", "--suite", "catalog"]).stdout
    #expect(!catalogOnly.contains("mgh:"))
  }

  @Test("`functions mgh:biggs-exp6` shows the number, m, n, start and published minima, no formula")
  func detail() throws {
    let r = try descent(["functions", "mgh:biggs-exp6"])
    #expect(r.status == 0, "\(r.stderr)")
    for text in ["MGH problem 18, Biggs EXP6", "m = 13 residuals in n = 6 variables", "(1, 2, 1, 1, 1, 1)", "0.00565565"] {
      #expect(r.stdout.contains(text), "\(text) in \(r.stdout)")
    }
    #expect(!r.stdout.contains("\nformula "))
    let json = try descent(["functions", "watson", "--dimension", "12", "--format", "json"]).json()
    #expect(json["dimension"] as? Int == 12 && json["minimumValue"] as? Double == 4.72238e-10)
    // A name both suites have stays the catalog's; mgh: picks the problem.
    #expect(try descent(["functions", "rosenbrock"]).stdout.contains("formula"))
    #expect(try descent(["functions", "mgh:rosenbrock"]).stdout.contains("MGH problem 1, Rosenbrock"))
  }

  /// L-BFGS from the standard start to the published f*, through the CLI (JSON), on
  /// problems of several shapes: f* = 0, f* > 0 printed to 6 digits, variable size.
  @Test(
    "run --optimizer lbfgs reaches the published f* (relative 1e-6)",
    arguments: [
      ("beale", nil), ("helical-valley", nil), ("bard", nil), ("box3d", nil), ("kowalik-osborne", nil),
      ("wood", nil), ("penalty1", 4), ("extended-rosenbrock", 20), ("watson", nil),
    ] as [(String, Int?)])
  func lbfgsReachesFStar(name: String, dimension: Int?) throws {
    var args = ["run", "--function", "mgh:\(name)", "--optimizer", "lbfgs", "--gradient-tolerance", "1e-10",
                "--steps", "3000", "--every", "1000", "--format", "json"]
    if let dimension { args += ["--dimension", "\(dimension)"] }
    let output = try descent(args)
    let r = try result(output)
    let loss = try #require(r["loss"] as? Double)
    let fStar = try #require((try output.json()["function"] as? [String: Any])?["minimumValue"] as? Double)
    // The published value (6 digits where it is not exact), from the library's tables.
    let published = try #require(
      MGH.entries.first { $0.name == name }?.problem(dimension: dimension ?? (r["x"] as! [Double]).count)
        .publishedMinima.first)
    if published.value == 0 {
      #expect(fStar == 0)
      #expect(loss <= 1e-10, "\(name): f = \(loss)")
    } else {
      // Printed to 6 digits, truncated (Bard's 8.2148773e-3 is printed 8.21487e-3): within
      // one unit of the last digit (≤ 1e-5 relative).
      let digits = try #require(published.significantDigits)
      var unit = 1.0
      var scale = published.value
      while scale >= 10 { scale /= 10; unit *= 10 }
      while scale < 1 { scale *= 10; unit /= 10 }
      for _ in 1..<digits { unit /= 10 }
      #expect(abs(loss - published.value) <= unit, "\(name): f = \(loss), published \(published.value)")
      // Where the f* the CLI uses is the precise one (the standard sizes), to 1e-6.
      if let precise = MGH.preciseMinima[name], precise.dimension == (dimension ?? precise.dimension) {
        #expect(abs(loss - fStar) <= 1e-6 * fStar, "\(name): f = \(loss), f* = \(fStar)")
      }
    }
    // Watson's Hessian at the minimum has κ > 10⁶, past the classifier's relative
    // tolerance: "degenerate" there (never a saddle).
    #expect((r["finalPoint"] as? [String: Any])?["kind"] as? String == (name == "watson" ? "degenerate" : "minimum"), "\(name)")
  }

  @Test("L-BFGS on Biggs EXP6 stops on a failed line search and says it is at a saddle, with λmin and the way out")
  func biggsSaddle() throws {
    let args = ["run", "--function", "mgh:biggs-exp6", "--optimizer", "lbfgs", "--gradient-tolerance", "1e-10"]
    let r = try result(try descent(args + ["--format", "json"]))
    #expect(r["stopReason"] as? String == "lineSearchFailed")
    #expect(abs((r["loss"] as? Double ?? 0) - 5.65564992549993e-3) <= 1e-9 * 5.66e-3)
    let final = try #require(r["finalPoint"] as? [String: Any])
    #expect(final["kind"] as? String == "saddle")
    // λmin ≈ −9.803e−3 along (e₅ − e₁)/√2 (MGHConvergenceTests.biggsSaddle).
    #expect(abs((final["minEigenvalue"] as? Double ?? 0) + 9.803e-3) <= 1e-5)
    let d = try #require(final["escapeDirection"] as? [Double])
    #expect(abs(abs(d[0]) - 0.5.squareRoot()) <= 1e-4 && abs(d[0] + d[4]) <= 1e-4, "\(d)")
    let table = try descent(args)
    #expect(table.stdout.contains("[lineSearchFailed]"))
    #expect(table.stdout.contains("SADDLE, not a minimum: λmin = -0.0098"), "\(table.stdout)")
    #expect(!table.stdout.contains("stopped at   minimum"))
    // Newton leaves the saddle for the global minimum f = 0.
    let newton = try result(try descent(["run", "--function", "mgh:biggs-exp6", "--optimizer", "newton", "--format", "json"]))
    #expect((newton["loss"] as? Double ?? 1) <= 1e-16)
    #expect((newton["finalPoint"] as? [String: Any])?["kind"] as? String != "saddle")
  }

  @Test("The bare name works where the catalog lacks it; --dimension sizes the variable problems")
  func bareNamesAndSizes() throws {
    let r = try result(try descent(["run", "--function", "biggs-exp6", "--steps", "2", "--format", "json"]))
    #expect((r["x"] as? [Double])?.count == 6)
    let ext = try descent(["run", "--function", "mgh:extended-rosenbrock", "--dimension", "4", "--steps", "2", "--format", "json"])
    #expect((try result(ext)["x"] as? [Double])?.count == 4)
    let function = try #require(try ext.json()["function"] as? [String: Any])
    #expect(function["name"] as? String == "mgh:extended-rosenbrock" && function["formula"] == nil)
    #expect((function["leastSquares"] as? [String: Any])?["number"] as? Int == 21)
  }

  @Test("Unknown names and sizes a problem does not take are errors that say what is accepted")
  func errors() throws {
    let cases: [([String], String)] = [
      (["run", "--function", "mgh:biggs-exp"], "did you mean 'mgh:biggs-exp6'?"),
      (["run", "--function", "biggs-exp"], "did you mean 'mgh:biggs-exp6'?"),
      (["run", "--function", "biggs"], "did you mean 'mgh:biggs-exp6'?"),
      (["analyze", "--function", "mgh:bead"], "did you mean 'mgh:beale'?"),
      (["functions", "kowalik"], "did you mean 'mgh:kowalik-osborne'?"),
      (["run", "--function", "mgh:biggs-exp6", "--dimension", "4"], "--dimension: mgh:biggs-exp6 does not take 4 variables (accepted: n = 6)"),
      (["run", "--function", "mgh:extended-rosenbrock", "--dimension", "5"], "even n from 2 to 1000"),
      (["functions", "mgh:watson", "--dimension", "40"], "2 ≤ n ≤ 31"),
      (["compare", "--function", "mgh:penalty1", "--dimension", "7", "--optimizers", "lbfgs", "--target", "gap"],
       "--target gap needs the function's minimum value f*"),
    ]
    for (args, message) in cases {
      let r = try descent(args)
      #expect(r.status != 0, "\(args)")
      #expect(r.stderr.contains(message), "\(args): \(r.stderr)")
    }
  }

  @Test("analyze, compare --target gap, check and --plot work without a formula")
  func otherCommands() throws {
    let analyze = try descent(["analyze", "--function", "mgh:beale", "--format", "json"]).json()
    let points = try #require(analyze["criticalPoints"] as? [[String: Any]])
    #expect(points.contains { $0["kind"] as? String == "minimum" && close(($0["x"] as! [Double])[0], 3, rel: 1e-8) })
    let compare = try descent([
      "compare", "--function", "mgh:bard", "--optimizers", "lbfgs,bfgs,newton", "--target", "gap", "--tolerance", "1e-12",
      "--format", "json",
    ])
    #expect(compare.status == 0, "\(compare.stderr)")
    let check = try descent(["check", "--function", "mgh:osborne2"])
    #expect(check.status == 0 && check.stdout.contains("MGH 19, Osborne 2"), "\(check.stderr)")
    let dir = FileManager.default.temporaryDirectory.appendingPathComponent("mgh-plot-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(at: dir) }
    for (function, kind) in [("mgh:freudenstein-roth", "landscape"), ("mgh:bard", "loss")] {
      let path = dir.appendingPathComponent("\(kind).svg").path
      let r = try descent(["run", "--function", function, "--optimizer", "lbfgs", "--plot", path])
      #expect(r.status == 0, "\(r.stderr)")
      let svg = try String(contentsOfFile: path, encoding: .utf8)
      #expect(svg.contains("<svg") && svg.contains("MGH"), "\(function)")
    }
  }
}
