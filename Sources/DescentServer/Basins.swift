import DescentAnalysis
import DescentCore
import DescentOptimizers
import Foundation

/// `POST /api/basins`: the basin-of-attraction map — for every start on a grid over the
/// window, where the chosen optimizer ends: which critical point, or diverged, or still
/// travelling when the step budget ran out.
///
/// Every start runs the library's `minimize` with the request's optimizer, schedule and
/// gradient transform (a fresh optimizer each time). A run belongs to a critical point when
/// its final point lies within 1 % of the window's diagonal of it (the critical points of the
/// window, plus any other point runs converge to, clustered the same way). Starts are cell
/// centres, `labels` is row-major with `y` increasing:
///
/// ```json
/// {"window": {...}, "resolution": 48, "steps": 300,
///  "labels": [0, 0, 1, -1, -2, …],          (index into attractors; -1 diverged; -2 unfinished)
///  "attractors": [{"x": [x, y], "value": f, "kind": "minimum", "count": 812}, …],
///  "diverged": 17, "unfinished": 3, "seconds": 0.21}
/// ```
enum Basins {
  static let diverged = -1
  static let unfinished = -2

  struct Outcome: Sendable {
    var x: [Double]
    var stop: StopReason
  }

  static func respond(_ request: BasinRequest) async throws -> [UInt8] {
    let function = try NavigatorFunction.resolve(request.function)
    let window = try request.window.map { w throws(APIError) in try w.ranges(field: "window") } ?? function.window
    let n = try checkedInt(request.resolution, default: 48, in: ServerLimits.basinResolution, field: "resolution")
    let steps = try checkedInt(request.steps, default: 300, in: ServerLimits.basinSteps, field: "steps")
    guard n * n * steps <= ServerLimits.maximumBasinWork else {
      throw APIError.tooLarge(
        "resolution",
        "a basin map may take at most \(ServerLimits.maximumBasinWork) steps in all (resolution² × steps = \(n)² × \(steps) = \(n * n * steps)); lower the resolution or the steps"
      )
    }
    let tolerance = try checkedTolerance(request.tolerance, field: "tolerance")
    let run = try Trajectories.prepare(request.run, field: "run")

    let clock = ContinuousClock()
    let began = clock.now
    let outcomes = await runAll(function, run: run, window: window, resolution: n, steps: steps, tolerance: tolerance)
    let critical = CriticalPoints.find(function, window: window).points

    // Assign each end point to a critical point, or to a new attractor.
    let diagonal = ((window[0].upperBound - window[0].lowerBound) * (window[0].upperBound - window[0].lowerBound)
      + (window[1].upperBound - window[1].lowerBound) * (window[1].upperBound - window[1].lowerBound)).squareRoot()
    let radius = 0.01 * diagonal
    var attractors: [(x: [Double], value: Double?, kind: String?, count: Int)] = critical.map {
      ($0.x, $0.value, $0.kind.rawValue, 0)
    }
    func nearest(_ x: [Double]) -> Int? {
      var best: (Int, Double)?
      for (i, a) in attractors.enumerated() {
        let d = ((a.x[0] - x[0]) * (a.x[0] - x[0]) + (a.x[1] - x[1]) * (a.x[1] - x[1])).squareRoot()
        if d <= radius, d < (best?.1 ?? .infinity) { best = (i, d) }
      }
      return best?.0
    }
    var labels = [Int](repeating: unfinished, count: outcomes.count)
    var divergedCount = 0
    var unfinishedCount = 0
    for (i, outcome) in outcomes.enumerated() {
      if outcome.stop.isDivergence {
        labels[i] = diverged
        divergedCount += 1
      } else if let a = nearest(outcome.x) {
        labels[i] = a
        attractors[a].count += 1
      } else if outcome.stop.isConvergence {
        attractors.append((outcome.x, nil, nil, 1))
        labels[i] = attractors.count - 1
      } else {
        unfinishedCount += 1
      }
    }
    // Describe the attractors found outside the list of critical points.
    let objective = function.objective()
    for i in attractors.indices where attractors[i].kind == nil {
      attractors[i].value = objective.value(at: attractors[i].x)
      attractors[i].kind = objective.classifyPoint(at: attractors[i].x)?.kind.rawValue ?? "unknown"
    }

    var w = JSONWriter(capacity: n * n * 3 + 4096)
    w.beginObject()
    w.key("window")
    writeWindow(window, into: &w)
    w.key("resolution")
    w.integer(n)
    w.key("steps")
    w.integer(steps)
    w.key("labels")
    w.integers(labels)
    w.key("attractors")
    w.beginArray()
    for a in attractors {
      w.beginObject()
      w.key("x")
      w.numbers(a.x)
      w.key("value")
      w.number(a.value)
      w.key("kind")
      w.string(a.kind)
      w.key("count")
      w.integer(a.count)
      w.endObject()
    }
    w.endArray()
    w.key("diverged")
    w.integer(divergedCount)
    w.key("unfinished")
    w.integer(unfinishedCount)
    w.key("seconds")
    w.number((clock.now - began).seconds)
    w.endObject()
    return w.bytes
  }

  /// Runs every start, the rows split across the machine's cores.
  static func runAll(
    _ function: NavigatorFunction, run: Trajectories.PreparedRun, window: [ClosedRange<Double>], resolution n: Int,
    steps: Int, tolerance: Double
  ) async -> [Outcome] {
    let workers = max(1, min(n, ProcessInfo.processInfo.activeProcessorCount))
    let rowsPerWorker = (n + workers - 1) / workers
    let options = run.options(steps: steps, tolerance: tolerance, record: false)
    let dx = (window[0].upperBound - window[0].lowerBound) / Double(n)
    let dy = (window[1].upperBound - window[1].lowerBound) / Double(n)
    return await withTaskGroup(of: (Int, [Outcome]).self) { group in
      for worker in 0..<workers {
        let rows = (worker * rowsPerWorker)..<min(n, (worker + 1) * rowsPerWorker)
        if rows.isEmpty { continue }
        group.addTask {
          let objective = function.objective()
          var outcomes: [Outcome] = []
          outcomes.reserveCapacity(rows.count * n)
          for j in rows {
            for i in 0..<n {
              let start = [window[0].lowerBound + (Double(i) + 0.5) * dx, window[1].lowerBound + (Double(j) + 0.5) * dy]
              var optimizer = run.makeOptimizer()
              let result = minimize(dynamic: objective, from: start, using: &optimizer, options: options)
              outcomes.append(Outcome(x: result.x, stop: result.stopReason))
            }
          }
          return (rows.lowerBound, outcomes)
        }
      }
      var all = [Outcome?](repeating: nil, count: n * n)
      for await (firstRow, outcomes) in group {
        for (k, o) in outcomes.enumerated() { all[firstRow * n + k] = o }
      }
      return all.map { $0! }
    }
  }
}
