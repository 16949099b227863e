import ArgumentParser
import DescentServer
import Dispatch
import Foundation

/// `descent serve`: the navigator — an interactive page for racing optimizers across a
/// landscape — and its JSON API, on Hummingbird.
struct ServeCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "serve",
    abstract: "Serve the navigator page and its JSON API.",
    discussion: """
      Open http://HOST:PORT/ in a browser: pick a landscape or type a formula,
      drag the start, race optimizers, read the curvature, map the basins. The
      page works offline (no CDN). The JSON API is listed at /api. Binds to the
      loopback address unless --host says otherwise; stop with Ctrl-C.
      """)

  @Option(help: "Address to bind (127.0.0.1 keeps the server private to this machine).")
  var host: String = "127.0.0.1"

  @Option(help: "Port to listen on (0 picks a free one).")
  var port: Int = 8080

  @Flag(help: "Log every request.")
  var verbose = false

  func validate() throws {
    guard (0...65535).contains(port) else { throw ValidationError("--port must be between 0 and 65535 (got \(port))") }
    guard !host.isEmpty else { throw ValidationError("--host must not be empty") }
  }

  func run() throws {
    let configuration = ServerConfiguration(host: host, port: port, logLevel: verbose ? .debug : .info)
    let host = self.host
    // The root command is synchronous: run the server on Swift's concurrent executor and
    // wait for it (it returns on SIGINT/SIGTERM, through its graceful shutdown).
    let finished = DispatchSemaphore(value: 0)
    let outcome = ServeOutcome()
    Task {
      do {
        try await runServer(configuration) { port in
          // One line a script can wait for (the port is the real one when --port 0).
          FileHandle.standardOutput.write(Data("descent serve: listening on http://\(host):\(port)/\n".utf8))
        }
      } catch {
        outcome.error = "\(error)"
      }
      finished.signal()
    }
    finished.wait()
    if let error = outcome.error {
      if error.contains("Address already in use") {
        throw ServeError(
          "cannot listen on \(host):\(port): the address is in use (another server?); choose another --port, or --port 0 for any free one")
      }
      throw ServeError("the server stopped: \(error)")
    }
  }
}

/// The error the server task ended with, handed to the waiting thread.
private final class ServeOutcome: @unchecked Sendable {
  var error: String?
}

/// Why `descent serve` could not serve (printed without the usage text).
struct ServeError: Error, CustomStringConvertible {
  var description: String
  init(_ description: String) { self.description = description }
}
