import Foundation
import Testing

/// True once `descent landscape` is registered in the root command (the lead wires it).
let landscapeIsRegistered: Bool = (try? descent(["landscape", "--help"]).status == 0) ?? false

@Suite("descent landscape", .enabled(if: landscapeIsRegistered, "descent landscape is not registered in Descent.swift yet"))
struct LandscapeCommandTests {
  /// A small tanh MLP on moons, full-batch GD: quick in a debug build.
  static func trainArguments(epochs: Int, checkpoint: String, seed: Int = 3) -> [String] {
    [
      "train", "--data", "moons", "--samples", "120", "--model", "mlp:6", "--activation", "tanh", "--optimizer", "gd",
      "--lr", "0.5", "--batch-size", "0", "--epochs", String(epochs), "--seed", String(seed), "--checkpoint", checkpoint,
      "--format", "json",
    ]
  }

  /// Trains and returns the final training loss the train command reported.
  static func train(epochs: Int, into dir: String) throws -> Double {
    let r = try descent(trainArguments(epochs: epochs, checkpoint: dir))
    #expect(r.status == 0, "\(r.stderr)")
    return (try r.json()["result"] as! [String: Any])["trainLoss"] as! Double
  }

  static func close(_ a: Double, _ b: Double, rel: Double) -> Bool { abs(a - b) <= rel * max(abs(a), abs(b)) }

