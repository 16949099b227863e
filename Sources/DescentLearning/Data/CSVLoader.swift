import DescentCore
import Foundation
import SwiftCSV

extension Dataset {
  /// Reads a CSV file: a header row, then one sample per row, every cell a number; the
  /// column named `target` becomes the target, the others the features (in file order).
  ///
  /// Parsing is done by SwiftCSV (RFC 4180 quoting, `,` `;` `\t` `|` delimiters guessed
  /// from the header); blank lines are skipped. Targets come back as regression; call
  /// ``asClassification()`` to read them as class labels. Line numbers in errors assume
  /// no quoted cell spans lines. Cells may have surrounding spaces; `nan`
  /// and `inf` are rejected, since a model cannot learn from them.
  ///
  /// - Parameters:
  ///   - url: The file.
  ///   - target: The target column's name (exact, case-sensitive).
  /// - Throws: ``DataError`` naming the line and column of the first bad cell, an unknown
  ///   target (with a suggestion), or an empty file.
  public static func csv(contentsOf url: URL, target: String) throws(DataError) -> Dataset {
    let path = url.path
    let text: String
    do {
      text = try String(contentsOf: url, encoding: .utf8)
    } catch {
      let reason =
        FileManager.default.fileExists(atPath: path) ? "not UTF-8 text or not readable" : "no such file"
      throw .unreadable(path: path, reason: reason)
    }
    return try csv(text: text, name: url.lastPathComponent, path: path, target: target)
  }

  /// Parses CSV `text` (see ``csv(contentsOf:target:)``); `path` names it in errors.
  public static func csv(text: String, name: String = "data", path: String = "<text>", target: String)
    throws(DataError) -> Dataset
  {
    let table: EnumeratedCSV
    do {
      table = try EnumeratedCSV(string: text, loadColumns: false)
    } catch {
      throw .malformed(path: path, reason: "\(error)")
    }
    let header = table.header.map { $0.trimmingCharacters(in: .whitespaces) }
    guard !header.isEmpty, !(header.count == 1 && header[0].isEmpty) else { throw .empty(path: path) }
    var seen = Set<String>()
    for h in header where !seen.insert(h).inserted { throw .duplicateColumn(h) }
    guard let targetIndex = header.firstIndex(of: target) else {
      throw .unknownTarget(target, suggestion: Suggest.closest(to: target, in: header), columns: header)
    }
    guard header.count >= 2 else { throw .noFeatures(target: target) }

    let d = header.count - 1
    var features: [Scalar] = []
    var targets: [Scalar] = []
    var failure: DataError?
    var line = 1  // the header
    do {
      try table.enumerateAsArray(startAt: 1, rowLimit: nil) { fields in
        line += 1
        guard failure == nil else { return }
        if fields.count == 1 && fields[0].trimmingCharacters(in: .whitespaces).isEmpty { return }
        guard fields.count == header.count else {
          failure = .wrongCellCount(line: line, expected: header.count, found: fields.count)
          return
        }
        for (j, cell) in fields.enumerated() {
          let trimmed = cell.trimmingCharacters(in: .whitespaces)
          if trimmed.isEmpty {
            failure = .missingValue(line: line, column: header[j])
            return
          }
          guard let v = Double(trimmed), v.isFinite else {
            failure = .notANumber(line: line, column: header[j], text: cell)
            return
          }
          if j == targetIndex { targets.append(Scalar(v)) } else { features.append(Scalar(v)) }
        }
      }
    } catch {
      throw .malformed(path: path, reason: "\(error)")
    }
    if let failure { throw failure }
    guard !targets.isEmpty else { throw .empty(path: path) }
    var names = header
    names.remove(at: targetIndex)
    return Dataset(
      name: name, features: features, targets: targets, featureCount: d, featureNames: names,
      targetName: target, task: .regression)
  }
}
