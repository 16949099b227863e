/// An sRGB colour with 8-bit channels, written as `#rrggbb`.
public struct Color: Hashable, Sendable, CustomStringConvertible {
  public var red: UInt8
  public var green: UInt8
  public var blue: UInt8

  public init(red: UInt8, green: UInt8, blue: UInt8) {
    self.red = red
    self.green = green
    self.blue = blue
  }

  /// From a 24-bit value such as `0x0072B2`.
  public init(hex: UInt32) {
    self.init(red: UInt8((hex >> 16) & 0xFF), green: UInt8((hex >> 8) & 0xFF), blue: UInt8(hex & 0xFF))
  }

  /// `#rrggbb` (lowercase), or the 3-digit form when it is exact.
  public var description: String {
    let digits = Array("0123456789abcdef")
    let channels = [red, green, blue]
    if channels.allSatisfy({ $0 >> 4 == $0 & 0xF }) {
      return "#" + String(channels.map { digits[Int($0 & 0xF)] })
    }
    var s = "#"
    for c in channels {
      s.append(digits[Int(c >> 4)])
      s.append(digits[Int(c & 0xF)])
    }
    return s
  }

  /// Linear interpolation in sRGB: `self` at `t = 0`, `other` at `t = 1`.
  public func mixed(with other: Color, _ t: Double) -> Color {
    let t = Swift.min(1, Swift.max(0, t))
    func lerp(_ a: UInt8, _ b: UInt8) -> UInt8 {
      UInt8((Double(a) + (Double(b) - Double(a)) * t).rounded())
    }
    return Color(red: lerp(red, other.red), green: lerp(green, other.green), blue: lerp(blue, other.blue))
  }

  public static let white = Color(hex: 0xFFFFFF)
  public static let black = Color(hex: 0x000000)
}
