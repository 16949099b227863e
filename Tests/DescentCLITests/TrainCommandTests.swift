import Foundation
import Testing

/// True once `descent train` is registered in the root command (the lead wires it).
let trainIsRegistered: Bool = (try? descent(["train", "--help"]).status == 0) ?? false

/// Writes `text` to a fresh temporary file and returns its path.
func temporaryFile(_ name: String, _ text: String) throws -> String {
  let dir = FileManager.default.temporaryDirectory.appendingPathComponent("descent-train-\(UUID().uuidString)")
  try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
  let url = dir.appendingPathComponent(name)
  try text.write(to: url, atomically: true, encoding: .utf8)
  return url.path
}

func temporaryDirectory() throws -> String {
  let dir = FileManager.default.temporaryDirectory.appendingPathComponent("descent-ckpt-\(UUID().uuidString)")
  try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
  return dir.path
}

/// The weights in a checkpoint file, as bit patterns (exact comparison).
func checkpointWeights(_ dir: String) throws -> (epoch: Int, bits: [UInt32]) {
  let data = try Data(contentsOf: URL(fileURLWithPath: dir).appendingPathComponent("checkpoint.json"))
  let json = try JSONSerialization.jsonObject(with: data) as! [String: Any]
  let state = json["state"] as! [String: Any]
  let parameters = try JSONDecoder().decode(
    [Float].self, from: JSONSerialization.data(withJSONObject: state["parameters"]!))
  return (state["epoch"] as! Int, parameters.map(\.bitPattern))
}

@Suite("descent train", .enabled(if: trainIsRegistered, "descent train is not registered in Descent.swift yet"))
struct TrainCommandTests {
  static let base = [
    "train", "--data", "moons", "--samples", "200", "--model", "mlp:8", "--optimizer", "gd", "--lr", "0.3",
    "--batch-size", "16", "--seed", "3",
  ]

  @Test("A CSV with a text cell on line 17 names line and column and exits non-zero")
  func csvTextCell() throws {
    var lines = ["a,b,petal_width,species"]
    for i in 0..<20 { lines.append("\(i),\(i % 3).5,\(Double(i) / 10),\(i % 2)") }
    lines[16] = "16,1.5,abc,0"  // line 17 of the file
    let path = try temporaryFile("flowers.csv", lines.joined(separator: "\n") + "\n")
    let r = try descent(["train", "--data", path, "--target", "species", "--model", "logistic"])
    #expect(r.status != 0)
    #expect(r.stderr.contains("line 17, column 'petal_width': 'abc' is not a number"), "\(r.stderr)")
  }

  @Test("An unknown target column is an error with a suggestion")
  func unknownTarget() throws {
    let path = try temporaryFile("d.csv", "x,label\n1,0\n2,1\n")
    let r = try descent(["train", "--data", path, "--target", "lable", "--model", "logistic"])
    #expect(r.status != 0 && r.stderr.contains("did you mean 'label'?"), "\(r.stderr)")
  }

  @Test("Stopping via --epochs and resuming gives weights bit-identical to one uninterrupted run")
  func resumeAfterEpochs() throws {
    let straight = try temporaryDirectory()
    let a = try descent(Self.base + ["--epochs", "6", "--checkpoint", straight, "--format", "json"])
    #expect(a.status == 0, "\(a.stderr)")
    let split = try temporaryDirectory()
    let b = try descent(Self.base + ["--epochs", "3", "--checkpoint", split])
    #expect(b.status == 0, "\(b.stderr)")
    #expect(try checkpointWeights(split).epoch == 3)
    let c = try descent(Self.base + ["--epochs", "6", "--checkpoint", split, "--resume", "--format", "json"])
    #expect(c.status == 0, "\(c.stderr)")
    let (e1, w1) = try checkpointWeights(straight)
    let (e2, w2) = try checkpointWeights(split)
    #expect(e1 == 6 && e2 == 6)
    #expect(w1 == w2, "resumed weights differ from the uninterrupted run's")
    // The reports agree too, epoch by epoch.
    let h1 = try a.json()["history"] as! [[String: Any]]
    let h2 = try c.json()["history"] as! [[String: Any]]
    #expect(h1.map { $0["trainLoss"] as! Double } == h2.map { $0["trainLoss"] as! Double })
  }

  @Test("Killing training mid-run and resuming from the last checkpoint ends bit-identical")
  func killAndResume() throws {
    let epochs = "40"
    let straight = try temporaryDirectory()
    let a = try descent(Self.base + ["--epochs", epochs, "--checkpoint", straight])
    #expect(a.status == 0, "\(a.stderr)")

    let killed = try temporaryDirectory()
    let log = killed + "/log.jsonl"
    let process = Process()
    process.executableURL = try descentBinary()
    process.arguments = Self.base + ["--epochs", epochs, "--checkpoint", killed, "--log", log]
    process.standardOutput = FileHandle.nullDevice
    process.standardError = FileHandle.nullDevice
    try process.run()
    // Wait until a few epochs are logged, then SIGKILL (no chance to clean up).
    let deadline = Date().addingTimeInterval(60)
    while Date() < deadline, process.isRunning {
      let lines = (try? String(contentsOfFile: log, encoding: .utf8))?.split(separator: "\n").count ?? 0
      if lines >= 3 { break }
      usleep(1_000)
    }
    let wasRunning = process.isRunning
    kill(process.processIdentifier, SIGKILL)
    process.waitUntilExit()
    let interruptedAt = try checkpointWeights(killed).epoch
    if wasRunning { #expect(interruptedAt < 40, "the run finished before it could be killed") }

    let c = try descent(Self.base + ["--epochs", epochs, "--checkpoint", killed, "--resume", "--log", log])
    #expect(c.status == 0, "\(c.stderr)")
    let (e1, w1) = try checkpointWeights(straight)
    let (e2, w2) = try checkpointWeights(killed)
    #expect(e1 == 40 && e2 == 40)
    #expect(w1 == w2, "weights after kill (at epoch \(interruptedAt)) and resume differ from the uninterrupted run's")
    // The log holds each epoch exactly once.
    let epochsLogged = try String(contentsOfFile: log, encoding: .utf8).split(separator: "\n").map {
      (try JSONSerialization.jsonObject(with: Data($0.utf8)) as! [String: Any])["epoch"] as! Int
    }
    #expect(epochsLogged == Array(1...40))
  }

  @Test("--resume refuses a checkpoint made with other settings")
  func resumeMismatch() throws {
    let dir = try temporaryDirectory()
    #expect(try descent(Self.base + ["--epochs", "1", "--checkpoint", dir]).status == 0)
    var other = Self.base + ["--epochs", "2", "--checkpoint", dir, "--resume"]
    other[other.firstIndex(of: "mlp:8")!] = "mlp:9"
    let r = try descent(other)
    #expect(r.status != 0 && r.stderr.contains("the checkpoint was made with model 2-8-2"), "\(r.stderr)")
  }

  @Test("Linear regression on the built-in linear data reports losses in JSON")
  func linearJSON() throws {
    let r = try descent([
      "train", "--data", "linear", "--model", "linear", "--optimizer", "gd", "--lr", "0.1", "--batch-size", "0",
      "--epochs", "200", "--format", "json",
    ])
    #expect(r.status == 0, "\(r.stderr)")
    let json = try r.json()
    let result = json["result"] as! [String: Any]
    #expect(result["stop"] as? String == "completed")
    #expect((result["validationLoss"] as! Double) < 0.05)  // noise σ = 0.1 → MSE ≈ 0.01
    #expect((json["history"] as! [Any]).count == 200)
  }
}
