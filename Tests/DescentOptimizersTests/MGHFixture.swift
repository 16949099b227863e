import DescentCore
import Foundation

/// `Fixtures/mgh_reference.json`, written by `scripts/mgh_reference.py` (sympy + mpmath,
/// from the MGH paper, independent of the Swift code).
struct MGHReference: Decodable {
  struct Point: Decodable {
    var x: [Double]
    var value: Double
    var gradient: [Double]
    var hessian: [Double]
  }
  struct Minimum: Decodable {
    var published: Double
    var significantDigits: Int?
    /// f* to double precision (the minimizer located and refined in 40-digit arithmetic).
    var value: Double
    var minimizer: [Double]?
  }
  struct Problem: Decodable {
    var name: String
    var n: Int
    var m: Int
    var start: [Double]
    var points: [Point]
    var minima: [Minimum]
  }
  var problems: [Problem]

  static let shared: MGHReference = {
    let url = Bundle.module.url(forResource: "mgh_reference", withExtension: "json", subdirectory: "Fixtures")!
    return try! JSONDecoder().decode(MGHReference.self, from: Data(contentsOf: url))
  }()

  static func problem(_ name: String) -> Problem {
    guard let p = shared.problems.first(where: { $0.name == name }) else {
      fatalError("no reference for \(name) in mgh_reference.json")
    }
    return p
  }
}

/// `‖a − b‖ / max(‖b‖, floor)`.
func relativeError(_ a: [Double], _ b: [Double], floor: Double = 1e-300) -> Double {
  precondition(a.count == b.count)
  var d = 0.0
  var s = 0.0
  for i in 0..<a.count {
    d += (a[i] - b[i]) * (a[i] - b[i])
    s += b[i] * b[i]
  }
  return d.squareRoot() / max(s.squareRoot(), floor)
}
