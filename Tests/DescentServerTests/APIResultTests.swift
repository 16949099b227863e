import DescentCore
import DescentOptimizers
import DescentServer
import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Testing

/// The API's answers against closed forms and against the library called directly.
@Suite struct APIResultTests {
  /// Gradient descent on `0.5x² + 10y²` contracts x by `1 − η` and y by `1 − 20η` per step:
  /// `x_k = 1.8·(1 − η)^k`, `y_k = 0.5·(1 − 20η)^k`. The first step is the teaching
  /// navigator's (1.728, 0.100), L = 1.593, ‖∇L‖ = 2.643.
  @Test func ravineGradientDescentMatchesTheClosedForm() async throws {
    let r = try await withAPI { client in
      try await client.post(
        "/api/trajectories",
        json: #"{"function": "narrow-ravine", "start": [1.8, 0.5], "steps": 50, "runs": [{"optimizer": {"name": "gd", "learningRate": 0.04}}]}"#)
    }
    #expect(r.status == .ok)
    let run = try #require((r["runs"] as? [[String: Any]])?.first)
    let t = try #require(run["trajectory"] as? [String: Any])
    let xs = numbers(t["x"])
    let ys = numbers(t["y"])
    let losses = numbers(t["loss"])
    let norms = numbers(t["gradientNorm"])
    #expect(xs.count == 51 && ys.count == 51)
    for k in 0...50 {
      let x = 1.8 * pow(0.96, Double(k))
      let y = 0.5 * pow(0.2, Double(k))
      #expect(close(xs[k], x, relative: 1e-13), "x at step \(k)")
      #expect(close(ys[k], y, relative: 1e-12, floor: 1e-300), "y at step \(k)")
      #expect(close(losses[k], 0.5 * x * x + 10 * y * y, relative: 1e-12), "loss at step \(k)")
      #expect(close(norms[k], (x * x + 400 * y * y).squareRoot(), relative: 1e-12), "‖∇L‖ at step \(k)")
    }
    // To the readouts' three decimals: step 1 of the teaching navigator.
    #expect(String(format: "%.3f", xs[1]) == "1.728")
    #expect(String(format: "%.3f", ys[1]) == "0.100")
    #expect(String(format: "%.3f", losses[1]) == "1.593")
    #expect(String(format: "%.3f", norms[1]) == "2.643")
    #expect(run["settings"] as? String == "gd(lr=0.04)")
    #expect(r.headers[HTTPField.Name("Server-Timing")!] != nil)
  }

  /// The API runs the library's `minimize` with `descent run`'s options: same points, bit
  /// for bit, including a schedule and seeded gradient noise.
  @Test func trajectoriesAreTheLibrarysMinimize() async throws {
    let r = try await withAPI { client in
      try await client.postDecoding(TrajectoryAnswer.self, 
        "/api/trajectories",
        json: #"""
          {"function": "(x^2 + y - 11)^2 + (x + y^2 - 7)^2", "start": [0.5, -0.25], "steps": 200, "tolerance": 1e-9,
           "runs": [{"optimizer": {"name": "gd", "learningRate": 0.01}, "schedule": "cosine:t-max=150",
                     "noise": 0.5, "seed": 42, "clipNorm": 30}]}
          """#)
    }
    let run = try #require(r.runs.first)
    let t = run.trajectory

    let formula = try Formula("(x^2 + y - 11)^2 + (x + y^2 - 7)^2")
    var options = MinimizeOptions()
    options.maxSteps = 200
    options.gradientTolerance = 1e-9
    options.schedule = try ScheduleSpec(parsing: "cosine:t-max=150")
    options.gradientTransform = GradientTransform(noise: 0.5, seed: 42, clipNorm: 30)
    let direct = minimize(
      FormulaObjective<Double>(formula), from: [0.5, -0.25], using: GradientDescent<Double>(learningRate: 0.01),
      options: options)
    #expect(t.x == direct.trajectory.map { $0.x[0] })
    #expect(t.y == direct.trajectory.map { $0.x[1] })
    #expect(t.loss == direct.trajectory.map(\.loss))
    #expect(t.gradientNorm == direct.trajectory.map(\.gradientNorm))
    #expect(t.learningRate == direct.trajectory.map(\.learningRate))
    #expect(run.stopReason == direct.stopReason.rawValue)
  }

  /// A run that reaches the tolerance reports the step it arrived at and what it reached;
  /// one past the stability limit 2/λmax = 0.1 diverges.
  @Test func raceOutcomes() async throws {
    let r = try await withAPI { client in
      try await client.post(
        "/api/trajectories",
        json: #"""
          {"function": "ravine", "start": [1.8, 0.5], "steps": 2000, "tolerance": 1e-6,
           "runs": [{"optimizer": {"name": "gd", "learningRate": 0.04}},
                    {"optimizer": {"name": "gd", "learningRate": 0.11}}]}
          """#)
    }
    let runs = try #require(r["runs"] as? [[String: Any]])
    // ‖∇L‖ ≈ 1.8·0.96^k once y has vanished: first k with 1.8·0.96^k ≤ 1e-6 is 353.
    let expected = Int((log(1e-6 / 1.8) / log(0.96)).rounded(.up))
    #expect(runs[0]["stepsToTolerance"] as? Int == expected)
    #expect((runs[0]["finalPoint"] as? [String: Any])?["kind"] as? String == "minimum")
    #expect(runs[0]["diverged"] as? Bool == false)
    #expect(runs[1]["diverged"] as? Bool == true)
    #expect(runs[1]["stepsToTolerance"] is NSNull)
  }

  /// Grid values are `f` at evenly spaced points (edges included), row-major with y up;
  /// contour points lie on their level.
  @Test func landscapeGridAndContours() async throws {
    let r = try await withAPI { client in
      try await client.post(
        "/api/landscape", json: #"{"function": "0.5*x^2 + 10*y^2", "window": {"x": [-2, 2], "y": [-1, 1]}, "resolution": 101}"#)
    }
    #expect(r.status == .ok)
    let grid = try #require(r["grid"] as? [String: Any])
    let values = numbers(grid["values"])
    #expect(values.count == 101 * 101)
    for (i, j) in [(0, 0), (100, 0), (50, 50), (13, 77), (100, 100)] {
      let x = -2 + 4 * Double(i) / 100
      let y = -1 + 2 * Double(j) / 100
      #expect(close(values[j * 101 + i], 0.5 * x * x + 10 * y * y, relative: 1e-6, floor: 1e-30), "f at (\(i), \(j))")
    }
    let levels = try #require(r["levels"] as? [[String: Any]])
    let contours = try #require(r["contours"] as? [[String: Any]])
    #expect(!levels.isEmpty && !contours.isEmpty)
    let range = numbers(r["range"])
    for c in contours {
      let level = try #require(number(levels[c["level"] as! Int]["value"]))
      let p = numbers(c["points"])
      for k in stride(from: 0, to: p.count, by: 2) {
        let f = 0.5 * p[k] * p[k] + 10 * p[k + 1] * p[k + 1]
        // Linear interpolation on a grid of step 0.04 × 0.02: within 0.2 % of the range.
        #expect(abs(f - level) <= 2e-3 * (range[1] - range[0]))
      }
    }
    let shade = numbers(r["shade"])
    #expect(shade.count == values.count && shade.allSatisfy { $0 >= 0 && $0 <= 254 })
    #expect((r["palette"] as? [String])?.count == 255)
  }

  /// The ravine's Hessian is diag(1, 20): κ = 20, 2/λmax = 0.1, η* = 2/21, and GD at
  /// η = 0.12 diverges along y.
  @Test func curvatureOfTheRavine() async throws {
    let r = try await withAPI { client in
      try await client.post("/api/curvature", json: #"{"function": "ravine", "point": [1.8, 0.5], "learningRate": 0.12}"#)
    }
    #expect(r.status == .ok)
    let here = try #require(r["point"] as? [String: Any])
    let lambdas = numbers(here["eigenvalues"])
    #expect(close(lambdas[0], 1, relative: 1e-12) && close(lambdas[1], 20, relative: 1e-12))
    #expect(close(number(here["conditionNumber"])!, 20, relative: 1e-12))
    #expect(close(number(here["maxStableLearningRate"])!, 0.1, relative: 1e-12))
    #expect(close(number(here["optimalLearningRate"])!, 2.0 / 21, relative: 1e-12))
    #expect((here["contraction"] as? [String: Any])?["diverges"] as? Bool == true)
    let nearest = try #require(r["nearestMinimum"] as? [String: Any])
    let x = numbers(nearest["x"])
    #expect(abs(x[0]) < 1e-9 && abs(x[1]) < 1e-9)
  }

  /// Himmelblau's function has 4 minima, 1 maximum and 4 saddles in [−5, 5]² (Himmelblau
  /// 1972), one minimum at (3, 2).
  @Test func criticalPointsOfHimmelblau() async throws {
    let r = try await withAPI { client in
      try await client.post("/api/critical-points", json: #"{"function": "himmelblau"}"#)
    }
    let points = try #require(r["points"] as? [[String: Any]])
    let kinds = points.compactMap { $0["kind"] as? String }
    #expect(kinds.filter { $0 == "minimum" }.count == 4)
    #expect(kinds.filter { $0 == "maximum" }.count == 1)
    #expect(kinds.filter { $0 == "saddle" }.count == 4)
    #expect(points.contains { p in
      let x = numbers(p["x"])
      return close(x[0], 3, relative: 1e-9) && close(x[1], 2, relative: 1e-9)
    })
  }

  /// On the bowl every start ends at the origin; on the ravine past 2/λmax every start
  /// diverges; on Himmelblau's function the four minima split the plane.
  @Test func basinMaps() async throws {
    let (bowl, ravine, himmelblau) = try await withAPI { client in
      let bowl = try await client.post(
        "/api/basins", json: #"{"function": "bowl", "resolution": 12, "steps": 200, "run": {"optimizer": {"name": "gd", "learningRate": 0.1}}}"#)
      let ravine = try await client.post(
        "/api/basins", json: #"{"function": "ravine", "resolution": 10, "steps": 500, "run": {"optimizer": {"name": "gd", "learningRate": 0.11}}}"#)
      let himmelblau = try await client.post(
        "/api/basins", json: #"{"function": "himmelblau", "resolution": 24, "steps": 2000, "run": {"optimizer": {"name": "gd", "learningRate": 0.01}}}"#)
      return (bowl, ravine, himmelblau)
    }
    let bowlLabels = numbers(bowl["labels"]).map(Int.init)
    let bowlAttractors = try #require(bowl["attractors"] as? [[String: Any]])
    #expect(bowlLabels.count == 144)
    let origin = try #require(bowlAttractors.firstIndex { numbers($0["x"]).allSatisfy { abs($0) < 1e-6 } })
    #expect(bowlLabels.allSatisfy { $0 == origin })

    #expect(numbers(ravine["labels"]).allSatisfy { $0 == -1 })
    #expect(ravine["diverged"] as? Int == 100)

    let labels = numbers(himmelblau["labels"]).map(Int.init)
    let attractors = try #require(himmelblau["attractors"] as? [[String: Any]])
    let minima = attractors.indices.filter { attractors[$0]["kind"] as? String == "minimum" }
    #expect(minima.count == 4)
    for m in minima { #expect(labels.filter { $0 == m }.count > 24, "every minimum has a basin") }
    let counted = attractors.compactMap { $0["count"] as? Int }.reduce(0, +)
    #expect(counted + (himmelblau["diverged"] as! Int) + (himmelblau["unfinished"] as! Int) == 576)
  }

  /// The catalog lists the narrow ravine first and only optimizers the library builds.
  @Test func catalog() async throws {
    let r = try await withAPI { client in try await client.get("/api/catalog") }
    let functions = try #require(r["functions"] as? [[String: Any]])
    #expect(functions.first?["name"] as? String == "narrow-ravine")
    #expect(functions.first?["formula"] as? String == "0.5*x^2 + 10*y^2")
    let optimizers = try #require(r["optimizers"] as? [[String: Any]])
    for o in optimizers {
      let name = try #require(o["name"] as? String)
      #expect((try? OptimizerSpec(name: name, learningRate: number(o["learningRate"])).make(Double.self)) != nil)
    }
    #expect(optimizers.contains { $0["name"] as? String == "gd" })
  }

  /// The page and its assets are served from the bundle.
  @Test func pageIsServed() async throws {
    try await withAPI { client in
      for (path, type) in [("/", "text/html"), ("/app.js", "text/javascript"), ("/style.css", "text/css"), ("/favicon.svg", "image/svg+xml")] {
        try await client.execute(uri: path, method: .get) { response in
          #expect(response.status == .ok, "\(path)")
          #expect(response.headers[.contentType]?.hasPrefix(type) == true, "\(path)")
          #expect(response.body.readableBytes > 100, "\(path)")
        }
      }
      try await client.execute(uri: "/index.html", method: .get) { response in
        let html = String(buffer: response.body)
        #expect(!html.contains("http://") && !html.contains("https://"), "no external resources")
      }
    }
  }

  /// Concurrent users: many requests at once all get their own, correct answer.
  @Test func concurrentRequests() async throws {
    let results = try await withAPI { client in
      try await withThrowingTaskGroup(of: (Double, Double).self) { group in
        for k in 1...12 {
          let lr = 0.005 * Double(k)
          group.addTask {
            let r = try await client.post(
              "/api/trajectories",
              json: #"{"function": "ravine", "start": [1.8, 0.5], "steps": 10, "runs": [{"optimizer": {"name": "gd", "learningRate": \#(lr)}}]}"#)
            let t = ((r["runs"] as! [[String: Any]])[0]["trajectory"] as! [String: Any])
            return (lr, numbers(t["x"])[10])
          }
        }
        var all: [(Double, Double)] = []
        for try await r in group { all.append(r) }
        return all
      }
    }
    #expect(results.count == 12)
    for (lr, x10) in results { #expect(close(x10, 1.8 * pow(1 - lr, 10), relative: 1e-13)) }
  }
}