  @Test("spectrum: the checkpoint's data is rebuilt exactly; Lanczos and the dense Hessian agree")
  func spectrumFromCheckpoint() throws {
    let dir = try temporaryDirectory()
    let trainLoss = try Self.train(epochs: 30, into: dir)
    let dense = try descent(["landscape", "spectrum", "--checkpoint", dir, "--top", "2", "--density-probes", "2", "--format", "json"])
    #expect(dense.status == 0, "\(dense.stderr)")
    let d = try dense.json()
    let model = d["model"] as! [String: Any]
    // The same training loss the train command reported (it evaluated in float).
    #expect(Self.close(model["value"] as! Double, trainLoss, rel: 1e-5), "\(model["value"]!) vs train's \(trainLoss)")
    #expect(model["epoch"] as? Int == 30 && model["samples"] as? Int == 96)
    let ds = d["spectrum"] as! [String: Any]
    #expect(ds["method"] as? String == "dense")
    let lanczos = try descent([
      "landscape", "spectrum", "--checkpoint", dir + "/checkpoint.json", "--top", "2", "--dense-limit", "0", "--trace-probes", "400",
      "--density-probes", "0", "--format", "json",
    ])
    #expect(lanczos.status == 0, "\(lanczos.stderr)")
    let ls = try lanczos.json()["spectrum"] as! [String: Any]
    #expect(ls["method"] as? String == "lanczos" && ls["converged"] as? Bool == true)
    let top = ls["topEigenvalues"] as! [Double]
    let exact = ds["topEigenvalues"] as! [Double]
    for k in 0..<2 { #expect(Self.close(top[k], exact[k], rel: 1e-7), "λ\(k + 1): \(top[k]) vs \(exact[k])") }
    let trace = ls["trace"] as! Double
    let error = ls["traceStandardError"] as! Double
    #expect(abs(trace - (ds["trace"] as! Double)) <= 4 * error, "Hutchinson \(trace) ± \(error) vs \(ds["trace"]!)")
  }

  @Test("line: α = 0 and α = 1 are the two checkpoints' losses; plot written")
  func lineBetweenCheckpoints() throws {
    let early = try temporaryDirectory()
    let late = try temporaryDirectory()
    let earlyLoss = try Self.train(epochs: 3, into: early)
    let lateLoss = try Self.train(epochs: 40, into: late)
    let svg = late + "/line.svg"
    let r = try descent([
      "landscape", "line", "--checkpoint", early, "--to", late, "--range", "-0.5:1.5", "--points", "5", "--format", "json",
      "--plot", svg,
    ])
    #expect(r.status == 0, "\(r.stderr)")
    let line = try r.json()["line"] as! [String: Any]
    let alphas = line["alphas"] as! [Double]
    let losses = line["losses"] as! [Double]
    #expect(alphas == [-0.5, 0, 0.5, 1, 1.5])
    #expect(Self.close(losses[1], earlyLoss, rel: 1e-5), "θ(0) \(losses[1]) vs \(earlyLoss)")
    #expect(Self.close(losses[3], lateLoss, rel: 1e-5), "θ(1) \(losses[3]) vs \(lateLoss)")
    #expect(try String(contentsOfFile: svg, encoding: .utf8).hasPrefix("<svg"))
  }

  @Test("slice and plane: the loss at α = 0 is the loss at the weights")
  func sliceAndPlane() throws {
    let dir = try temporaryDirectory()
    _ = try Self.train(epochs: 10, into: dir)
    let s = try descent(["landscape", "slice", "--checkpoint", dir, "--points", "5", "--format", "json", "--plot", dir + "/s.svg"])
    #expect(s.status == 0, "\(s.stderr)")
    let json = try s.json()
    let value = (json["model"] as! [String: Any])["value"] as! Double
    let slice = json["slice"] as! [String: Any]
    #expect((slice["alphas"] as! [Double]) == [-1, -0.5, 0, 0.5, 1])
    #expect((slice["losses"] as! [Double])[2] == value)
    let p = try descent(["landscape", "plane", "--checkpoint", dir, "--points", "3", "--format", "json", "--plot", dir + "/p.svg"])
    #expect(p.status == 0, "\(p.stderr)")
    let surface = try p.json()["surface"] as! [String: Any]
    let rows = surface["losses"] as! [[Double]]
    #expect(rows[1][1] == value)
    // The plane's β = 0 row along d₁ is the slice's direction (same seed, same first draw).
    #expect(rows[1][0] == (slice["losses"] as! [Double])[0])
    #expect(try String(contentsOfFile: dir + "/p.svg", encoding: .utf8).contains("<svg"))
  }

  @Test("sharpness: trained here, measured at the start and every --every epochs")
  func sharpnessTrainedHere() throws {
    let r = try descent([
      "landscape", "sharpness", "--data", "moons", "--samples", "100", "--model", "mlp:6", "--activation", "tanh",
      "--optimizer", "gd", "--lr", "0.5", "--batch-size", "0", "--epochs", "6", "--every", "3", "--format", "json",
    ])
    #expect(r.status == 0, "\(r.stderr)")
    let points = try r.json()["points"] as! [[String: Any]]
    #expect(points.map { $0["epoch"] as! Int } == [0, 3, 6])
    for p in points {
      #expect((p["threshold"] as! Double) == 4)  // 2/η with η = 0.5
      #expect((p["sharpness"] as! Double) > 0)
    }
  }

  @Test("Bad input: flags that contradict --checkpoint, a missing checkpoint, another network, no measurements")
  func errors() throws {
    let dir = try temporaryDirectory()
    _ = try Self.train(epochs: 2, into: dir)
    let a = try descent(["landscape", "slice", "--checkpoint", dir, "--data", "circles"])
    #expect(a.status != 0 && a.stderr.contains("--checkpoint fixes the data, model and weights; drop --data"), "\(a.stderr)")
    let b = try descent(["landscape", "spectrum", "--checkpoint", dir + "/nowhere"])
    #expect(b.status != 0 && b.stderr.contains("no checkpoint at"), "\(b.stderr)")
    let other = try temporaryDirectory()
    var args = Self.trainArguments(epochs: 1, checkpoint: other)
    args[args.firstIndex(of: "mlp:6")!] = "mlp:5"
    #expect(try descent(args).status == 0)
    let c = try descent(["landscape", "line", "--checkpoint", dir, "--to", other])
    #expect(c.status != 0 && c.stderr.contains("holds a 2-5-2 network; θ₀ is 2-6-2"), "\(c.stderr)")
    let d = try descent(["landscape", "sharpness", "--checkpoint", dir])
    #expect(d.status != 0 && d.stderr.contains("--sharpness-every"), "\(d.stderr)")
    let e = try descent(["landscape", "slice", "--checkpoint", dir, "--range", "1:-1"])
    #expect(e.status != 0 && e.stderr.contains("--range needs finite lo < hi"), "\(e.stderr)")
    // A checkpoint whose weights hold a NaN is refused, not analysed into NaNs.
    let url = URL(fileURLWithPath: dir).appendingPathComponent("checkpoint.json")
    var json = try JSONSerialization.jsonObject(with: Data(contentsOf: url)) as! [String: Any]
    var state = json["state"] as! [String: Any]
    var weights = state["parameters"] as! [Any]
    weights[3] = "NaN"
    state["parameters"] = weights
    json["state"] = state
    try JSONSerialization.data(withJSONObject: json).write(to: url)
    let f = try descent(["landscape", "spectrum", "--checkpoint", dir])
    #expect(f.status != 0 && f.stderr.contains("the weights are not finite (parameter 3 is nan"), "\(f.stderr)")
  }
}
