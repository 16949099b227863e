import Foundation

/// A JSON-lines training log: one ``EpochRecord`` object per line, written and flushed to
/// the file as each epoch ends, so a crash loses nothing already reported.
public final class TrainingLog {
  private let handle: FileHandle
  private let encoder: JSONEncoder

  /// Opens `url` for writing. A fresh run truncates it; a resumed run rewrites it from
  /// the checkpoint's `history` (dropping epochs logged after that checkpoint, which
  /// the resumed run repeats) and appends from there.
  public init(url: URL, history: [EpochRecord] = []) throws {
    _ = FileManager.default.createFile(atPath: url.path, contents: nil)
    handle = try FileHandle(forWritingTo: url)
    try handle.truncate(atOffset: 0)
    encoder = JSONEncoder()
    encoder.outputFormatting = [.sortedKeys]
    encoder.nonConformingFloatEncodingStrategy = .convertToString(
      positiveInfinity: "Infinity", negativeInfinity: "-Infinity", nan: "NaN")
    for record in history { try append(record) }
  }

  /// Appends one line and flushes it to disk.
  public func append(_ record: EpochRecord) throws {
    var line = try encoder.encode(record)
    line.append(UInt8(ascii: "\n"))
    try handle.write(contentsOf: line)
    try handle.synchronize()
  }

  deinit { try? handle.close() }
}
