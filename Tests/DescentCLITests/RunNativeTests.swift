import Foundation
import Testing

/// `descent run --native`: the formula compiled to machine code gives the interpreted run's
/// numbers, and a missing compiler falls back to the interpreter with a one-line warning.
@Suite("descent run --native")
struct RunNativeTests {
  static let arguments = [
    "run", "--function", "100*(y-x^2)^2+(1-x)^2", "--start", "-1.2,1", "--optimizer", "adam", "--lr", "0.01",
    "--steps", "200", "--precision", "float", "--format", "json",
  ]

  static func finalLoss(_ result: CLIResult) throws -> Double {
    let run = try #require(try result.json()["result"] as? [String: Any])
    return try #require(run["loss"] as? Double)
  }

  @Test("--native: the interpreted run's final loss, bit for bit; DESCENT_CC=/nonexistent: a warning and the same run")
  func nativeMatchesInterpreted() throws {
    let cache = FileManager.default.temporaryDirectory.appendingPathComponent("descent-native-cli-\(UUID().uuidString)")
    defer { try? FileManager.default.removeItem(at: cache) }
    let interpreted = try descent(Self.arguments)
    #expect(interpreted.status == 0, "\(interpreted.stderr)")
    let expected = try Self.finalLoss(interpreted)

    let native = try descent(Self.arguments + ["--native"], environment: ["XDG_CACHE_HOME": cache.path])
    #expect(native.status == 0, "\(native.stderr)")
    #expect(try Self.finalLoss(native) == expected)
    #expect(!native.stderr.contains("warning"), "\(native.stderr)")
    let objects = (try? FileManager.default.contentsOfDirectory(atPath: cache.path + "/descent")) ?? []
    #expect(objects.count == 1 && objects.allSatisfy { $0.hasSuffix(".so") }, "\(objects)")

    let fallback = try descent(
      Self.arguments + ["--native"], environment: ["XDG_CACHE_HOME": cache.path, "DESCENT_CC": "/nonexistent"])
    #expect(fallback.status == 0, "\(fallback.stderr)")
    #expect(try Self.finalLoss(fallback) == expected)
    let lines = fallback.stderr.split(separator: "\n").filter { $0.contains("warning") }
    #expect(lines.count == 1 && lines[0].contains("'/nonexistent'") && lines[0].contains("interpreted"), "\(fallback.stderr)")
  }
}
