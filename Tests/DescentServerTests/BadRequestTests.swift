import DescentServer
import Foundation
import Hummingbird
import HummingbirdTesting
import Testing

/// Every kind of bad request gets a 4xx JSON error that says what and where.
@Suite struct BadRequestTests {
  /// One bad request: the endpoint, the body, and what the answer must say.
  struct Case: Sendable, CustomTestStringConvertible {
    var name: String
    var path: String
    var body: String
    var status: Int
    var field: String?
    var message: String
    var testDescription: String { name }
  }

  static let run = #"{"optimizer": {"name": "gd", "learningRate": 0.04}}"#

  static let cases: [Case] = [
    Case(name: "malformed JSON", path: "/api/trajectories", body: #"{"function": "ravine", "runs": [}"#, status: 400,
         field: "body", message: "not valid JSON"),
    Case(name: "empty body", path: "/api/landscape", body: "", status: 400, field: "body", message: "empty"),
    Case(name: "not an object", path: "/api/landscape", body: "[1, 2]", status: 400, field: nil, message: "expected"),
    Case(name: "missing field", path: "/api/trajectories", body: #"{"function": "ravine"}"#, status: 400, field: "runs",
         message: "missing field 'runs'"),
    Case(name: "wrong type", path: "/api/landscape", body: #"{"function": 3}"#, status: 400, field: "function",
         message: "expected a string"),
    Case(name: "wrong type in an array", path: "/api/trajectories",
         body: #"{"function": "ravine", "start": [1, "a"], "runs": [\#(run)]}"#, status: 400, field: "start[1]",
         message: "expected a number"),
    Case(name: "fractional integer", path: "/api/landscape", body: #"{"function": "ravine", "resolution": 10.5}"#,
         status: 400, field: "resolution", message: "expected an integer"),
    Case(name: "unknown field", path: "/api/landscape", body: #"{"function": "ravine", "resolutoin": 10}"#,
         status: 400, field: "resolutoin", message: "did you mean 'resolution'"),
    Case(name: "unknown optimizer setting", path: "/api/trajectories",
         body: #"{"function": "ravine", "runs": [{"optimizer": {"name": "gd", "lr": 0.1}}]}"#, status: 400,
         field: "runs[0].optimizer.lr", message: "unknown optimizer setting 'lr'"),
    Case(name: "unknown optimizer", path: "/api/trajectories",
         body: #"{"function": "ravine", "runs": [{"optimizer": {"name": "gdd", "learningRate": 0.1}}]}"#, status: 400,
         field: "runs[0].optimizer.name", message: "did you mean 'gd'"),
    Case(name: "negative learning rate", path: "/api/trajectories",
         body: #"{"function": "ravine", "runs": [{"optimizer": {"name": "gd", "learningRate": -0.1}}]}"#, status: 400,
         field: "runs[0].optimizer.learningRate", message: "non-negative"),
    Case(name: "bad schedule", path: "/api/trajectories",
         body: #"{"function": "ravine", "runs": [{"optimizer": {"name": "gd"}, "schedule": "cosine:t-mx=10"}]}"#,
         status: 400, field: "runs[0].schedule", message: "t-mx"),
    Case(name: "negative noise", path: "/api/trajectories",
         body: #"{"function": "ravine", "runs": [{"optimizer": {"name": "gd"}, "noise": -1}]}"#, status: 400,
         field: "runs[0].noise", message: "noise"),
    Case(name: "no optimizers", path: "/api/trajectories", body: #"{"function": "ravine", "runs": []}"#, status: 400,
         field: "runs", message: "at least one"),
    Case(name: "too many optimizers", path: "/api/trajectories",
         body: #"{"function": "ravine", "runs": [\#(Array(repeating: run, count: 9).joined(separator: ","))]}"#,
         status: 413, field: "runs", message: "at most 8"),
    Case(name: "too many steps", path: "/api/trajectories",
         body: #"{"function": "ravine", "steps": 20001, "runs": [\#(run)]}"#, status: 413, field: "steps",
         message: "between 1 and 20000"),
    Case(name: "zero steps", path: "/api/trajectories", body: #"{"function": "ravine", "steps": 0, "runs": [\#(run)]}"#,
         status: 400, field: "steps", message: "between 1 and 20000"),
    Case(name: "zero tolerance", path: "/api/trajectories",
         body: #"{"function": "ravine", "tolerance": 0, "runs": [\#(run)]}"#, status: 400, field: "tolerance",
         message: "positive"),
    Case(name: "start out of range", path: "/api/trajectories",
         body: #"{"function": "ravine", "start": [1e300, 0], "runs": [\#(run)]}"#, status: 400, field: "start[0]",
         message: "within"),
    Case(name: "start with three coordinates", path: "/api/trajectories",
         body: #"{"function": "ravine", "start": [1, 2, 3], "runs": [\#(run)]}"#, status: 400, field: "start",
         message: "two coordinates"),
    Case(name: "bad formula", path: "/api/landscape", body: #"{"function": "0.5*x^^2"}"#, status: 400,
         field: "function", message: "after '^'"),
    Case(name: "unknown function in a formula", path: "/api/trajectories",
         body: #"{"function": "sinn(x) + y^2", "runs": [\#(run)]}"#, status: 400, field: "function", message: "sinn"),
    Case(name: "three variables", path: "/api/landscape", body: #"{"function": "x^2 + y^2 + z^2"}"#, status: 400,
         field: "function", message: "two variables"),
    Case(name: "empty formula", path: "/api/landscape", body: #"{"function": "   "}"#, status: 400, field: "function",
         message: "empty"),
    Case(name: "formula too long", path: "/api/landscape",
         body: #"{"function": "\#(String(repeating: "x+", count: 2500))y"}"#, status: 413, field: "function",
         message: "too long"),
    Case(name: "grid too large", path: "/api/landscape", body: #"{"function": "ravine", "resolution": 401}"#,
         status: 413, field: "resolution", message: "between 2 and 400"),
    Case(name: "grid too small", path: "/api/landscape", body: #"{"function": "ravine", "resolution": 1}"#,
         status: 400, field: "resolution", message: "between 2 and 400"),
    Case(name: "unknown contour spacing", path: "/api/landscape", body: #"{"function": "ravine", "spacing": "log"}"#,
         status: 400, field: "spacing", message: "choices: automatic, linear, logarithmic"),
    Case(name: "inverted window", path: "/api/landscape",
         body: #"{"function": "ravine", "window": {"x": [2, -2], "y": [-1, 1]}}"#, status: 400, field: "window.x",
         message: "below the high bound"),
    Case(name: "window with one bound", path: "/api/critical-points",
         body: #"{"function": "ravine", "window": {"x": [2], "y": [-1, 1]}}"#, status: 400, field: "window.x",
         message: "two numbers"),
    Case(name: "huge window", path: "/api/landscape",
         body: #"{"function": "ravine", "window": {"x": [-1e9, 1e9], "y": [-1, 1]}}"#, status: 400, field: "window.x",
         message: "within"),
    Case(name: "curvature without a point", path: "/api/curvature", body: #"{"function": "ravine"}"#, status: 400,
         field: "point", message: "missing field 'point'"),
    Case(name: "curvature with a negative rate", path: "/api/curvature",
         body: #"{"function": "ravine", "point": [0, 0], "learningRate": -1}"#, status: 400, field: "learningRate",
         message: "non-negative"),
    Case(name: "basin map too large", path: "/api/basins",
         body: #"{"function": "ravine", "resolution": 128, "steps": 5000, "run": \#(run)}"#, status: 413,
         field: "resolution", message: "lower the resolution"),
    Case(name: "basin resolution out of range", path: "/api/basins",
         body: #"{"function": "ravine", "resolution": 129, "run": \#(run)}"#, status: 413, field: "resolution",
         message: "between 2 and 128"),
  ]

  @Test(arguments: cases)
  func badRequestGetsAJSONError(_ c: Case) async throws {
    let r = try await withAPI { client in try await client.post(c.path, json: c.body) }
    #expect(Int(r.status.code) == c.status, "\(c.name): \(r.object)")
    #expect(r.errorMessage.contains(c.message), "\(c.name): \(r.errorMessage)")
    if let field = c.field { #expect(r.errorField == field, "\(c.name): field \(r.errorField ?? "nil")") }
    #expect(r.headers[.contentType]?.hasPrefix("application/json") == true)
  }

  /// A formula error carries the column and length of the culprit, for the page's caret.
  @Test func formulaErrorHasItsColumn() async throws {
    let r = try await withAPI { client in try await client.post("/api/landscape", json: #"{"function": "0.5*x^^2"}"#) }
    #expect(r.error?["column"] as? Int == 7)
    #expect(r.error?["length"] as? Int == 1)
    let three = try await withAPI { client in
      try await client.post("/api/landscape", json: #"{"function": "x^2 + y^2 + z^2"}"#)
    }
    #expect(three.error?["column"] as? Int == 13, "the column of the third variable")
  }

  /// An unknown name comes back with the closest valid one.
  @Test func unknownOptimizerHasASuggestion() async throws {
    let r = try await withAPI { client in
      try await client.post("/api/trajectories", json: #"{"function": "ravine", "runs": [{"optimizer": {"name": "sdg"}}]}"#)
    }
    #expect(r.error?["suggestion"] as? String == "sgd")
  }

  @Test func bodyLargerThanTheLimit() async throws {
    let padding = String(repeating: " ", count: 70_000)
    let r = try await withAPI { client in
      try await client.post("/api/landscape", json: #"{"function": "ravine"\#(padding)}"#)
    }
    #expect(r.status == .contentTooLarge)
    #expect(r.errorMessage.contains("65536 bytes"))
  }

  @Test func unknownEndpointAndWrongMethod() async throws {
    let (missing, wrongMethod) = try await withAPI { client in
      (try await client.get("/api/nothing"), try await client.get("/api/trajectories"))
    }
    #expect(missing.status == .notFound)
    #expect(missing.errorMessage.contains("no such endpoint"))
    #expect(wrongMethod.status == .methodNotAllowed)
    #expect(wrongMethod.errorMessage.contains("POST"))
  }
}
