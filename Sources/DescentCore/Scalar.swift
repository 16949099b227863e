import RealModule

/// The floating-point types Descent computes in: `Float` and `Double`.
///
/// Every objective, optimizer and analysis is generic over a `DescentScalar`, so one
/// implementation serves both precisions. `Real` (swift-numerics) supplies the elementary
/// functions (`exp`, `log`, `sin`, …) generically.
public protocol DescentScalar: Real, BinaryFloatingPoint, Codable, Sendable, SIMDScalar,
  LosslessStringConvertible
where Self.RawSignificand: FixedWidthInteger {}

extension Float: DescentScalar {}
extension Double: DescentScalar {}

extension DescentScalar {
  /// This value as a `Double`.
  @inlinable @inline(__always)
  public var doubleValue: Double { Double(self) }
}
