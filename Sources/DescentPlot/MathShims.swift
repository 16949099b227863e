import RealModule

// Elementary functions through swift-numerics, so that the module needs no Foundation.

@inlinable func log10Value(_ x: Double) -> Double { Double.log10(x) }
@inlinable func exp10Value(_ x: Double) -> Double { Double.exp10(x) }
