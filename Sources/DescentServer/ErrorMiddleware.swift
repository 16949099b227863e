import Hummingbird
import NIOCore

/// Turns every error under `/api/` into the JSON error object the page shows: an
/// ``APIError`` as it is, a Hummingbird `HTTPError` (unknown path, wrong method), an
/// oversized body (`413`), and anything else as a `500` with its description (never an
/// empty or HTML body).
struct APIErrorMiddleware<Context: RequestContext>: RouterMiddleware {
  func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws
    -> Response
  {
    do {
      return try await next(request, context)
    } catch let error as APIError {
      return jsonResponse(error.jsonBytes, status: error.status)
    } catch let error as HTTPError {
      guard request.uri.path.hasPrefix("/api") else { throw error }
      let message =
        error.body
        ?? (error.status == .notFound
          ? "no such endpoint: \(request.method) \(request.uri.path) (see GET /api for the list)"
          : error.status.reasonPhrase)
      return jsonResponse(APIError(error.status, message).jsonBytes, status: error.status)
    } catch is NIOTooManyBytesError {
      let e = APIError(
        .contentTooLarge, "the request body is larger than \(ServerLimits.maximumBodyBytes) bytes", field: "body")
      return jsonResponse(e.jsonBytes, status: e.status)
    } catch {
      guard request.uri.path.hasPrefix("/api") else { throw error }
      let e = APIError(.internalServerError, "internal error: \(error)")
      return jsonResponse(e.jsonBytes, status: e.status)
    }
  }
}
