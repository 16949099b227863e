import Foundation

/// The JSON API without HTTP: what the routes call after reading the body, for benchmarks
/// and tools that want the server's answers in-process.
public enum NavigatorAPI {
  /// The API's `POST` endpoints, by path.
  public static let postEndpoints = ["/api/landscape", "/api/trajectories", "/api/curvature", "/api/critical-points", "/api/basins"]

  /// Answers one `POST` request body for `path`: decoding, checks, the computation and the
  /// JSON encoding, as the route does. Returns the HTTP status and the JSON body (an error
  /// object for a status ≥ 400).
  public static func respond(path: String, body: [UInt8]) async -> (status: Int, body: [UInt8]) {
    do {
      let data = Data(body)
      guard body.count <= ServerLimits.maximumBodyBytes else {
        throw APIError(
          .contentTooLarge, "the request body is larger than \(ServerLimits.maximumBodyBytes) bytes", field: "body")
      }
      let bytes: [UInt8]
      switch path {
      case "/api/landscape": bytes = try Landscape.respond(decodeJSON(LandscapeRequest.self, from: data))
      case "/api/trajectories": bytes = try Trajectories.respond(decodeJSON(TrajectoryRequest.self, from: data))
      case "/api/curvature": bytes = try Curvature.respond(decodeJSON(CurvatureRequest.self, from: data))
      case "/api/critical-points": bytes = try CriticalPoints.respond(decodeJSON(CriticalPointsRequest.self, from: data))
      case "/api/basins": bytes = try await Basins.respond(decodeJSON(BasinRequest.self, from: data))
      default: throw APIError(.notFound, "no such endpoint: POST \(path)")
      }
      return (200, bytes)
    } catch let error as APIError {
      return (Int(error.status.code), error.jsonBytes)
    } catch {
      let e = APIError(.internalServerError, "internal error: \(error)")
      return (500, e.jsonBytes)
    }
  }
}
