/// A problem with input data, described so a user can fix the file or the command.
///
/// Line numbers count from 1 and include the header line, as an editor shows them.
public enum DataError: Error, Equatable, CustomStringConvertible, Sendable {
  /// The file could not be read.
  case unreadable(path: String, reason: String)
  /// The file has no header or no data rows.
  case empty(path: String)
  /// The CSV text itself is malformed (e.g. a stray quote).
  case malformed(path: String, reason: String)
  /// A row has a different number of cells than the header.
  case wrongCellCount(line: Int, expected: Int, found: Int)
  /// A cell is empty.
  case missingValue(line: Int, column: String)
  /// A cell is not a number.
  case notANumber(line: Int, column: String, text: String)
  /// The target column named does not exist.
  case unknownTarget(String, suggestion: String?, columns: [String])
  /// Two columns share a name.
  case duplicateColumn(String)
  /// The file has only the target column.
  case noFeatures(target: String)
  /// A classification target that is not an integer label.
  case notClassLabels(column: String, value: Double)
  /// An unknown built-in dataset name.
  case unknownDataset(String, suggestion: String?)
  /// A bad size or fraction for a split or generator.
  case invalidArgument(String)

  public var description: String {
    switch self {
    case .unreadable(let path, let reason): "cannot read '\(path)': \(reason)"
    case .empty(let path): "'\(path)' has no data rows (a header row and at least one row of numbers are needed)"
    case .malformed(let path, let reason): "'\(path)' is not valid CSV: \(reason)"
    case .wrongCellCount(let line, let expected, let found):
      "line \(line): expected \(expected) cells (as in the header), found \(found)"
    case .missingValue(let line, let column): "line \(line), column '\(column)': the cell is empty"
    case .notANumber(let line, let column, let text): "line \(line), column '\(column)': '\(text)' is not a number"
    case .unknownTarget(let name, let suggestion, let columns):
      "no column named '\(name)'" + (suggestion.map { "; did you mean '\($0)'?" } ?? "")
        + " (columns: \(columns.joined(separator: ", ")))"
    case .duplicateColumn(let name): "the header names column '\(name)' twice"
    case .noFeatures(let target): "the file has no feature columns besides the target '\(target)'"
    case .notClassLabels(let column, let value):
      "column '\(column)' holds \(value), which is not a class label (labels must be integers)"
    case .unknownDataset(let name, let suggestion):
      "unknown dataset '\(name)'" + (suggestion.map { "; did you mean '\($0)'?" } ?? "")
        + " (built in: \(Datasets.names.joined(separator: ", ")), or a path to a .csv file)"
    case .invalidArgument(let text): text
    }
  }
}
