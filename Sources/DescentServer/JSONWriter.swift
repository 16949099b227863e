/// A small, allocation-light JSON writer for the API's responses.
///
/// The responses are mostly long arrays of numbers (grid values, trajectories), which
/// `JSONEncoder` handles through one boxed value per number; this writer appends the
/// text of each number straight into one byte buffer. Non-finite numbers are written as
/// `null` (JSON has no NaN or ∞); the page reads `null` as "undefined here".
///
/// Keys and commas are managed by the caller through ``key(_:)`` and the
/// ``beginObject()``/``endObject()`` pairs; the writer inserts commas itself.
struct JSONWriter {
  private(set) var bytes: [UInt8] = []
  /// True when the next value at this nesting level needs a comma before it.
  private var needsComma: [Bool] = [false]

  init(capacity: Int = 4096) { bytes.reserveCapacity(capacity) }

  mutating func beginObject() {
    beforeValue()
    bytes.append(UInt8(ascii: "{"))
    needsComma.append(false)
  }

  mutating func endObject() {
    needsComma.removeLast()
    bytes.append(UInt8(ascii: "}"))
  }

  mutating func beginArray() {
    beforeValue()
    bytes.append(UInt8(ascii: "["))
    needsComma.append(false)
  }

  mutating func endArray() {
    needsComma.removeLast()
    bytes.append(UInt8(ascii: "]"))
  }

  /// Writes `"name":`; the next value written is the key's value.
  mutating func key(_ name: String) {
    if needsComma[needsComma.count - 1] { bytes.append(UInt8(ascii: ",")) }
    appendQuoted(name)
    bytes.append(UInt8(ascii: ":"))
    pendingKey = true
  }

  /// Set between a key and its value so the value writes no comma.
  private var pendingKey = false

  private mutating func beforeValue() {
    if pendingKey {
      pendingKey = false
    } else if needsComma[needsComma.count - 1] {
      bytes.append(UInt8(ascii: ","))
    }
    needsComma[needsComma.count - 1] = true
  }

  mutating func string(_ value: String) {
    beforeValue()
    appendQuoted(value)
  }

  mutating func string(_ value: String?) {
    if let value { string(value) } else { null() }
  }

  /// A number, shortest round-trip form; `null` when not finite.
  mutating func number(_ value: Double) {
    beforeValue()
    appendNumber(value)
  }

  mutating func number(_ value: Double?) {
    if let value { number(value) } else { null() }
  }

  /// A number rounded to single precision (about 7 significant digits) for data that is
  /// only drawn, such as grid values and contour coordinates.
  mutating func compactNumber(_ value: Double) {
    beforeValue()
    appendCompact(value)
  }

  mutating func integer(_ value: Int) {
    beforeValue()
    bytes.append(contentsOf: String(value).utf8)
  }

  mutating func integer(_ value: Int?) {
    if let value { integer(value) } else { null() }
  }

  mutating func bool(_ value: Bool) {
    beforeValue()
    bytes.append(contentsOf: (value ? "true" : "false").utf8)
  }

  mutating func null() {
    beforeValue()
    bytes.append(contentsOf: "null".utf8)
  }

  /// An array of numbers (full precision).
  mutating func numbers<C: Collection>(_ values: C) where C.Element == Double {
    beginArray()
    var first = true
    for v in values {
      if !first { bytes.append(UInt8(ascii: ",")) }
      first = false
      appendNumber(v)
    }
    endArray()
  }

  /// An array of numbers in single precision.
  mutating func compactNumbers<C: Collection>(_ values: C) where C.Element == Double {
    beginArray()
    var first = true
    for v in values {
      if !first { bytes.append(UInt8(ascii: ",")) }
      first = false
      appendCompact(v)
    }
    endArray()
  }

  mutating func integers<C: Collection>(_ values: C) where C.Element == Int {
    beginArray()
    var first = true
    for v in values {
      if !first { bytes.append(UInt8(ascii: ",")) }
      first = false
      appendInteger(v)
    }
    endArray()
  }

  /// Digits of small non-negative integers (colour indices, labels) without a String.
  private mutating func appendInteger(_ v: Int) {
    if v >= 0 && v < 1000 {
      if v >= 100 { bytes.append(UInt8(ascii: "0") &+ UInt8(v / 100)) }
      if v >= 10 { bytes.append(UInt8(ascii: "0") &+ UInt8(v / 10 % 10)) }
      bytes.append(UInt8(ascii: "0") &+ UInt8(v % 10))
    } else {
      bytes.append(contentsOf: String(v).utf8)
    }
  }

  mutating func strings(_ values: [String]) {
    beginArray()
    for v in values { string(v) }
    endArray()
  }

  // MARK: - Text

  private mutating func appendNumber(_ v: Double) {
    guard v.isFinite else {
      bytes.append(contentsOf: "null".utf8)
      return
    }
    if v == v.rounded(), Swift.abs(v) < 1e15 {
      // Integral values: "3" rather than "3.0".
      bytes.append(contentsOf: String(Int64(v)).utf8)
      return
    }
    bytes.append(contentsOf: v.description.utf8)
  }

  private mutating func appendCompact(_ v: Double) {
    let f = Float(v)
    guard f.isFinite else {
      bytes.append(contentsOf: "null".utf8)
      return
    }
    if f == f.rounded(), Swift.abs(f) < 1e7 {
      bytes.append(contentsOf: String(Int32(f)).utf8)
      return
    }
    bytes.append(contentsOf: f.description.utf8)
  }

  private mutating func appendQuoted(_ s: String) {
    bytes.append(UInt8(ascii: "\""))
    for unit in s.utf8 {
      switch unit {
      case UInt8(ascii: "\""): bytes.append(contentsOf: [UInt8(ascii: "\\"), UInt8(ascii: "\"")])
      case UInt8(ascii: "\\"): bytes.append(contentsOf: [UInt8(ascii: "\\"), UInt8(ascii: "\\")])
      case 0x0A: bytes.append(contentsOf: [UInt8(ascii: "\\"), UInt8(ascii: "n")])
      case 0x0D: bytes.append(contentsOf: [UInt8(ascii: "\\"), UInt8(ascii: "r")])
      case 0x09: bytes.append(contentsOf: [UInt8(ascii: "\\"), UInt8(ascii: "t")])
      case 0..<0x20, 0x7F:
        let hex: [UInt8] = Array("0123456789abcdef".utf8)
        bytes.append(contentsOf: [
          UInt8(ascii: "\\"), UInt8(ascii: "u"), UInt8(ascii: "0"), UInt8(ascii: "0"), hex[Int(unit >> 4)],
          hex[Int(unit & 0xF)],
        ])
      default: bytes.append(unit)
      }
    }
    bytes.append(UInt8(ascii: "\""))
  }
}
