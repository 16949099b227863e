import ArgumentParser

/// Parses `1.8,0.5` (or `1.8 0.5`) into coordinates, naming the flag and the bad entry.
func parseVector(_ text: String, flag: String) throws -> [Double] {
  let parts = text.split(whereSeparator: { $0 == "," || $0 == " " }).map(String.init)
  if parts.isEmpty { throw InputError("\(flag) is empty; give coordinates like 1.8,0.5") }
  return try parts.enumerated().map { i, p in
    guard let v = Double(p) else {
      throw InputError("\(flag): coordinate \(i + 1) '\(p)' is not a number (in '\(text)')")
    }
    guard v.isFinite else { throw InputError("\(flag): coordinate \(i + 1) '\(p)' is not finite") }
    return v
  }
}

/// Parses `lo:hi,lo:hi` (a box, one interval per coordinate).
func parseBox(_ text: String, flag: String) throws -> [ClosedRange<Double>] {
  let parts = text.split(separator: ",").map(String.init)
  if parts.isEmpty { throw InputError("\(flag) is empty; give intervals like -2:2,-1:3") }
  return try parts.enumerated().map { i, p in
    let ends = p.split(separator: ":", omittingEmptySubsequences: false).map(String.init)
    guard ends.count == 2, let lo = Double(ends[0]), let hi = Double(ends[1]), lo.isFinite, hi.isFinite
    else {
      throw InputError("\(flag): interval \(i + 1) '\(p)' is not of the form lo:hi (in '\(text)')")
    }
    guard lo < hi else { throw InputError("\(flag): interval \(i + 1) '\(p)' is empty (lo must be < hi)") }
    return lo...hi
  }
}
