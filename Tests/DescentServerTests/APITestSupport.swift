import DescentServer
import Foundation
import Hummingbird
import HummingbirdTesting
import NIOCore
import Testing

/// A response read as JSON.
struct JSONResponse: @unchecked Sendable {
  var status: HTTPResponse.Status
  var headers: HTTPFields
  var object: [String: Any]

  subscript(key: String) -> Any? { object[key] }

  /// The `error` object of a 4xx answer.
  var error: [String: Any]? { object["error"] as? [String: Any] }
  var errorMessage: String { (error?["message"] as? String) ?? "" }
  var errorField: String? { error?["field"] as? String }
}

/// Sends requests to the router in-process (`app.test(.router)`), as the page would.
func withAPI<Value: Sendable>(_ body: @Sendable (any TestClientProtocol) async throws -> Value) async throws -> Value {
  let app = Application(router: buildRouter())
  return try await app.test(.router, body)
}

extension TestClientProtocol {
  func post(_ path: String, json: String) async throws -> JSONResponse {
    try await execute(uri: path, method: .post, headers: [.contentType: "application/json"], body: ByteBuffer(string: json)) {
      response in try JSONResponse(response)
    }
  }

  func post(_ path: String, object: [String: Any]) async throws -> JSONResponse {
    let data = try JSONSerialization.data(withJSONObject: object)
    return try await post(path, json: String(decoding: data, as: UTF8.self))
  }

  /// Decodes with `JSONDecoder`, which reads numbers exactly (Foundation's
  /// `JSONSerialization` on Linux can be one unit in the last place off).
  func postDecoding<T: Decodable & Sendable>(_ type: T.Type, _ path: String, json: String) async throws -> T {
    try await execute(uri: path, method: .post, headers: [.contentType: "application/json"], body: ByteBuffer(string: json)) {
      response in try JSONDecoder().decode(T.self, from: Data(response.body.readableBytesView))
    }
  }

  func get(_ path: String) async throws -> JSONResponse {
    try await execute(uri: path, method: .get) { response in try JSONResponse(response) }
  }
}

extension JSONResponse {
  init(_ response: TestResponse) throws {
    status = response.status
    headers = response.headers
    let data = Data(response.body.readableBytesView)
    let parsed = try JSONSerialization.jsonObject(with: data)
    guard let object = parsed as? [String: Any] else {
      throw TestFailure("the response is not a JSON object: \(String(decoding: data, as: UTF8.self))")
    }
    self.object = object
  }
}

struct TestFailure: Error, CustomStringConvertible {
  var description: String
  init(_ description: String) { self.description = description }
}

/// `|a − b| ≤ tolerance · max(|a|, |b|, floor)`.
func close(_ a: Double, _ b: Double, relative tolerance: Double = 1e-12, floor: Double = 1e-300) -> Bool {
  abs(a - b) <= tolerance * max(abs(a), abs(b), floor)
}

func numbers(_ value: Any?) -> [Double] {
  (value as? [Any])?.compactMap { ($0 as? NSNumber)?.doubleValue } ?? []
}

func number(_ value: Any?) -> Double? { (value as? NSNumber)?.doubleValue }

/// The parts of a trajectories answer that are compared bit for bit.
struct TrajectoryAnswer: Decodable, Sendable {
  struct Run: Decodable, Sendable {
    struct Trajectory: Decodable, Sendable {
      var step: [Int]
      var x: [Double]
      var y: [Double]
      var loss: [Double]
      var gradientNorm: [Double]
      var learningRate: [Double]
    }
    var settings: String
    var stopReason: String
    var trajectory: Trajectory
  }
  var runs: [Run]
}
