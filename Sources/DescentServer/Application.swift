import Foundation
import Hummingbird
import Logging

/// Where `descent serve` listens. Loopback by default: the navigator is a local tool.
public struct ServerConfiguration: Sendable {
  public var host: String
  public var port: Int
  public var logLevel: Logger.Level

  public init(host: String = "127.0.0.1", port: Int = 8080, logLevel: Logger.Level = .info) {
    self.host = host
    self.port = port
    self.logLevel = logLevel
  }
}

/// The navigator application: the page and the JSON API on Hummingbird.
public func buildApplication(_ configuration: ServerConfiguration) -> some ApplicationProtocol {
  var logger = Logger(label: "descent-serve")
  logger.logLevel = configuration.logLevel
  return Application(
    router: buildRouter(),
    configuration: .init(address: .hostname(configuration.host, port: configuration.port), serverName: "descent"),
    logger: logger)
}

/// The routes: `GET /` and the page's assets, `GET /api` (the list), `GET /api/catalog`,
/// and the `POST` endpoints (see each endpoint's type for its JSON).
///
/// Handlers are pure functions of the request: no state is shared between users except a
/// small cache of critical-point atlases, behind a lock. The computation runs on Swift's
/// concurrent executor, not on the NIO event loops, and each request's work is bounded by
/// ``ServerLimits``.
public func buildRouter() -> Router<BasicRequestContext> {
  let router = Router()
  router.add(middleware: APIErrorMiddleware())

  let page = PageAssets.shared
  router.get("/") { _, _ in page.response(for: "index.html") }
  router.get("/{file}") { _, context in
    let name = context.parameters.get("file") ?? ""
    return page.response(for: name)
  }

  router.get("/api") { _, _ in jsonResponse(CatalogEndpoint.index) }
  router.get("/api/catalog") { _, _ in jsonResponse(CatalogEndpoint.body) }
  // A GET on a POST endpoint: say which method to use.
  for path in NavigatorAPI.postEndpoints {
    router.get(RouterPath(path)) { _, _ -> Response in
      throw APIError(.methodNotAllowed, "\(path) takes POST with a JSON body (see GET /api for the fields)")
    }
  }
  router.post("/api/landscape") { request, _ in
    let body = try await decodeBody(LandscapeRequest.self, from: request)
    return try timed { () throws(APIError) in try Landscape.respond(body) }
  }
  router.post("/api/trajectories") { request, _ in
    let body = try await decodeBody(TrajectoryRequest.self, from: request)
    return try timed { () throws(APIError) in try Trajectories.respond(body) }
  }
  router.post("/api/curvature") { request, _ in
    let body = try await decodeBody(CurvatureRequest.self, from: request)
    return try timed { () throws(APIError) in try Curvature.respond(body) }
  }
  router.post("/api/critical-points") { request, _ in
    let body = try await decodeBody(CriticalPointsRequest.self, from: request)
    return try timed { () throws(APIError) in try CriticalPoints.respond(body) }
  }
  router.post("/api/basins") { request, _ in
    let body = try await decodeBody(BasinRequest.self, from: request)
    let clock = ContinuousClock()
    let began = clock.now
    let bytes = try await Basins.respond(body)
    return jsonResponse(bytes, serverTiming: (clock.now - began).seconds)
  }
  return router
}

/// Runs `work` and answers its JSON with a `Server-Timing` header (the compute time).
func timed(_ work: () throws(APIError) -> [UInt8]) throws(APIError) -> Response {
  let clock = ContinuousClock()
  let began = clock.now
  let bytes = try work()
  return jsonResponse(bytes, serverTiming: (clock.now - began).seconds)
}

/// The page's files (HTML, JS, CSS, icon), read once from the bundle's `Page` folder.
struct PageAssets: Sendable {
  var files: [String: (bytes: [UInt8], type: String)]

  static let shared = PageAssets()

  init() {
    var files: [String: (bytes: [UInt8], type: String)] = [:]
    if let folder = Bundle.module.url(forResource: "Page", withExtension: nil),
      let names = try? FileManager.default.contentsOfDirectory(atPath: folder.path)
    {
      for name in names {
        guard let data = FileManager.default.contents(atPath: folder.appendingPathComponent(name).path) else {
          continue
        }
        files[name] = ([UInt8](data), Self.contentType(of: name))
      }
    }
    self.files = files
  }

  static func contentType(of name: String) -> String {
    switch name.split(separator: ".").last.map(String.init) ?? "" {
    case "html": "text/html; charset=utf-8"
    case "js": "text/javascript; charset=utf-8"
    case "css": "text/css; charset=utf-8"
    case "svg": "image/svg+xml"
    case "png": "image/png"
    case "ico": "image/x-icon"
    default: "application/octet-stream"
    }
  }

  func response(for name: String) -> Response {
    guard let file = files[name] else {
      return Response(
        status: .notFound, headers: [.contentType: "text/plain; charset=utf-8"],
        body: ResponseBody(byteBuffer: ByteBuffer(string: "not found: /\(name)\n")))
    }
    return Response(
      status: .ok, headers: [.contentType: file.type, .cacheControl: "no-cache"],
      body: ResponseBody(byteBuffer: ByteBuffer(bytes: file.bytes)))
  }
}

/// Builds the application and runs it until SIGINT or SIGTERM (graceful shutdown).
/// - Parameter onListening: called with the bound port once the server listens (useful with
///   port 0, which picks a free one).
public func runServer(_ configuration: ServerConfiguration, onListening: (@Sendable (Int) -> Void)? = nil) async throws {
  var logger = Logger(label: "descent-serve")
  logger.logLevel = configuration.logLevel
  let app = Application(
    router: buildRouter(),
    configuration: .init(address: .hostname(configuration.host, port: configuration.port), serverName: "descent"),
    onServerRunning: { channel in
      let port = channel.localAddress?.port ?? configuration.port
      onListening?(port)
    },
    logger: logger)
  try await app.runService()
}
