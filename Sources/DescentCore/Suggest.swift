/// "Did you mean …?" suggestions for misspelt names.
public enum Suggest {
  /// The candidate closest to `word` by edit distance (case-insensitive), if it is close
  /// enough to be a plausible typo: distance at most 2, or at most a third of the length.
  public static func closest(to word: String, in candidates: [String]) -> String? {
    // Typos are short; a long "word" (a pasted formula, say) has no plausible match, and
    // the edit distance is quadratic in the length.
    guard word.count <= 64 else { return nil }
    let w = Array(word.lowercased())
    var best: (String, Int)?
    for c in candidates {
      let d = distance(w, Array(c.lowercased()))
      if best == nil || d < best!.1 { best = (c, d) }
    }
    guard let (name, d) = best else { return nil }
    return d <= Swift.max(2, w.count / 3) && d < Swift.max(w.count, 1) ? name : nil
  }

  /// Damerau–Levenshtein distance (optimal string alignment): insertions, deletions,
  /// substitutions and transpositions of adjacent characters each cost 1.
  public static func distance(_ a: [Character], _ b: [Character]) -> Int {
    if a.isEmpty { return b.count }
    if b.isEmpty { return a.count }
    var d = [[Int]](repeating: [Int](repeating: 0, count: b.count + 1), count: a.count + 1)
    for i in 0...a.count { d[i][0] = i }
    for j in 0...b.count { d[0][j] = j }
    for i in 1...a.count {
      for j in 1...b.count {
        let cost = a[i - 1] == b[j - 1] ? 0 : 1
        d[i][j] = Swift.min(d[i - 1][j] + 1, d[i][j - 1] + 1, d[i - 1][j - 1] + cost)
        if i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1] {
          d[i][j] = Swift.min(d[i][j], d[i - 2][j - 2] + 1)
        }
      }
    }
    return d[a.count][b.count]
  }
}
