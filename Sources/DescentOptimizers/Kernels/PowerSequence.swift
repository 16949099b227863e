import RealModule

/// `βᵗ` for the step counts `t = 1, 2, …` an optimizer takes, one double-double
/// multiplication per step instead of a call of `pow` (Adam's bias corrections `1 − β₁ᵗ`,
/// `1 − β₂ᵗ`). Not API.
///
/// ```
/// (h, l)ₜ = (h, l)ₜ₋₁ · β       (Dekker's exact product, ~106-bit running value)
/// βᵗ ≈ h + l                     (rounded once to Double)
/// ```
///
/// The running value carries about 100 significant bits, so after `t` steps its relative
/// error is below `t · 2⁻¹⁰³` and `h + l` is the correctly rounded `βᵗ` except when `βᵗ`
/// lies within that distance of a rounding boundary (libm's `pow`, which PyTorch calls,
/// is within 0.52 ulp, so the two can differ in the last bit, about once in a few thousand
/// steps; the bias corrections then differ by 1 ulp). Every operation is an IEEE 754 add or
/// multiply (no fused multiply-add), so the sequence is the same on every machine, and a
/// resumed run, which recomputes `βᵗ` from `t` by the same multiplications, continues
/// bit-identically. Once `βᵗ < 2⁻⁶⁰` (where `1 − βᵗ` rounds to 1) the value stops
/// changing, so a jump to a large `t` costs at most a few thousand multiplications for
/// usual β. For β outside `[0, 1)` it calls `pow`.
@usableFromInline
struct _PowerSequence: Sendable {
  @usableFromInline var base: Double = .nan
  @usableFromInline var exponent: Int = 0
  @usableFromInline var high: Double = 1
  @usableFromInline var low: Double = 0
  /// Veltkamp's split of `base`.
  @usableFromInline var baseHigh: Double = 0
  @usableFromInline var baseLow: Double = 0

  @inlinable init() {}

  /// `βᵗ` (or a value below `2⁻⁶⁰` when `βᵗ` is; see above). The next step's power is one
  /// inlined multiplication (none once frozen); everything else goes to
  /// ``restart(_:_:)``, out of line.
  @inlinable @inline(__always)
  mutating func power(_ beta: Double, _ t: Int) -> Double {
    if _fastPath(beta == base && t == exponent + 1) {
      if high >= 0x1p-60 { multiply() }
      exponent = t
      return high + low
    }
    return restart(beta, t)
  }

  /// Any other request: a new β, a step backwards or a jump (or β outside `[0, 1)`).
  @inlinable @inline(never)
  mutating func restart(_ beta: Double, _ t: Int) -> Double {
    guard beta >= 0 && beta < 1 && t >= 0 else { return Double.pow(beta, Double(t)) }
    if beta != base || t < exponent {
      base = beta
      (baseHigh, baseLow) = Self.split(beta)
      exponent = 0
      high = 1
      low = 0
    }
    while exponent < t {
      if high < 0x1p-60 {
        exponent = t
        break
      }
      multiply()
      exponent += 1
    }
    return high + low
  }

  /// `(high, low) ← (high, low) · base`, with Dekker's splitting (no FMA needed).
  @inlinable @inline(__always)
  mutating func multiply() {
    let p = high * base
    let (ah, al) = Self.split(high)
    let e = ((ah * baseHigh - p) + ah * baseLow + al * baseHigh) + al * baseLow + low * base
    let s = p + e
    high = s
    low = e - (s - p)
  }

  /// Veltkamp's split of `a` into two halves of 26 bits: `a = hi + lo` exactly.
  @inlinable @inline(__always)
  static func split(_ a: Double) -> (Double, Double) {
    let c = 134_217_729.0 * a  // 2²⁷ + 1
    let hi = c - (c - a)
    return (hi, a - hi)
  }
}
