import ArgumentParser
import Descent
import Foundation

/// `--format table|json|csv`.
enum OutputFormat: String, ExpressibleByArgument, CaseIterable {
  case table, json, csv
}

/// JSON as every command prints it: one object, camelCase keys, sorted, pretty.
/// NaN and ±∞ (legal results of a divergent run) are written as the strings
/// `"NaN"`, `"Infinity"`, `"-Infinity"`.
func jsonString<T: Encodable>(_ value: T) throws -> String {
  let encoder = JSONEncoder()
  encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
  encoder.nonConformingFloatEncodingStrategy = .convertToString(
    positiveInfinity: "Infinity", negativeInfinity: "-Infinity", nan: "NaN")
  return String(decoding: try encoder.encode(value), as: UTF8.self)
}

/// Writes to standard error.
func printError(_ text: String) {
  FileHandle.standardError.write(Data((text + "\n").utf8))
}

/// Quotes a CSV field when it needs it (RFC 4180).
func csvField(_ s: String) -> String {
  if s.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" }) {
    return "\"" + s.replacingOccurrences(of: "\"", with: "\"\"") + "\""
  }
  return s
}

/// A CSV line from fields.
func csvLine(_ fields: [String]) -> String { fields.map(csvField).joined(separator: ",") }

/// Numbers for people: up to `digits` significant digits, no trailing zeros, scientific
/// notation outside [1e-4, 1e6).
func formatNumber<S: BinaryFloatingPoint>(_ v: S, digits: Int = 6) -> String {
  let d = Double(v)
  if d.isNaN { return "NaN" }
  if d.isInfinite { return d > 0 ? "inf" : "-inf" }
  if d == 0 { return "0" }
  let a = abs(d)
  if a >= 1e-4 && a < 1e6 {
    var s = String(format: "%.\(digits)g", d)
    if s.contains("e") { s = String(format: "%.\(digits)f", d) }
    if s.contains(".") {
      while s.hasSuffix("0") { s.removeLast() }
      if s.hasSuffix(".") { s.removeLast() }
    }
    return s
  }
  var s = String(format: "%.\(max(digits - 1, 0))e", d)
  // Trim zeros in the mantissa: 1.500000e-05 → 1.5e-05.
  if let e = s.firstIndex(of: "e") {
    var mantissa = String(s[..<e])
    let exponent = String(s[e...])
    if mantissa.contains(".") {
      while mantissa.hasSuffix("0") { mantissa.removeLast() }
      if mantissa.hasSuffix(".") { mantissa.removeLast() }
    }
    s = mantissa + exponent
  }
  return s
}

/// A point as `(1.5, -2)`.
func formatPoint<S: BinaryFloatingPoint>(_ x: [S], digits: Int = 6) -> String {
  "(" + x.map { formatNumber($0, digits: digits) }.joined(separator: ", ") + ")"
}

/// A problem with what the user asked for, found while running a command. ArgumentParser
/// prints it as `Error: <message>` (no usage dump) and exits with status 1.
struct InputError: Error, CustomStringConvertible {
  var description: String
  init(_ message: String) { description = message }
}

/// Writes an SVG file, with a clear error when it cannot.
func writeSVG(_ svg: String, to path: String) throws {
  do {
    try svg.write(toFile: path, atomically: true, encoding: .utf8)
  } catch {
    throw InputError("--plot: cannot write '\(path)': \(error.localizedDescription)")
  }
}

extension ResolvedFunction {
  /// Checks that a point given by `flag` has one coordinate per variable.
  func checkPoint(_ point: [Double], flag: String) throws {
    guard point.count != dimension else { return }
    throw InputError(
      "\(flag) has \(point.count) coordinate\(point.count == 1 ? "" : "s") but \(displayName) has \(dimension) variable\(dimension == 1 ? "" : "s") (\(variables.joined(separator: ", ")))")
  }
}
