import Foundation

/// Progress on standard error for long work: a redrawn bar with rate and ETA on a
/// terminal, a plain line every few seconds otherwise. Silent for work that finishes
/// within the first second, so quick commands print nothing extra.
final class ProgressReporter {
  private let total: Int
  private let label: String
  private let isTerminal = isatty(FileHandle.standardError.fileDescriptor) == 1
  private let start = Date()
  private var lastDraw = Date.distantPast
  private var drewSomething = false
  private var calls = 0

  init(total: Int, label: String) {
    self.total = max(total, 1)
    self.label = label
  }

  /// Reports that `done` of `total` units are finished; `detail` is appended (e.g. the loss).
  func update(_ done: Int, detail: @autoclosure () -> String = "") {
    // Reading the clock costs more than a small optimizer step: look every 256 calls.
    calls &+= 1
    guard calls & 255 == 0 else { return }
    let now = Date()
    let elapsed = now.timeIntervalSince(start)
    guard elapsed >= 1 else { return }
    let interval: TimeInterval = isTerminal ? 0.1 : 5
    guard now.timeIntervalSince(lastDraw) >= interval else { return }
    lastDraw = now
    let fraction = Double(done) / Double(total)
    let rate = Double(done) / elapsed
    let eta = rate > 0 ? Double(total - done) / rate : .infinity
    let text = "\(label) \(done)/\(total) (\(Int(fraction * 100))%) \(formatRate(rate))/s, ETA \(formatETA(eta)) \(detail())"
    if isTerminal {
      let width = 24
      let filled = Int((fraction * Double(width)).rounded(.down))
      let bar = String(repeating: "█", count: filled) + String(repeating: "·", count: width - filled)
      FileHandle.standardError.write(Data("\r\u{1B}[2K[\(bar)] \(text)".utf8))
    } else {
      FileHandle.standardError.write(Data((text + "\n").utf8))
    }
    drewSomething = true
  }

  /// Clears the bar (terminal) once the work is done.
  func finish() {
    if isTerminal && drewSomething { FileHandle.standardError.write(Data("\r\u{1B}[2K".utf8)) }
  }

  private func formatRate(_ r: Double) -> String {
    r >= 1e6 ? String(format: "%.1fM", r / 1e6) : r >= 1e3 ? String(format: "%.1fk", r / 1e3) : String(format: "%.0f", r)
  }

  private func formatETA(_ s: Double) -> String {
    guard s.isFinite else { return "?" }
    let t = Int(s.rounded())
    return t >= 3600 ? "\(t / 3600)h\(t % 3600 / 60)m" : t >= 60 ? "\(t / 60)m\(t % 60)s" : "\(t)s"
  }
}
