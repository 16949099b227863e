import Testing

@testable import DescentPlot

@Suite("Path data and simplification")
struct PathDataTests {
  @Test("path data round-trips through the parser to 0.1 px and drops duplicate points")
  func roundTrip() {
    let points = [PlotPoint(10.04, 20.06), PlotPoint(10.04, 20.06), PlotPoint(15.55, 18.2), PlotPoint(-3.21, 40.0), PlotPoint(-3.24, 40.01)]
    let d = PathData.polyline(points)
    let parsed = parsePathData(d)
    #expect(parsed.count == 1)
    let back = parsed[0].points
    // Duplicates (equal after rounding) are dropped: 5 points → 3.
    #expect(back.count == 3)
    for (p, q) in zip([points[0], points[2], points[3]], back) {
      #expect(abs(p.x - q.x) <= 0.05 + 1e-9)
      #expect(abs(p.y - q.y) <= 0.05 + 1e-9)
    }
  }

  @Test("closed paths end with z and do not repeat the first point")
  func closedRing() {
    let ring = [PlotPoint(0, 0), PlotPoint(10, 0), PlotPoint(10, 10), PlotPoint(0, 0)]
    let d = PathData.polyline(ring, closed: true)
    #expect(d.hasSuffix("z"))
    let parsed = parsePathData(d)
    #expect(parsed[0].closed)
    #expect(parsed[0].points.count == 3)
  }

  @Test("Douglas–Peucker keeps every removed point within the tolerance")
  func simplificationTolerance() {
    let points = (0...400).map { k -> PlotPoint in
      let t = Double(k) / 400 * 6.283
      return PlotPoint(100 * t, 50 * (t * 1.7).sinApprox())
    }
    let simplified = PolylineSimplification.simplify(points, tolerance: 0.3)
    #expect(simplified.count < points.count / 2)
    #expect(simplified.first == points.first && simplified.last == points.last)
    for p in points { #expect(distance(from: p, toPolylines: [simplified]) <= 0.3 + 1e-9) }
  }

  @Test("clipping cuts a segment that leaves the rectangle at the boundary")
  func clipping() {
    let pieces = PolylineClipping.clip([PlotPoint(5, 5), PlotPoint(15, 5), PlotPoint(15, 8), PlotPoint(5, 8)], minX: 0, minY: 0, maxX: 10, maxY: 10)
    #expect(pieces.count == 2)
    #expect(pieces[0] == [PlotPoint(5, 5), PlotPoint(10, 5)])
    #expect(pieces[1] == [PlotPoint(10, 8), PlotPoint(5, 8)])
  }

  @Test("XML text escaping keeps documents well-formed for any label")
  func escaping() {
    #expect(XMLText.escape("a<b & \"c\" 'd'>") == "a&lt;b &amp; &quot;c&quot; &apos;d&apos;&gt;")
    #expect(XMLText.escape("bell\u{7}") == "bell\u{FFFD}")
    #expect(XMLText.escape("plain η=0.1") == "plain η=0.1")
  }
}

extension Double {
  /// sin by Taylor series on a reduced argument (keeps the test free of Foundation).
  func sinApprox() -> Double {
    var x = self.truncatingRemainder(dividingBy: 2 * Double.pi)
    if x > Double.pi { x -= 2 * Double.pi }
    var term = x
    var sum = x
    for n in 1..<12 {
      term *= -x * x / Double((2 * n) * (2 * n + 1))
      sum += term
    }
    return sum
  }
}

@Suite("PNG encoder")
struct PNGEncoderTests {
  @Test("checksums match their standard check values")
  func checksums() {
    #expect(PNGEncoder.crc32(Array("123456789".utf8)) == 0xCBF4_3926)
    #expect(PNGEncoder.adler32(Array("Wikipedia".utf8)) == 0x11E6_0398)
    #expect(PNGEncoder.base64(Array("Man".utf8)) == "TWFu")
    #expect(PNGEncoder.base64(Array("Ma".utf8)) == "TWE=")
    #expect(PNGEncoder.base64(Array("M".utf8)) == "TQ==")
  }

  @Test("an indexed PNG has valid chunks whose CRCs check, and stored blocks that hold the pixels")
  func structure() {
    let width = 300
    let height = 250  // 250·301 bytes: more than one 65535-byte stored block
    let pixels = (0..<(width * height)).map { UInt8($0 % 7) }
    let palette = (0..<7).map { Color(red: UInt8($0 * 30), green: 0, blue: 0) }
    let png = PNGEncoder.indexed(width: width, height: height, pixels: pixels, palette: palette)
    #expect(Array(png[0..<8]) == [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A])
    var offset = 8
    var types: [String] = []
    var idat: [UInt8] = []
    while offset < png.count {
      let length = Int(png[offset]) << 24 | Int(png[offset + 1]) << 16 | Int(png[offset + 2]) << 8 | Int(png[offset + 3])
      let typed = Array(png[(offset + 4)..<(offset + 8 + length)])
      let crc = UInt32(png[offset + 8 + length]) << 24 | UInt32(png[offset + 9 + length]) << 16
        | UInt32(png[offset + 10 + length]) << 8 | UInt32(png[offset + 11 + length])
      #expect(PNGEncoder.crc32(typed) == crc)
      let type = String(decoding: typed[0..<4], as: UTF8.self)
      types.append(type)
      if type == "IDAT" { idat = Array(typed[4...]) }
      offset += 12 + length
    }
    #expect(types == ["IHDR", "PLTE", "IDAT", "IEND"])
    // Inflate the stored blocks by hand and compare with the scanlines.
    var raw: [UInt8] = []
    var p = 2
    var final = false
    while !final {
      final = idat[p] & 1 == 1
      #expect(idat[p] >> 1 == 0)  // BTYPE 00: stored
      let len = Int(idat[p + 1]) | Int(idat[p + 2]) << 8
      let nlen = Int(idat[p + 3]) | Int(idat[p + 4]) << 8
      #expect(len ^ nlen == 0xFFFF)
      raw += idat[(p + 5)..<(p + 5 + len)]
      p += 5 + len
    }
    #expect(raw.count == height * (width + 1))
    for row in [0, 100, height - 1] {
      #expect(raw[row * (width + 1)] == 0)
      #expect(Array(raw[(row * (width + 1) + 1)..<((row + 1) * (width + 1))]) == Array(pixels[(row * width)..<((row + 1) * width)]))
    }
  }
}
