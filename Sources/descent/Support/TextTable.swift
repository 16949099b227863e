/// A plain-text table with aligned columns: numbers right-aligned, text left-aligned.
/// (Written by hand: twenty lines, and the cached table packages are pre-1.0.)
struct TextTable {
  var headers: [String]
  var rows: [[String]] = []
  /// Columns to right-align (default: every column whose cells all look numeric).
  var rightAligned: Set<Int>? = nil

  init(_ headers: [String]) { self.headers = headers }

  mutating func add(_ row: [String]) { rows.append(row) }

  func render(indent: String = "") -> String {
    let columns = headers.count
    var widths = headers.map(\.count)
    for row in rows {
      for (i, cell) in row.enumerated() where i < columns { widths[i] = max(widths[i], cell.count) }
    }
    let right = rightAligned ?? Set((0..<columns).filter { c in
      !rows.isEmpty && rows.allSatisfy { c < $0.count && looksNumeric($0[c]) }
    })
    func line(_ cells: [String]) -> String {
      var parts: [String] = []
      for i in 0..<columns {
        let cell = i < cells.count ? cells[i] : ""
        let pad = String(repeating: " ", count: widths[i] - cell.count)
        parts.append(right.contains(i) ? pad + cell : cell + pad)
      }
      var s = indent + parts.joined(separator: "  ")
      while s.hasSuffix(" ") { s.removeLast() }
      return s
    }
    var out = [line(headers), indent + widths.map { String(repeating: "─", count: $0) }.joined(separator: "  ")]
    out += rows.map(line)
    return out.joined(separator: "\n")
  }

  private func looksNumeric(_ s: String) -> Bool {
    guard let f = s.first else { return true }
    return f.isNumber || f == "-" || f == "+" || f == "." || s == "inf" || s == "NaN" || s == "—"
  }
}
