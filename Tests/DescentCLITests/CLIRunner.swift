import Foundation

/// Runs the built `descent` binary as a user would and captures what it prints.
struct CLIResult {
  var status: Int32
  var stdout: String
  var stderr: String

  /// stdout parsed as one JSON object.
  func json() throws -> [String: Any] {
    let object = try JSONSerialization.jsonObject(with: Data(stdout.utf8))
    guard let dict = object as? [String: Any] else { throw CLIError.notAnObject(stdout) }
    return dict
  }
}

enum CLIError: Error { case notAnObject(String), binaryNotFound }

/// The `descent` executable next to the test bundle (`swift test` builds it).
func descentBinary() throws -> URL {
  let fm = FileManager.default
  var candidates: [URL] = []
  let argv0 = URL(fileURLWithPath: CommandLine.arguments[0])
  candidates.append(argv0.deletingLastPathComponent().appendingPathComponent("descent"))
  let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
    .deletingLastPathComponent()
  candidates.append(root.appendingPathComponent(".build/debug/descent"))
  for c in candidates where fm.isExecutableFile(atPath: c.path) { return c }
  throw CLIError.binaryNotFound
}

/// Runs `descent` with `arguments`, output captured through temporary files (no pipe
/// can fill up and block the child); kills it after `timeout` seconds. `environment`
/// entries are added to (or replace) this process's environment.
func descent(_ arguments: [String], timeout: TimeInterval = 120, environment: [String: String] = [:]) throws
  -> CLIResult
{
  let fm = FileManager.default
  let dir = fm.temporaryDirectory.appendingPathComponent("descent-cli-\(UUID().uuidString)")
  try fm.createDirectory(at: dir, withIntermediateDirectories: true)
  defer { try? fm.removeItem(at: dir) }
  let outURL = dir.appendingPathComponent("out")
  let errURL = dir.appendingPathComponent("err")
  fm.createFile(atPath: outURL.path, contents: nil)
  fm.createFile(atPath: errURL.path, contents: nil)
  let out = try FileHandle(forWritingTo: outURL)
  let err = try FileHandle(forWritingTo: errURL)
  let process = Process()
  process.executableURL = try descentBinary()
  process.arguments = arguments
  if !environment.isEmpty {
    process.environment = ProcessInfo.processInfo.environment.merging(environment) { $1 }
  }
  process.standardOutput = out
  process.standardError = err
  process.standardInput = FileHandle.nullDevice
  try process.run()
  let deadline = Date().addingTimeInterval(timeout)
  while process.isRunning && Date() < deadline { usleep(2_000) }
  if process.isRunning { process.terminate() }
  process.waitUntilExit()
  try out.close()
  try err.close()
  return CLIResult(
    status: process.terminationStatus,
    stdout: String(decoding: try Data(contentsOf: outURL), as: UTF8.self),
    stderr: String(decoding: try Data(contentsOf: errURL), as: UTF8.self))
}

/// Relative closeness for test assertions.
func close(_ a: Double, _ b: Double, rel: Double = 1e-12, abs absTol: Double = 0) -> Bool {
  Swift.abs(a - b) <= Swift.max(rel * Swift.max(Swift.abs(a), Swift.abs(b)), absTol)
}
