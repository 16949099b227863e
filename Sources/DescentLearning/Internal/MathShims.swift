import DescentCore

// Elementary functions through DescentScalar's `Real` conformance (swift-numerics), so the
// module needs no direct RealModule or Glibc import.
@inline(__always) func _log(_ x: Double) -> Double { Double.log(x) }
@inline(__always) func _cos(_ x: Double) -> Double { Double.cos(x) }
@inline(__always) func _sin(_ x: Double) -> Double { Double.sin(x) }
