import DescentCore
import Hummingbird

/// A problem with a request, answered as `4xx` with one JSON object the page shows inline:
///
/// ```json
/// {"error": {"message": "unknown optimizer 'adma'; did you mean 'adam'?",
///            "field": "runs[0].optimizer.name", "suggestion": "adam"}}
/// ```
///
/// `field` is the JSON path of the offending value; `column` and `length` (1-based, in
/// characters) locate a formula error inside the formula text, so the page can underline it.
public struct APIError: Error, HTTPResponseError, Sendable, Equatable, CustomStringConvertible {
  public var status: HTTPResponse.Status
  /// What is wrong, in words a user can act on.
  public var message: String
  /// The JSON path of the value at fault (`function`, `runs[1].optimizer.learningRate`).
  public var field: String?
  /// For a formula: the 1-based column of the first offending character.
  public var column: Int?
  /// For a formula: how many characters the problem spans.
  public var length: Int?
  /// The closest valid name, for an unknown name.
  public var suggestion: String?

  public init(
    _ status: HTTPResponse.Status = .badRequest, _ message: String, field: String? = nil, column: Int? = nil,
    length: Int? = nil, suggestion: String? = nil
  ) {
    self.status = status
    self.message = message
    self.field = field
    self.column = column
    self.length = length
    self.suggestion = suggestion
  }

  public var description: String { field.map { "\($0): \(message)" } ?? message }

  /// `{"error": {...}}` as bytes.
  var jsonBytes: [UInt8] {
    var w = JSONWriter(capacity: 256)
    w.beginObject()
    w.key("error")
    w.beginObject()
    w.key("message")
    w.string(message)
    w.key("status")
    w.integer(Int(status.code))
    if let field {
      w.key("field")
      w.string(field)
    }
    if let column {
      w.key("column")
      w.integer(column)
    }
    if let length {
      w.key("length")
      w.integer(length)
    }
    if let suggestion {
      w.key("suggestion")
      w.string(suggestion)
    }
    w.endObject()
    w.endObject()
    return w.bytes
  }

  public func response(from request: Request, context: some RequestContext) throws -> Response {
    jsonResponse(jsonBytes, status: status)
  }

  // MARK: - Common errors

  /// A value outside its accepted range.
  static func outOfRange(_ field: String, _ message: String) -> APIError {
    APIError(.badRequest, message, field: field)
  }

  /// The request asks for more work than one request may cause.
  static func tooLarge(_ field: String, _ message: String) -> APIError {
    APIError(.contentTooLarge, message, field: field)
  }
}

/// A JSON response.
func jsonResponse(_ bytes: [UInt8], status: HTTPResponse.Status = .ok, serverTiming: Double? = nil) -> Response {
  var headers: HTTPFields = [.contentType: "application/json; charset=utf-8", .cacheControl: "no-store"]
  if let serverTiming {
    headers[.init("Server-Timing")!] = "compute;dur=\((serverTiming * 1e6).rounded() / 1e3)"
  }
  return Response(status: status, headers: headers, body: ResponseBody(byteBuffer: ByteBuffer(bytes: bytes)))
}
