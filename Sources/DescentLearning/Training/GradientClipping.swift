import DescentCore

// Until the schedules branch's clipping lands in DescentOptimizers, training clips with
// this local function (same formula as PyTorch's clip_grad_norm_).

/// Scales `gradient` so its global L2 norm is at most `maxNorm` (PyTorch `clip_grad_norm_`).
///
/// ```
/// ‖g‖ = √(Σ gᵢ²);   if ‖g‖ > maxNorm:  g ← g · maxNorm / (‖g‖ + 1e−6)
/// ```
/// Returns the norm before clipping (NaN/∞ gradients are left unchanged and their norm
/// returned, so the caller can stop on divergence).
@discardableResult
func clipByGlobalNorm<S: DescentScalar>(_ gradient: UnsafeMutableBufferPointer<S>, maxNorm: Double) -> Double {
  var sum = 0.0
  for g in gradient { sum += Double(g) * Double(g) }
  let norm = sum.squareRoot()
  guard norm.isFinite, norm > maxNorm else { return norm }
  let coefficient = S(maxNorm / (norm + 1e-6))
  for i in gradient.indices { gradient[i] *= coefficient }
  return norm
}
