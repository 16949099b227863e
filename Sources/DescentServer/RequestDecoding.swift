import DescentCore
import DescentOptimizers
import Foundation
import Hummingbird
import NIOCore

/// A string coding key, to see every key of an object (known or not).
struct AnyKey: CodingKey {
  var stringValue: String
  var intValue: Int?
  init(stringValue: String) { self.stringValue = stringValue }
  init?(intValue: Int) {
    self.stringValue = "\(intValue)"
    self.intValue = intValue
  }
}

/// The JSON path of a coding path: `runs[0].optimizer.name`.
func jsonPath(_ path: [any CodingKey], appending key: String? = nil) -> String {
  var text = ""
  for k in path {
    if let i = k.intValue, k.stringValue == "\(i)" || k.stringValue.hasPrefix("Index") {
      text += "[\(i)]"
    } else {
      text += text.isEmpty ? k.stringValue : "." + k.stringValue
    }
  }
  if let key { text += text.isEmpty ? key : "." + key }
  return text.isEmpty ? "body" : text
}

/// Rejects keys the request type does not know, with the closest known one: a typo such as
/// `learningrate` must not be silently ignored (the run would use a default instead).
func rejectUnknownKeys(_ decoder: any Decoder, allowed: [String]) throws {
  let container = try decoder.container(keyedBy: AnyKey.self)
  for key in container.allKeys where !allowed.contains(key.stringValue) {
    let suggestion = Suggest.closest(to: key.stringValue, in: allowed)
    throw APIError(
      .badRequest,
      "unknown field '\(key.stringValue)'" + (suggestion.map { "; did you mean '\($0)'?" } ?? "")
        + " (fields: \(allowed.joined(separator: ", ")))",
      field: jsonPath(decoder.codingPath, appending: key.stringValue), suggestion: suggestion)
  }
}

/// Reads and decodes a request body: at most ``ServerLimits/maximumBodyBytes``, valid JSON,
/// the right types, no unknown fields. Every failure is an ``APIError`` naming the field.
func decodeBody<T: Decodable>(_ type: T.Type, from request: Request) async throws -> T {
  var request = request
  let buffer: ByteBuffer
  do {
    buffer = try await request.collectBody(upTo: ServerLimits.maximumBodyBytes)
  } catch is NIOTooManyBytesError {
    throw APIError(
      .contentTooLarge, "the request body is larger than \(ServerLimits.maximumBodyBytes) bytes", field: "body")
  }
  return try decodeJSON(type, from: Data(buffer.readableBytesView))
}

/// Decodes `data` as `T`, translating decoding errors into ``APIError``s.
func decodeJSON<T: Decodable>(_ type: T.Type, from data: Data) throws -> T {
  if data.isEmpty { throw APIError(.badRequest, "the request body is empty; send a JSON object", field: "body") }
  do {
    return try JSONDecoder().decode(T.self, from: data)
  } catch let error as APIError {
    throw error
  } catch let error as DecodingError {
    throw APIError(decoding: error, data: data)
  }
}

extension APIError {
  /// The message for a `DecodingError`: the field, what was expected, what was found.
  init(decoding error: DecodingError, data: Data) {
    switch error {
    case .typeMismatch(let type, let context):
      self.init(
        .badRequest, "expected \(describe(type)), found \(found(in: context.debugDescription))",
        field: jsonPath(context.codingPath))
    case .valueNotFound(let type, let context):
      self.init(.badRequest, "expected \(describe(type)), found null", field: jsonPath(context.codingPath))
    case .keyNotFound(let key, let context):
      self.init(
        .badRequest, "missing field '\(key.stringValue)'",
        field: jsonPath(context.codingPath, appending: key.stringValue))
    case .dataCorrupted(let context):
      if context.codingPath.isEmpty, let (path, value) = misfitInteger(in: data) {
        // Foundation reports a fraction or an out-of-range number in an integer field as
        // invalid JSON without a path: find the field.
        self.init(.badRequest, "expected an integer, found \(value)", field: path)
      } else if context.codingPath.isEmpty {
        self.init(.badRequest, "the request body is not valid JSON: \(syntaxProblem(in: data))", field: "body")
      } else {
        self.init(.badRequest, context.debugDescription, field: jsonPath(context.codingPath))
      }
    @unknown default:
      self.init(.badRequest, "\(error)")
    }
  }
}

private func describe(_ type: Any.Type) -> String {
  switch type {
  case is Double.Type, is Float.Type: "a number"
  case is Int.Type, is UInt64.Type, is Int64.Type: "an integer"
  case is String.Type: "a string"
  case is Bool.Type: "true or false"
  case is [Double].Type: "an array of numbers"
  default:
    if "\(type)".hasPrefix("Array") { "an array" } else if "\(type)".hasPrefix("Dictionary") { "an object" } else {
      "an object"
    }
  }
}

/// What the decoder found, from its debug description ("... but found a string instead.").
private func found(in debugDescription: String) -> String {
  if let range = debugDescription.range(of: "but found ") {
    var rest = String(debugDescription[range.upperBound...])
    if rest.hasSuffix(" instead.") { rest.removeLast(" instead.".count) }
    if rest.hasSuffix(".") { rest.removeLast() }
    return rest
  }
  if debugDescription.contains("does not fit") || debugDescription.contains("Number") {
    return "a number that does not fit (not a whole number, or too large)"
  }
  return "something else (\(debugDescription))"
}

/// Where a body stops being JSON: the first syntax error with its line and column, found by
/// `JSONSerialization` (whose message carries the position).
func syntaxProblem(in data: Data) -> String {
  do {
    _ = try JSONSerialization.jsonObject(with: data, options: [.fragmentsAllowed])
    return "not a JSON object"
  } catch {
    let ns = error as NSError
    let text = (ns.userInfo[NSDebugDescriptionErrorKey] as? String) ?? ns.localizedDescription
    return text.isEmpty ? "syntax error" : text
  }
}

/// The fields the API reads as integers.
private let integerFields: Set<String> = ["resolution", "steps", "levels", "seed"]

/// The first integer field whose value is not a representable whole number, with its path.
func misfitInteger(in data: Data) -> (String, String)? {
  guard let object = try? JSONSerialization.jsonObject(with: data) else { return nil }
  func search(_ value: Any, path: String) -> (String, String)? {
    if let dict = value as? [String: Any] {
      for key in dict.keys.sorted() {
        let child = path.isEmpty ? key : "\(path).\(key)"
        if integerFields.contains(key), let n = dict[key] as? NSNumber, !(n is Bool) {
          let d = n.doubleValue
          if d != d.rounded() || abs(d) > 9.007e15 { return (child, "\(n)") }
        }
        if let found = search(dict[key]!, path: child) { return found }
      }
    } else if let array = value as? [Any] {
      for (i, element) in array.enumerated() {
        if let found = search(element, path: "\(path)[\(i)]") { return found }
      }
    }
    return nil
  }
  return search(object, path: "")
}
