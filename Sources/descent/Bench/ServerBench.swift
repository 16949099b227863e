import ArgumentParser
import DescentServer
import Dispatch
import Foundation

/// `descent bench server`: server time of the navigator's API for what the page asks when a
/// race starts — trajectories of four optimizers × 1,000 steps, and a 200 × 200 landscape —
/// measured in-process through ``NavigatorAPI/respond(path:body:)``: decoding, checks, the
/// computation and the JSON encoding, everything but the socket. Build with `-c release`.
///
/// The optimizers are gd, momentum, nesterov and adam where the library has them (others
/// are replaced by gd at other rates, and the table says so). The tolerance is tiny so that
/// every run takes its 1,000 steps.
struct ServerBench: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "server",
    abstract: "Time the navigator API: 4 optimizers × 1,000 steps and a 200×200 landscape.")

  @Option(help: "Landscape (catalog name or formula).")
  var function: String = "himmelblau"

  @Option(help: "Steps per optimizer.")
  var steps: Int = 1000

  @Option(help: "Landscape grid points per axis.")
  var resolution: Int = 200

  @Option(help: "Repetitions; the median and the fastest are reported.")
  var repetitions: Int = 31

  @Flag(help: "Ask for the landscape's grid values too (the page does not).")
  var withValues = false

  @Option(help: "Output format: table or json.")
  var format: OutputFormat = .table

  private var json: Bool { format == .json }

  func validate() throws {
    if format == .csv { throw ValidationError("--format csv is not available here; use table or json") }
    guard repetitions > 0 else { throw ValidationError("--repetitions must be positive") }
  }

  func run() throws {
    let wanted: [(String, String)] = [
      ("gd", #"{"name": "gd", "learningRate": 0.01}"#),
      ("momentum", #"{"name": "momentum", "learningRate": 0.005, "momentum": 0.9}"#),
      ("nesterov", #"{"name": "nesterov", "learningRate": 0.005, "momentum": 0.9}"#),
      ("adam", #"{"name": "adam", "learningRate": 0.05}"#),
    ]
    var runs: [String] = []
    var used: [String] = []
    for (i, (name, spec)) in wanted.enumerated() {
      let probe = #"{"function": "bowl", "steps": 1, "runs": [{"optimizer": \#(spec)}]}"#
      if call("/api/trajectories", probe).status == 200 {
        runs.append(#"{"optimizer": \#(spec)}"#)
        used.append(name)
      } else {
        let lr = [0.01, 0.005, 0.002, 0.001][i]
        runs.append(#"{"optimizer": {"name": "gd", "learningRate": \#(lr)}}"#)
        used.append("gd(lr=\(lr)) for \(name)")
      }
    }
    let functionJSON = String(decoding: try JSONEncoder().encode(function), as: UTF8.self)
    let trajectories = #"{"function": \#(functionJSON), "start": [0.5, -0.25], "steps": \#(steps), "tolerance": 1e-300, "runs": [\#(runs.joined(separator: ","))]}"#
    // As the page asks: contours and colours, without the raw values (`--with-values` adds them).
    let landscape = #"{"function": \#(functionJSON), "resolution": \#(resolution), "levels": 16, "values": \#(withValues)}"#

    let (status, body) = call("/api/trajectories", trajectories)
    guard status == 200 else { throw ValidationError(String(decoding: body, as: UTF8.self)) }
    let (landscapeStatus, landscapeBody) = call("/api/landscape", landscape)
    guard landscapeStatus == 200 else { throw ValidationError(String(decoding: landscapeBody, as: UTF8.self)) }

    // Wall-clock and CPU time (the process's: the call runs on one worker thread while this
    // thread waits). On a loaded machine the CPU time is the server time the request costs.
    var trajectorySeconds: [Double] = []
    var landscapeSeconds: [Double] = []
    var bothSeconds: [Double] = []
    var trajectoryCPU: [Double] = []
    var landscapeCPU: [Double] = []
    var bothCPU: [Double] = []
    let clock = ContinuousClock()
    for _ in 0..<repetitions {
      let c0 = cpuSeconds()
      let t0 = clock.now
      _ = call("/api/trajectories", trajectories)
      let t1 = clock.now
      let c1 = cpuSeconds()
      _ = call("/api/landscape", landscape)
      let t2 = clock.now
      let c2 = cpuSeconds()
      trajectorySeconds.append((t1 - t0).seconds)
      landscapeSeconds.append((t2 - t1).seconds)
      bothSeconds.append((t2 - t0).seconds)
      trajectoryCPU.append(c1 - c0)
      landscapeCPU.append(c2 - c1)
      bothCPU.append(c2 - c0)
    }
    func median(_ v: [Double]) -> Double { v.sorted()[v.count / 2] }
    let rows: [(String, [Double], [Double], Int)] = [
      ("trajectories: 4 × \(steps) steps", trajectorySeconds, trajectoryCPU, body.count),
      ("landscape: \(resolution)×\(resolution) grid", landscapeSeconds, landscapeCPU, landscapeBody.count),
      ("both (one race start)", bothSeconds, bothCPU, body.count + landscapeBody.count),
    ]
    if json {
      var object: [String: Any] = ["function": function, "optimizers": used, "repetitions": repetitions]
      object["results"] = rows.map {
        [
          "name": $0.0, "medianMs": median($0.1) * 1e3, "minMs": $0.1.min()! * 1e3,
          "medianCPUMs": median($0.2) * 1e3, "minCPUMs": $0.2.min()! * 1e3, "bytes": $0.3,
        ]
      }
      let data = try JSONSerialization.data(withJSONObject: object, options: [.sortedKeys])
      print(String(decoding: data, as: UTF8.self))
      return
    }
    print("function    \(function)")
    print("optimizers  \(used.joined(separator: ", "))")
    print("")
    print("                                     wall clock ms        CPU ms")
    print("request                              median     min   median     min   response")
    for (name, samples, cpu, bytes) in rows {
      print(
        name.padding(toLength: 36, withPad: " ", startingAt: 0)
          + String(
            format: "%7.2f %7.2f  %7.2f %7.2f  %6.0f kB", median(samples) * 1e3, samples.min()! * 1e3,
            median(cpu) * 1e3, cpu.min()! * 1e3, Double(bytes) / 1e3))
    }
  }

  /// One in-process API call, waited for.
  private func call(_ path: String, _ body: String) -> (status: Int, body: [UInt8]) {
    let box = ResultBox()
    let done = DispatchSemaphore(value: 0)
    let bytes = Array(body.utf8)
    Task {
      box.value = await NavigatorAPI.respond(path: path, body: bytes)
      done.signal()
    }
    done.wait()
    return box.value!
  }
}

/// CPU seconds used by this process so far (all threads).
private func cpuSeconds() -> Double {
  var t = timespec()
  clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &t)
  return Double(t.tv_sec) + Double(t.tv_nsec) * 1e-9
}

private final class ResultBox: @unchecked Sendable {
  var value: (status: Int, body: [UInt8])?
}

extension Duration {
  fileprivate var seconds: Double {
    Double(components.seconds) + Double(components.attoseconds) * 1e-18
  }
}
