/// A minimal PNG encoder for indexed-colour images (used for heatmaps).
///
/// Writes colour type 3 (palette), 8 bits per pixel, no interlace; the image data is a
/// zlib stream of *stored* (uncompressed) deflate blocks, so the encoder needs no
/// compressor: a `w × h` image costs `h·(w + 1)` bytes plus ~60 bytes of chunks and the
/// palette. Checksums: CRC-32 per chunk (ISO 3309 polynomial `0xEDB88320`), Adler-32 over
/// the raw data (RFC 1950).
///
/// References: PNG specification (W3C, 2003), RFC 1950 (zlib), RFC 1951 §3.2.4 (stored
/// blocks).
public enum PNGEncoder {
  /// A PNG of `width × height` pixels, row-major from the top-left, each pixel an index
  /// into `palette` (at most 256 colours).
  public static func indexed(width: Int, height: Int, pixels: [UInt8], palette: [Color]) -> [UInt8] {
    precondition(width > 0 && height > 0, "PNG needs a positive size")
    precondition(pixels.count == width * height, "PNG needs width × height pixels")
    precondition(!palette.isEmpty && palette.count <= 256, "PNG palette holds 1…256 colours")
    var out: [UInt8] = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]
    var header: [UInt8] = []
    header += bigEndian(UInt32(width))
    header += bigEndian(UInt32(height))
    header += [8, 3, 0, 0, 0]
    chunk("IHDR", header, into: &out)
    chunk("PLTE", palette.flatMap { [$0.red, $0.green, $0.blue] }, into: &out)

    // Scanlines: filter byte 0 (none) then the row.
    var raw: [UInt8] = []
    raw.reserveCapacity(height * (width + 1))
    for row in 0..<height {
      raw.append(0)
      raw += pixels[(row * width)..<((row + 1) * width)]
    }
    var zlib: [UInt8] = [0x78, 0x01]
    var offset = 0
    repeat {
      let length = Swift.min(65_535, raw.count - offset)
      let final: UInt8 = offset + length == raw.count ? 1 : 0
      zlib.append(final)
      zlib += [UInt8(length & 0xFF), UInt8(length >> 8), UInt8(~length & 0xFF), UInt8((~length >> 8) & 0xFF)]
      zlib += raw[offset..<(offset + length)]
      offset += length
    } while offset < raw.count
    zlib += bigEndian(adler32(raw))
    chunk("IDAT", zlib, into: &out)
    chunk("IEND", [], into: &out)
    return out
  }

  static func chunk(_ type: String, _ data: [UInt8], into out: inout [UInt8]) {
    out += bigEndian(UInt32(data.count))
    let typed = Array(type.utf8) + data
    out += typed
    out += bigEndian(crc32(typed))
  }

  static func bigEndian(_ v: UInt32) -> [UInt8] {
    [UInt8(v >> 24), UInt8((v >> 16) & 0xFF), UInt8((v >> 8) & 0xFF), UInt8(v & 0xFF)]
  }

  static let crcTable: [UInt32] = (0..<256).map { n -> UInt32 in
    var c = UInt32(n)
    for _ in 0..<8 { c = c & 1 != 0 ? 0xEDB8_8320 ^ (c >> 1) : c >> 1 }
    return c
  }

  /// CRC-32 (`crc32("123456789") == 0xCBF43926`).
  public static func crc32(_ bytes: [UInt8]) -> UInt32 {
    var c: UInt32 = 0xFFFF_FFFF
    for b in bytes { c = crcTable[Int((c ^ UInt32(b)) & 0xFF)] ^ (c >> 8) }
    return c ^ 0xFFFF_FFFF
  }

  /// Adler-32 (`adler32("Wikipedia") == 0x11E60398`).
  public static func adler32(_ bytes: [UInt8]) -> UInt32 {
    var a: UInt32 = 1
    var b: UInt32 = 0
    for chunkStart in stride(from: 0, to: bytes.count, by: 5552) {
      for k in chunkStart..<Swift.min(bytes.count, chunkStart + 5552) {
        a += UInt32(bytes[k])
        b += a
      }
      a %= 65_521
      b %= 65_521
    }
    return (b << 16) | a
  }

  /// Standard base64 (RFC 4648, with padding).
  public static func base64(_ bytes: [UInt8]) -> String {
    let alphabet = Array("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/".utf8)
    var out: [UInt8] = []
    out.reserveCapacity((bytes.count + 2) / 3 * 4)
    var i = 0
    while i + 2 < bytes.count {
      let n = UInt32(bytes[i]) << 16 | UInt32(bytes[i + 1]) << 8 | UInt32(bytes[i + 2])
      out += [alphabet[Int(n >> 18)], alphabet[Int((n >> 12) & 63)], alphabet[Int((n >> 6) & 63)], alphabet[Int(n & 63)]]
      i += 3
    }
    let rest = bytes.count - i
    if rest == 1 {
      let n = UInt32(bytes[i]) << 16
      out += [alphabet[Int(n >> 18)], alphabet[Int((n >> 12) & 63)], UInt8(ascii: "="), UInt8(ascii: "=")]
    } else if rest == 2 {
      let n = UInt32(bytes[i]) << 16 | UInt32(bytes[i + 1]) << 8
      out += [alphabet[Int(n >> 18)], alphabet[Int((n >> 12) & 63)], alphabet[Int((n >> 6) & 63)], UInt8(ascii: "=")]
    }
    return String(decoding: out, as: UTF8.self)
  }
}
